// At Stop the worker asks each frame for its unacknowledged steps (background/page-drain): the outbox sends them
// again without waiting out a retry's backoff, or an answer overdue (a stopped worker never gives it), and
// answers once they are in. Before, a step whose send was lost reached the worker up to 15 s later, after the zip.
import { afterEach, describe, expect, it, vi } from 'vitest';

/** What the fake worker does with each send, in turn: answer ok, never answer, fail, answer in 2 s, or say storage is full (in 50 ms). */
type Answer = 'ok' | 'never' | 'fail' | 'slow' | 'full';
const answers: Answer[] = [];
/** The answer once `answers` is used up. */
let otherwise: Answer = 'ok';
const sends: string[] = [];

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      sendMessage: (message: { draft: { draftId: string } }) => {
        sends.push(message.draft.draftId);
        const answer = answers.shift() ?? otherwise;
        if (answer === 'never') return new Promise(() => undefined);
        if (answer === 'fail') return Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
        if (answer === 'slow') return new Promise((r) => setTimeout(() => r({ ok: true, duplicate: false }), 2000));
        if (answer === 'full') return new Promise((r) => setTimeout(() => r({ ok: false, error: 'storage is full', retry: true, waitForSpace: true }), 50));
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
  otherwise = 'ok';
  sends.length = 0;
  vi.useRealTimers();
});

describe('Outbox.drain', () => {
  it('sends a step whose answer is overdue again, and answers once it is in', async () => {
    vi.useFakeTimers();
    const outbox = new Outbox();
    answers.push('never');
    outbox.push(draft('a'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(sends).toEqual(['a']);
    expect(outbox.pending).toBe(1);
    let left: number | null = null;
    void outbox.drain(5000).then((n) => { left = n; });
    // The worker answers a step within 3 s: until 3.5 s after the send, its answer is waited for.
    await vi.advanceTimersByTimeAsync(2400);
    expect(sends).toEqual(['a']);
    // Then it is taken as lost and sent again: well before the 15 s a lost answer is otherwise waited for.
    await vi.advanceTimersByTimeAsync(110);
    expect(sends).toEqual(['a', 'a']);
    expect(left).toBe(0);
    expect(outbox.pending).toBe(0);
  });

  it('does not send a step the worker is still taking in a second time', async () => {
    vi.useFakeTimers();
    const outbox = new Outbox();
    answers.push('slow');
    outbox.push(draft('s'));
    await vi.advanceTimersByTimeAsync(100);
    let left: number | null = null;
    void outbox.drain(5000).then((n) => { left = n; });
    // Its answer comes 2 s after the send, within the worker's usual time.
    await vi.advanceTimersByTimeAsync(2000);
    expect(left).toBe(0);
    expect(sends).toEqual(['s']);
  });

  it('storage full: a Stop while an attempt is on its way never makes the outbox give the step up', async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const outbox = new Outbox();
    otherwise = 'full';
    outbox.push(draft('f'));
    // Past the backoffs: the step now goes every 5 s, held while the page lives.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(outbox.pending).toBe(1);
    // Stop is pressed just as an attempt is on its way, one whose answer is lost (the worker stopped).
    answers.push('never');
    const before = sends.length;
    while (sends.length === before) await vi.advanceTimersByTimeAsync(1);
    let left: number | null = null;
    void outbox.drain(5000).then((n) => { left = n; });
    await vi.advanceTimersByTimeAsync(5100);
    expect(warn.mock.calls.some((c) => String(c[0]).includes('gave up'))).toBe(false);
    // Still full: the step is not in, and the worker is told so; the page goes on holding it.
    expect(left).toBe(1);
    expect(outbox.pending).toBe(1);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(warn.mock.calls.some((c) => String(c[0]).includes('gave up'))).toBe(false);
    expect(outbox.pending).toBe(1);
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
    void outbox.drain(5000).then((n) => { left = n; });
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
    void outbox.drain(5000).then((n) => { left = n; });
    await vi.advanceTimersByTimeAsync(4990);
    expect(left).toBeNull();
    await vi.advanceTimersByTimeAsync(20);
    expect(left).toBe(1);
    // The one left is still being delivered, as before: nothing is given up.
    expect(outbox.pending).toBe(1);
  });

  it('answers at once when nothing is out', async () => {
    await expect(new Outbox().drain(5000)).resolves.toBe(0);
  });
});
