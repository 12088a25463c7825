import { afterEach, describe, expect, it, vi } from 'vitest';
import { noteUserAction, untilUserPauses } from '../../src/background/input-quiet';

afterEach(() => vi.useRealTimers());

describe('untilUserPauses', () => {
  it('waits for 400 ms without an action, and never more than 3 s', async () => {
    vi.useFakeTimers({ now: 10_000 });
    noteUserAction();
    let done = false;
    void untilUserPauses().then(() => { done = true; });
    await vi.advanceTimersByTimeAsync(300);
    expect(done).toBe(false);
    noteUserAction(); // another click: the pause starts again
    await vi.advanceTimersByTimeAsync(300);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(150);
    expect(done).toBe(true);

    // A user who never pauses still gets the work done within 3 s.
    let capped = false;
    noteUserAction();
    void untilUserPauses().then(() => { capped = true; });
    for (let t = 0; t < 2900; t += 100) {
      noteUserAction();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(capped).toBe(false);
    noteUserAction();
    await vi.advanceTimersByTimeAsync(200);
    expect(capped).toBe(true);
  });
});
