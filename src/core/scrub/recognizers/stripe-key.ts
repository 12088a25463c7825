// The stripe_key recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { Pattern } from './pattern';

export const stripeKey: readonly Pattern[] = [
  { name: 'stripe_key', tag: 'API_KEY', minLength: 24, pattern: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
];
