// The google_api_key recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { Pattern } from './pattern';

export const googleApiKey: readonly Pattern[] = [
  { name: 'google_api_key', tag: 'API_KEY', minLength: 39, pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
];
