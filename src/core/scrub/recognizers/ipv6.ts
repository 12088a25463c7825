// The ipv6 recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { PatternSpec } from './pattern';
import { ipv6Valid } from '../validators';

export const ipv6: readonly PatternSpec[] = [
  { tag: 'IP', minLength: 3, needsChar: [':'], pattern: /(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,7}(?::|(?::[0-9A-Fa-f]{1,4}){1,7}|[0-9A-Fa-f]{1,4})(?![\w:])/g, validate: ipv6Valid },
];
