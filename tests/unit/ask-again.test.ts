import { describe, expect, it, vi } from 'vitest';
import { answerWithin, askAgain, type AskPolicy } from '../../src/core/ask-again';

const policy: AskPolicy = { attempts: 5, baseMs: 10, maxMs: 25 };

/** A worker that drops the first `drops` questions (rejecting or answering nothing), then answers. */
function restartingWorker(drops: Array<'reject' | 'nothing'>, answer: string) {
  let asked = 0;
  return {
    get asked() { return asked; },
    ask: async (): Promise<string | undefined> => {
      const drop = drops[asked++];
      if (drop === 'reject') throw new Error('Could not establish connection. Receiving end does not exist.');
      if (drop === 'nothing') return undefined;
      return answer;
    },
  };
}

describe('askAgain', () => {
  it('asks again while the worker drops the question, then returns its answer', async () => {
    const waits: number[] = [];
    const worker = restartingWorker(['reject', 'nothing', 'reject'], 'frame 3');
    await expect(askAgain(worker.ask, policy, async (ms) => { waits.push(ms); })).resolves.toBe('frame 3');
    expect(worker.asked).toBe(4);
    expect(waits).toEqual([10, 20, 25]); // doubling, capped
  });

  it('gives up after the policy’s attempts, naming the last failure', async () => {
    const worker = restartingWorker(Array(9).fill('reject'), 'never');
    await expect(askAgain(worker.ask, policy, async () => undefined)).rejects.toThrow(/did not answer after 5 attempts.*Receiving end/);
    expect(worker.asked).toBe(5);
  });

  it('stops at once when the extension is gone (reloaded or removed)', async () => {
    let asked = 0;
    const gone = async (): Promise<string> => { asked++; throw new Error('Extension context invalidated.'); };
    await expect(askAgain(gone, policy, async () => undefined)).rejects.toThrow(/context invalidated/);
    expect(asked).toBe(1);
  });

  it('treats a falsy but present answer as an answer', async () => {
    await expect(askAgain(async () => 0, policy, async () => undefined)).resolves.toBe(0);
  });
});

describe('answerWithin', () => {
  it('gives up on a send that is neither answered nor failed (a worker stopped mid-handler), so the sender asks again', async () => {
    vi.useFakeTimers();
    try {
      const hung = answerWithin(new Promise<string>(() => undefined), 15_000);
      const settled = expect(hung).rejects.toThrow(/no answer within 15000 ms/);
      await vi.advanceTimersByTimeAsync(15_000);
      await settled;
      // A hung first attempt no longer blocks asking again.
      let calls = 0;
      const asked = askAgain(() => (++calls === 1 ? new Promise<string>(() => undefined) : Promise.resolve('answer')), { attempts: 3, baseMs: 10, maxMs: 10 });
      await vi.advanceTimersByTimeAsync(15_100);
      await expect(asked).resolves.toBe('answer');
      expect(calls).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('passes an answer through', async () => {
    await expect(answerWithin(Promise.resolve(7), 50)).resolves.toBe(7);
  });
});
