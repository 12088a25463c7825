// At Stop the worker asks each frame for its unacknowledged steps (background/page-drain): the outbox sends them
// again at once, without waiting out a retry's backoff or an answer a stopped worker never gives, and answers
// once they are in. Before, a step whose send was lost reached the worker up to 15 s later, after the zip.
import { afterEach, describe, expect, it, vi } from 'vitest';

/** What the fake worker does with each send, in turn: answer ok, never answer, or fail. */
type Answer = 'ok' | 'never' | 'fail';
const answers: Answer[] = [];
const sends: string[] = [];

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      sendMessage: (message: { draft: { draftId: string } }) => {
        sends.push(message.draft.draftId);
        const answer = answers.shift() ?? 'ok';
        if (answer === 'never') return new Promise(() => undefined);
        if (answer === 'fail') return Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
        return Promise.resolve({ ok: true, duplicate: false });
      },
    },
    storage: { local: { get: () => Promise.resolve({}), set: () => Promise.resolve() } },
  },
}));

import { Outbox } from '../../src/content/outbox';
import type { StepDraft } from '../../src/core/step-draft';

const draft = (draftId: string): StepDraft => ({ draftId } as StepDraft);

afterEach(() => {
  answers.length = 0;
  sends.length = 0;
  vi.useRealTimers();
});

describe('Outbox.drain', () => {
  it('sends a step whose answer never came again at once, and answers once it is in', async () => {
    vi.useFakeTimers();
    const outbox = new Outbox();
    answers.push('never');
    outbox.push(draft('a'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(sends).toEqual(['a']);
    expect(outbox.pending).toBe(1);
    let left: number | null = null;
    void outbox.drain(4000).then((n) => { left = n; });
    // Well before the 15 s a lost answer is waited for, and before the drain's own bound.
    await vi.advanceTimersByTimeAsync(10);
    expect(sends).toEqual(['a', 'a']);
    expect(left).toBe(0);
    expect(outbox.pending).toBe(0);
  });

  it('cuts a retry\'s backoff short', async () => {
    vi.useFakeTimers();
    const outbox = new Outbox();
    // Four failures: the next attempt would be 1.6 s after the fourth.
    answers.push('fail', 'fail', 'fail', 'fail');
    outbox.push(draft('b'));
    await vi.advanceTimersByTimeAsync(100 + 200 + 400 + 10);
    expect(sends).toHaveLength(4);
    let left: number | null = null;
    void outbox.drain(4000).then((n) => { left = n; });
    await vi.advanceTimersByTimeAsync(10);
    expect(sends).toHaveLength(5);
    expect(left).toBe(0);
  });

  it('answers with how many are still out when the worker does not take them in time', async () => {
    vi.useFakeTimers();
    const outbox = new Outbox();
    answers.push('never', 'never', 'never');
    outbox.push(draft('c'));
    outbox.push(draft('d'));
    let left: number | null = null;
    void outbox.drain(4000).then((n) => { left = n; });
    await vi.advanceTimersByTimeAsync(3990);
    expect(left).toBeNull();
    await vi.advanceTimersByTimeAsync(20);
    expect(left).toBe(1);
    // The one left is still being delivered, as before: nothing is given up.
    expect(outbox.pending).toBe(1);
  });

  it('answers at once when nothing is out', async () => {
    await expect(new Outbox().drain(4000)).resolves.toBe(0);
  });
});
