// groupBy: the one grouping of steps by task that validate, format, pack and replay share.
import { describe, expect, it } from 'vitest';
import { groupBy } from '../../src/core/group-by';

describe('groupBy', () => {
  it('keeps the groups in first-seen order and each group in the items\' order', () => {
    const items = [{ t: 'b', n: 1 }, { t: 'a', n: 2 }, { t: 'b', n: 3 }, { t: 'a', n: 4 }, { t: 'c', n: 5 }];
    const groups = groupBy(items, (i) => i.t);
    expect([...groups.keys()]).toEqual(['b', 'a', 'c']);
    expect(groups.get('b')!.map((i) => i.n)).toEqual([1, 3]);
    expect(groups.get('a')!.map((i) => i.n)).toEqual([2, 4]);
    expect(groups.get('c')![0]).toBe(items[4]);
  });

  it('gives no group for no items', () => {
    expect(groupBy([], String).size).toBe(0);
  });
});
