// The ssn recogniser: its patterns (pattern.ts), listed in registry.ts.
import { B, E, type PatternSpec } from './pattern';
import { ssnValid } from '../validators';

export const ssn: readonly PatternSpec[] = [
  { tag: 'SSN', minLength: 11, needsDigit: true, pattern: new RegExp(`${B}\\d{3}([- ])\\d{2}\\1\\d{4}${E}`, 'g'), validate: ssnValid },
  // Nine bare digits only where a label says what they are.
  { tag: 'SSN', minLength: 12, needsDigit: true, pattern: /\b(?:SSN|social security(?: number| no\.?)?)\s*[:#]?\s*(\d{9})\b/gi, group: 1, validate: ssnValid },
];
