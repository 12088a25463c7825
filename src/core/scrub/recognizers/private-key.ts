// The private_key recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { Pattern } from './pattern';

export const privateKey: readonly Pattern[] = [
  {
    name: 'private_key', tag: 'SECRET', minLength: 27,
    pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
];
