// The aws_access_key recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { PatternSpec } from './pattern';

export const awsAccessKey: readonly PatternSpec[] = [
  { tag: 'API_KEY', minLength: 20, pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g },
];
