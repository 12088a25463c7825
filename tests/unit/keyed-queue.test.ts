import { describe, expect, it } from 'vitest';
import { keyedQueue } from '../../src/core/keyed-queue';

const later = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('keyed queue', () => {
  it('runs work for one key in call order, even when the earlier work is slower', async () => {
    const inOrder = keyedQueue<number>();
    const done: string[] = [];
    await Promise.all([
      inOrder(3, async () => { await later(30); done.push('draft held'); }),
      inOrder(3, async () => { done.push('tab closed: edits taken'); }),
    ]);
    expect(done).toEqual(['draft held', 'tab closed: edits taken']);
  });

  it('lets different keys run side by side', async () => {
    const inOrder = keyedQueue<number>();
    const done: string[] = [];
    await Promise.all([
      inOrder(1, async () => { await later(30); done.push('tab 1'); }),
      inOrder(2, async () => { done.push('tab 2'); }),
    ]);
    expect(done).toEqual(['tab 2', 'tab 1']);
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
    await later(10);
    expect(started).toBe(false);
    release();
    await Promise.all([first, second]);
    expect(started).toBe(true);
  });
});
