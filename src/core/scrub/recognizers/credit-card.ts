// The credit_card recogniser: its patterns (pattern.ts), listed in registry.ts.
import { B, E, type PatternSpec } from './pattern';
import { cardStandsAlone, luhn12Valid, luhnValid } from '../validators';

export const creditCard: readonly PatternSpec[] = [
  // Twelve digits (Maestro's shortest) only after a card's label, with the Luhn check: "cc 503802053770", "card 501864667909".
  { tag: 'CARD', minLength: 14, needsDigit: true, pattern: /\b(?:card|cc|credit card|debit card|maestro)(?:\s+(?:number|no\.?|#))?\s*[:#]?\s*(\d{12})(?![\d-])/gi, group: 1, validate: luhn12Valid },
  { tag: 'CARD', minLength: 13, needsDigit: true, pattern: new RegExp(`${B}(?:\\d[ .-]?){12,18}\\d${E}`, 'g'), validate: luhnValid, context: cardStandsAlone, retry: true },
];
