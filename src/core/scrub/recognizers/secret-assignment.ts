// The secret_assignment recogniser: its patterns (pattern.ts), listed in registry.ts.
import type { PatternSpec } from './pattern';
import { hasDigitOrSymbol, looksRandom } from '../validators';

export const secretAssignment: readonly PatternSpec[] = [
  {
    tag: 'SECRET', minLength: 12,
    pattern: /\b(?:api[_-]?key|apikey|secret|client[_-]?secret|access[_-]?token|auth[_-]?token|token|password|passwd|pwd|account[_-]?key|shared[_-]?access[_-]?key|private[_-]?key)\b\s*[:=]\s*["']?([^\s"'<>,;&#]{8,})/gi, group: 1,
  },
  {
    // A key named by its label, as dashboards and docs show it: "DD_API_KEY=…", "Algolia Admin API Key 93b4…",
    // "X-Api-Key: …". The value must look random (letters and digits, 16+ characters), so "API key rotation" stays.
    tag: 'SECRET', minLength: 23,
    pattern: /(?<![A-Za-z0-9])(?:[A-Za-z0-9]+[_.\- ])?(?:api[_ -]?key|access[_ -]?key|secret[_ -]?key|admin[_ -]?key|app[_ -]?key|auth[_ -]?token|access[_ -]?token|api[_ -]?token|client[_ -]?secret|webhook[_ -]?secret)s?(?:\s*[:=]\s*["']?|\s+)([A-Za-z0-9_\-+/=.]{16,128})(?![A-Za-z0-9_\-+/=])/gi,
    group: 1, validate: looksRandom,
  },
  {
    // "my password is hunter2": only when the word after looks like a secret (a digit or a symbol), so
    // "password is required" stays.
    tag: 'SECRET', minLength: 9,
    pattern: /\b(?:password|passcode|passphrase|pwd|pin)\s+(?:is|was|=)\s*[:"']?\s*([^\s"'<>,;]{4,64})/gi, group: 1, validate: hasDigitOrSymbol,
  },
];
