import { describe, expect, it } from 'vitest';
import { ChangeLog } from '../../src/content/change-log';

// Stand-ins for nodes: the log only keys by identity and asks the caller where a node is.
const node = (name: string): Node => ({ name }) as unknown as Node;
const below = new Set<Node>();
const unseen = (n: Node): boolean => below.has(n);

/** A change: the node (null: the view moved), when, and whether the node is below the fold. */
type Change = [name: string | null, at: number, where?: 'below'];

/** Notes each change in turn, one node a name; what lastVisibleAt says after them. */
function lastVisibleAfter(changes: Change[], log = new ChangeLog()): number {
  const nodes = new Map<string, Node>();
  for (const [name, at, where] of changes) {
    if (name === null) { log.note(null, at); continue; }
    const n = nodes.get(name) ?? node(name);
    nodes.set(name, n);
    if (where === 'below') below.add(n);
    log.note(n, at);
  }
  return log.lastVisibleAt(unseen);
}

describe('ChangeLog', () => {
  it.each<[string, Change[], number]>([
    ['ignores changes below the fold, counts the rest', [['price on screen', 100], ['row 900', 200, 'below']], 100],
    ['counts a view change (scroll, resize) as seen', [[null, 150], ['row', 300, 'below']], 150],
    ['keeps the latest time of a node changed twice', [['a', 10], ['b', 20], ['a', 30]], 30],
    ['is 0 with no change at all', [], 0],
  ])('%s', (_title, changes, last) => {
    expect(lastVisibleAfter(changes)).toBe(last);
  });

  it('counts the changes it had to forget as seen', () => {
    const log = new ChangeLog();
    const belowFold = Array.from({ length: 64 }, (_, i): Change => [`below ${i}`, 10 + i, 'below']);
    // `first` is forgotten: where it was is no longer known, so the frame before it is stale.
    expect(lastVisibleAfter([['first', 5], ...belowFold], log)).toBe(5);
    expect(lastVisibleAfter([['below more', 100, 'below']], log)).toBe(10);
  });
});
