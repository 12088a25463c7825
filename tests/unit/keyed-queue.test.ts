import { describe, expect, it } from 'vitest';
import { keyedQueue } from '../../src/core/keyed-queue';

/** One turn of the event loop: later than any chain of promise callbacks, with no clock. */
const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * Queues slow work for `first` (it waits a turn, as a held draft waits on storage), then quick work for
 * `second` (a closed tab taking its edits): the order in which they finish.
 */
async function finishOrder<K>(first: K, second: K): Promise<string[]> {
  const inOrder = keyedQueue<K>();
  const done: string[] = [];
  await Promise.all([
    inOrder(first, async () => { await turn(); done.push('slow'); }),
    inOrder(second, async () => { done.push('quick'); }),
  ]);
  return done;
}

describe('keyed queue', () => {
  it('runs work for one key in call order, even when the earlier work is slower', async () => {
    expect(await finishOrder(3, 3)).toEqual(['slow', 'quick']);
  });

  it('lets different keys run side by side', async () => {
    expect(await finishOrder(1, 2)).toEqual(['quick', 'slow']);
  });

  it('gives each call its own result or error, and a failure does not stop later work', async () => {
    const inOrder = keyedQueue<string>();
    const failed = inOrder('k', () => Promise.reject(new Error('storage full')));
    const next = inOrder('k', () => Promise.resolve(42));
    await expect(failed).rejects.toThrow('storage full');
    await expect(next).resolves.toBe(42);
  });

  it('does not start work before the earlier work for its key has settled', async () => {
    const inOrder = keyedQueue<string>();
    let release!: () => void;
    const first = inOrder('k', () => new Promise<void>((r) => { release = r; }));
    let started = false;
    const second = inOrder('k', async () => { started = true; });
    await turn();
    expect(started).toBe(false);
    release();
    await Promise.all([first, second]);
    expect(started).toBe(true);
  });
});
