// A tab closes while recording and Stop is pressed at once, in another tab: the worker files the closed tab's final
// state and takes in its page's unsent edits, reading the tab's memory and the recording flag, while Stop clears
// both and an Export pressed at Stop counts what is pending. Stop now waits for that work (closed-tab-work), up to
// CLOSED_TAB_WORK_MS, after the drain and again before it clears anything (a tab closed while it took its own
// final state, from attack 24); work that outlives a wait is taken as hung and not waited for again.
import { afterEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => [] as string[]);
/** Run as Stop takes its own final state (a tab closed then). */
const hooks = vi.hoisted(() => ({ onFinal: null as null | (() => void) }));
vi.mock('../../src/platform/db', () => ({ db: () => Promise.resolve({ transaction: () => ({ store: { get: () => Promise.resolve(undefined), put: () => Promise.resolve() }, done: Promise.resolve() }) }), clearEarlyMarks: () => Promise.resolve() }));
vi.mock('../../src/platform/recording-flag', () => ({
  readRecording: () => Promise.resolve({ taskId: 'task', instruction: 'x', startedAt: 1, frameSecret: 's' }),
  writeRecording: (s: unknown) => { calls.push(s ? 'flag on' : 'flag off'); return Promise.resolve(); },
}));
vi.mock('../../src/platform/messaging', () => ({ broadcast: () => undefined }));
vi.mock('../../src/background/badge', () => ({ showRecordingBadge: () => Promise.resolve() }));
vi.mock('../../src/background/storage-health', () => ({ storageProblem: () => Promise.resolve(null) }));
vi.mock('../../src/platform/tabs', () => ({ activeTab: () => Promise.resolve(null), activeTabsOfWindows: () => Promise.resolve([]) }));
vi.mock('../../src/background/capture-scheduler', () => ({ captureSettled: () => Promise.resolve() }));
vi.mock('../../src/background/tab-memory', () => ({
  tabMemory: { clearAll: () => { calls.push('tab memory cleared'); return Promise.resolve(); }, arrivalDecided: () => Promise.resolve(0), activeTab: () => Promise.resolve(1) },
}));
vi.mock('../../src/platform/page-handoff', () => ({ clearHandoff: () => { calls.push('hand-overs cleared'); return Promise.resolve(); } }));
vi.mock('../../src/background/scrubber-state', () => ({ fullScrubber: () => Promise.reject(new Error('unused')), publishConfig: () => Promise.resolve() }));
vi.mock('../../src/background/step-intake', () => ({ ingestUnsent: () => Promise.resolve() }));
vi.mock('../../src/background/frame-scrub-client', () => ({ warmImageWork: () => Promise.resolve() }));
vi.mock('../../src/background/final-state', () => ({
  takeFinalState: async () => {
    calls.push('final state of the tab in front');
    hooks.onFinal?.();
    // Stop's own final state takes its time (the page's answer, then its frame, up to 1.5 s).
    await new Promise((r) => setTimeout(r, 50));
  },
}));
vi.mock('../../src/background/page-drain', () => ({ drainPages: () => { calls.push('pages drained'); return Promise.resolve(0); } }));
vi.mock('../../src/background/arrival-stamps', () => ({ arrivalsUndecided: () => Promise.resolve(false), decisionsUnderWay: () => false, forgetAllEarlySteps: () => undefined }));

const { closedTabWork, closedTabWorkDone, CLOSED_TAB_WORK_MS } = await import('../../src/background/closed-tab-work');
const { stopRecording } = await import('../../src/background/recording-session');

/** A promise and its resolve, for work that ends when the test says. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => { resolve = r; });
  return { promise, resolve };
}

afterEach(() => {
  calls.length = 0;
  hooks.onFinal = null;
  vi.useRealTimers();
});

describe('Stop and the work of a tab closed just before it', () => {
  it('with no closed tab\'s work, resolves at once', async () => {
    expect(await closedTabWorkDone(0)).toBe(true);
  });

  it('files the closed tab\'s final state before its own, and clears the tab memory only after', async () => {
    const closing = deferred();
    void closedTabWork(async () => { await closing.promise; calls.push('closed tab\'s final state filed'); });
    const stopped = stopRecording();
    // Stop has drained the pages and waits; nothing is cleared yet.
    await vi.waitFor(() => expect(calls).toContain('pages drained'));
    expect(calls).toEqual(['pages drained']);
    closing.resolve();
    await stopped;
    expect(calls).toEqual(['pages drained', 'closed tab\'s final state filed', 'final state of the tab in front', 'flag off', 'hand-overs cleared', 'tab memory cleared']);
  });

  it('waits for work that begins while it waits (a second tab closing), and for work that fails', async () => {
    const first = deferred();
    const second = deferred();
    const failed = closedTabWork(async () => { await first.promise; throw new Error('storage full'); });
    const done = closedTabWorkDone();
    let ended = false;
    void done.then(() => { ended = true; });
    void closedTabWork(() => second.promise);
    first.resolve();
    await expect(failed).rejects.toThrow('storage full');
    await Promise.resolve();
    expect(ended).toBe(false);
    second.resolve();
    expect(await done).toBe(true);
  });

  it('runs the work at once, before the close handler goes on to forget the tab', () => {
    let ran = false;
    void closedTabWork(() => { ran = true; return Promise.resolve(); });
    expect(ran).toBe(true);
  });

  it('waits, before it clears anything, for the edits of a tab closed while it took its own final state', async () => {
    hooks.onFinal = () => {
      // Stop pressed, then Ctrl+W at once: the close handler runs while the flag is still on.
      void closedTabWork(async () => {
        calls.push('closed tab reads its memory');
        await new Promise((r) => setTimeout(r, 100));
        calls.push('closed tab\'s edits taken in');
      });
    };
    await stopRecording();
    expect(calls).toEqual(['pages drained', 'final state of the tab in front', 'closed tab reads its memory', 'closed tab\'s edits taken in', 'flag off', 'hand-overs cleared', 'tab memory cleared']);
  });

  it('a hung one holds Stop for CLOSED_TAB_WORK_MS at most, once: then Stop goes on, and no later Stop waits for it', async () => {
    vi.useFakeTimers();
    void closedTabWork(() => new Promise<void>(() => undefined));
    const stopped = stopRecording();
    await vi.advanceTimersByTimeAsync(CLOSED_TAB_WORK_MS - 1);
    expect(calls).toEqual(['pages drained']);
    await vi.advanceTimersByTimeAsync(100);
    await stopped;
    expect(calls.slice(-2)).toEqual(['hand-overs cleared', 'tab memory cleared']);
    calls.length = 0;
    // A later recording's Stop, with no tab closed since.
    let done = false;
    void stopRecording().then(() => { done = true; });
    await vi.advanceTimersByTimeAsync(200);
    expect(done).toBe(true);
  });
});
