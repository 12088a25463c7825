// The google_api_key recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { PatternSpec } from './pattern';

export const googleApiKey: readonly PatternSpec[] = [
  { tag: 'API_KEY', minLength: 39, pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
];
