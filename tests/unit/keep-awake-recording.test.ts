// While a recording is on, the worker makes one extension API call every 10 s, which resets both browsers' 30 s
// idle timeout: the settled frame it keeps in memory is then still there as the screenshot before the person's
// next action, however long they paused. Off when the recording ends; one ticker whatever the number of holds.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock('webextension-polyfill', () => ({
  default: { runtime: { getPlatformInfo: () => { calls.n++; return Promise.resolve({ os: 'linux' }); } } },
}));

const { holdAwakeSteadily } = await import('../../src/platform/keep-awake');

describe('holdAwakeSteadily: the worker kept up while recording', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    calls.n = 0;
  });
  afterEach(() => {
    holdAwakeSteadily(false);
    vi.useRealTimers();
  });

  it('calls the browser at least once in every 30 s idle window while held, and never after', () => {
    holdAwakeSteadily(true);
    vi.advanceTimersByTime(9_999);
    expect(calls.n).toBe(0);
    // Any 30 s window holds a call: at most 10 s between them.
    vi.advanceTimersByTime(1);
    expect(calls.n).toBe(1);
    vi.advanceTimersByTime(30 * 60_000 - 10_000);
    expect(calls.n).toBe(180);
    holdAwakeSteadily(false);
    vi.advanceTimersByTime(10 * 60_000);
    expect(calls.n).toBe(180);
  });

  it('keeps one ticker however often a recording is said to be on (a restart, the flag written again)', () => {
    holdAwakeSteadily(true);
    holdAwakeSteadily(true);
    holdAwakeSteadily(true);
    vi.advanceTimersByTime(60_000);
    expect(calls.n).toBe(6);
  });

  it('starts again after a stop', () => {
    holdAwakeSteadily(true);
    holdAwakeSteadily(false);
    vi.advanceTimersByTime(60_000);
    expect(calls.n).toBe(0);
    holdAwakeSteadily(true);
    vi.advanceTimersByTime(20_000);
    expect(calls.n).toBe(2);
  });
});
