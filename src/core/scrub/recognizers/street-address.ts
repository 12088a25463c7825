// The street_address recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { PatternSpec } from './pattern';

export const streetAddress: readonly PatternSpec[] = [
  {
    tag: 'ADDRESS', minLength: 7, needsDigit: true,
    pattern: /\b\d{1,6}[A-Z]?\s+(?:[A-Z][a-z]+\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Parkway|Pkwy)\b\.?(?:,?\s+(?:Apt|Suite|Unit|#)\s*[\w-]+)?/g,
  },
];
