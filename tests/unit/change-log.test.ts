import { describe, expect, it } from 'vitest';
import { ChangeLog } from '../../src/content/change-log';

// Stand-ins for nodes: the log only keys by identity and asks the caller where a node is.
const node = (name: string): Node => ({ name }) as unknown as Node;
const below = new Set<Node>();
const unseen = (n: Node): boolean => below.has(n);

describe('ChangeLog', () => {
  it('ignores changes below the fold, counts the rest', () => {
    const log = new ChangeLog();
    const row = node('row 900');
    const price = node('price on screen');
    below.add(row);
    log.note(price, 100);
    log.note(row, 200);
    expect(log.lastVisibleAt(unseen)).toBe(100);
  });
  it('counts a view change (scroll, resize) as seen', () => {
    const log = new ChangeLog();
    const row = node('row');
    below.add(row);
    log.note(null, 150);
    log.note(row, 300);
    expect(log.lastVisibleAt(unseen)).toBe(150);
  });
  it('keeps the latest time of a node changed twice', () => {
    const log = new ChangeLog();
    const a = node('a');
    log.note(a, 10);
    log.note(node('b'), 20);
    log.note(a, 30);
    expect(log.lastVisibleAt(unseen)).toBe(30);
  });
  it('counts the changes it had to forget as seen', () => {
    const log = new ChangeLog();
    const first = node('first');
    log.note(first, 5);
    for (let i = 0; i < 64; i++) {
      const n = node(`below ${i}`);
      below.add(n);
      log.note(n, 10 + i);
    }
    // `first` was forgotten: where it was is no longer known, so the frame before it is stale.
    expect(log.lastVisibleAt(unseen)).toBe(5);
    const more = node('below more');
    below.add(more);
    log.note(more, 100);
    expect(log.lastVisibleAt(unseen)).toBe(10);
  });
  it('is 0 with no change at all', () => {
    expect(new ChangeLog().lastVisibleAt(unseen)).toBe(0);
  });
});
