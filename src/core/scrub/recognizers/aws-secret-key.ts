// The aws_secret_key recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { PatternSpec } from './pattern';

export const awsSecretKey: readonly PatternSpec[] = [
  { tag: 'API_KEY', minLength: 44, pattern: /aws.{0,20}(?:secret|private).{0,20}?[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi, group: 1 },
];
