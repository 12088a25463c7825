// The slack_token recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { PatternSpec } from './pattern';

export const slackToken: readonly PatternSpec[] = [
  { tag: 'API_KEY', minLength: 15, pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}|https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]+/g },
];
