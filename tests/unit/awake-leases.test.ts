import { describe, expect, it } from 'vitest';
import { AwakeLeases } from '../../src/core/awake-leases';

describe('AwakeLeases', () => {
  it('holds nothing at first, and something while a lease runs', () => {
    const l = new AwakeLeases();
    expect(l.held(0)).toBe(false);
    l.hold('export', 0, 1000);
    expect(l.held(999)).toBe(true);
    expect(l.held(1000)).toBe(false);
  });

  it('keeps a lease without an end until it is released', () => {
    const l = new AwakeLeases();
    l.hold('loop', 0);
    expect(l.held(1e12)).toBe(true);
    l.release('loop');
    expect(l.held(1e12)).toBe(false);
  });

  it('renews a lease, and a short renewal never cuts a longer hold', () => {
    const l = new AwakeLeases();
    l.hold('export', 0, 1000);
    l.hold('export', 900, 1000);
    expect(l.held(1800)).toBe(true);
    l.hold('export', 1000, 10);
    expect(l.held(1850)).toBe(true);
    expect(l.held(1900)).toBe(false);
  });

  it('is held while any one of several leases runs', () => {
    const l = new AwakeLeases();
    l.hold('a', 0, 100);
    l.hold('b', 0, 500);
    expect(l.held(200)).toBe(true);
    l.release('b');
    expect(l.held(200)).toBe(false);
  });
});
