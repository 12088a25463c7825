import { describe, expect, it } from 'vitest';
import { AwakeLeases } from '../../src/core/awake-leases';

/** Whether the leases are held at each time, in turn (held() drops what has expired, so order matters). */
const heldAt = (l: AwakeLeases, ...times: number[]): boolean[] => times.map((t) => l.held(t));

describe('AwakeLeases', () => {
  it('holds nothing at first, and something while a lease runs', () => {
    const l = new AwakeLeases();
    expect(heldAt(l, 0)).toEqual([false]);
    l.hold('export', 0, 1000);
    expect(heldAt(l, 999, 1000)).toEqual([true, false]);
  });

  it('keeps a lease without an end until it is released', () => {
    const l = new AwakeLeases();
    l.hold('loop', 0);
    expect(heldAt(l, 1e12)).toEqual([true]);
    l.release('loop');
    expect(heldAt(l, 1e12)).toEqual([false]);
  });

  it('renews a lease, and a short renewal never cuts a longer hold', () => {
    const l = new AwakeLeases();
    l.hold('export', 0, 1000);
    l.hold('export', 900, 1000);
    expect(heldAt(l, 1800)).toEqual([true]);
    l.hold('export', 1000, 10);
    expect(heldAt(l, 1850, 1900)).toEqual([true, false]);
  });

  it('is held while any one of several leases runs', () => {
    const l = new AwakeLeases();
    l.hold('a', 0, 100);
    l.hold('b', 0, 500);
    expect(heldAt(l, 200)).toEqual([true]);
    l.release('b');
    expect(heldAt(l, 200)).toEqual([false]);
  });
});
