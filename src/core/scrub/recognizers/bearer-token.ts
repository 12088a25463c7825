// The bearer_token recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { PatternSpec } from './pattern';

export const bearerToken: readonly PatternSpec[] = [
  { tag: 'TOKEN', minLength: 23, pattern: /\bBearer\s+([A-Za-z0-9._~+/-]{16,}=*)/g, group: 1 },
];
