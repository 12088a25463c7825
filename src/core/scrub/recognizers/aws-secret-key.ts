// The aws_secret_key recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { Pattern } from './pattern';

export const awsSecretKey: readonly Pattern[] = [
  { name: 'aws_secret_key', tag: 'API_KEY', minLength: 44, pattern: /aws.{0,20}(?:secret|private).{0,20}?[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi, group: 1 },
];
