// The email recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { PatternSpec } from './pattern';

export const email: readonly PatternSpec[] = [
  // Also percent-encoded (jane%40example.com), as it appears in query strings shown as text. The lookbehind
  // starts a match only where a run of local-part characters starts: without it every position inside a long
  // run (a hex blob, a base64 state URL) rescanned the rest of it, quadratic (10 s on 100 KB of hex).
  { tag: 'EMAIL', minLength: 6, needsChar: ['@', '%'], pattern: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]+/g },
];
