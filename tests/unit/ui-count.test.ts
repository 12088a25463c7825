import { describe, expect, it } from 'vitest';
import { count } from '../../src/ui/count';

describe('count', () => {
  it('is singular for one and plural otherwise', () => {
    expect([0, 1, 2, 12].map((n) => count(n, 'step'))).toEqual(['0 steps', '1 step', '2 steps', '12 steps']);
  });
});
