// The credit_card recogniser: its patterns (pattern.ts), listed in registry.ts.
import type { PatternSpec } from './pattern';
import { cardStandsAlone, luhn12Valid, luhnValid } from '../validators';

/**
 * Not glued to a word (pattern.ts's B and E), save by a dash or dot to a 4-digit group, as in a list of cards
 * (cardStandsAlone judges the run). Only a 4-digit group: `1-1-1-…` must start no match at each digit (a megabyte of
 * it took 10 s, not 0.2).
 */
const CARD_B = '(?<![\\w@]|(?<!(?<!\\d)\\d{4})[.-])';
const CARD_E = '(?![\\w@]|-(?!\\d{4}(?!\\d)))';

export const creditCard: readonly PatternSpec[] = [
  // Twelve digits (Maestro's shortest) only after a card's label, with the Luhn check: "cc 503802053770", "card 501864667909".
  { tag: 'CARD', minLength: 14, needsDigit: true, pattern: /\b(?:card|cc|credit card|debit card|maestro)(?:\s+(?:number|no\.?|#))?\s*[:#]?\s*(\d{12})(?![\d-])/gi, group: 1, validate: luhn12Valid },
  // A dash or dot beside it may join another 4-digit group ("4111-1111-1111-1111-5500-…", a list of cards):
  // cardStandsAlone decides whether the run is one longer number or several cards.
  { tag: 'CARD', minLength: 13, needsDigit: true, pattern: new RegExp(`${CARD_B}(?:\\d[ .-]?){12,18}\\d${CARD_E}`, 'g'), validate: luhnValid, context: cardStandsAlone, retry: true },
];
