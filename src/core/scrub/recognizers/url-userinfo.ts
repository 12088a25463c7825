// The url_userinfo recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { PatternSpec } from './pattern';

export const urlUserinfo: readonly PatternSpec[] = [
  {
    // user:password@ in any URL written as text (connection strings, curl commands).
    tag: 'SECRET', minLength: 9, needsChar: [':'], pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/([^\s:@/]+:[^\s@/]+)@/gi, group: 1,
  },
];
