// The github_token recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { PatternSpec } from './pattern';

export const githubToken: readonly PatternSpec[] = [
  { tag: 'API_KEY', minLength: 33, pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
];
