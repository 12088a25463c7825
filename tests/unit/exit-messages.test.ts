// content/exit-messages: a page's exit notes sent to the worker. A page firing navigate events by the thousand
// must not make a message of each; a note that says something new, or one held back when the page goes, must
// still leave the page (its own storage write can be lost with it in Firefox).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXIT_MESSAGE_GAP_MS, exitMessages } from '../../src/content/exit-messages';

const T = 1_700_000_000_000;
let sent: { at: number; byPerson: boolean; page: number }[];
const collect = (exit: { at: number; byPerson: boolean }, page: number): void => { sent.push({ ...exit, page }); };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(T);
  sent = [];
});
afterEach(() => vi.useRealTimers());

describe('exit messages', () => {
  it('a flood of the same word sends one at once and the newest once the gap ends', () => {
    const m = exitMessages(collect);
    for (let i = 0; i < 1000; i++) {
      m.noted({ at: Date.now(), byPerson: false }, T);
      vi.advanceTimersByTime(0.1);
    }
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(EXIT_MESSAGE_GAP_MS);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.at).toBe(T + 99);
  });

  it('a note that says something new goes at once', () => {
    const m = exitMessages(collect);
    m.noted({ at: T, byPerson: false }, T);
    vi.advanceTimersByTime(10);
    m.noted({ at: T + 10, byPerson: true }, T);
    expect(sent.map((s) => s.byPerson)).toEqual([false, true]);
    // And the timer of nothing held back sends nothing more.
    vi.advanceTimersByTime(EXIT_MESSAGE_GAP_MS * 2);
    expect(sent).toHaveLength(2);
  });

  it('one held back goes when the page goes; a torn-down observer sends nothing more', () => {
    const m = exitMessages(collect);
    m.noted({ at: T, byPerson: false }, T);
    m.noted({ at: T + 5, byPerson: false }, T);
    m.flush();
    expect(sent.map((s) => s.at)).toEqual([T, T + 5]);
    const n = exitMessages(collect);
    n.noted({ at: T + 300, byPerson: false }, T);
    n.noted({ at: T + 305, byPerson: false }, T);
    n.stop();
    vi.advanceTimersByTime(EXIT_MESSAGE_GAP_MS * 2);
    expect(sent.map((s) => s.at)).toEqual([T, T + 5, T + 300]);
  });
});
