// The iban recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { PatternSpec } from './pattern';
import { ibanValid } from '../validators';

export const iban: readonly PatternSpec[] = [
  // Either case: the mod-97 checksum keeps ordinary words out. Groups may be joined by spaces, dashes or dots
  // ("DE89-3704-0044-0532-0130-00"); a dashed or dotted one must also be of a known country and length (ibanValid).
  { tag: 'IBAN', minLength: 15, needsDigit: true, pattern: /\b[A-Za-z]{2}\d{2}(?:[ .-]?[A-Za-z0-9]){11,30}\b/g, validate: ibanValid, retry: true },
];
