// The stripe_key recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { PatternSpec } from './pattern';

export const stripeKey: readonly PatternSpec[] = [
  { tag: 'API_KEY', minLength: 24, pattern: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
];
