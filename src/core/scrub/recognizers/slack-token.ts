// The slack_token recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { Pattern } from './pattern';

export const slackToken: readonly Pattern[] = [
  { name: 'slack_token', tag: 'API_KEY', minLength: 15, pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}|https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]+/g },
];
