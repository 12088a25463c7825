// step-processor: a pending step its page sent before the page's load report was decided (afterArrival) waits
// for that decision, and so do its tab's later steps; then the navigation the report made, stamped below it, is
// stored (and numbered) first. A report that never comes holds it EARLY_WAIT_MAX_MS at most.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { extensionDb, installKeyRange, type FakeDb } from './fake-idb';
import { fakeStorageArea, type FakeArea } from './fake-storage';
import { stepDraft, TASK_ID } from './fixtures';

const fake: FakeDb = extensionDb();
const session: FakeArea = new Map();
vi.mock('webextension-polyfill', () => ({ default: { runtime: {}, storage: { local: fakeStorageArea(new Map()), session: fakeStorageArea(session) } } }));
vi.mock('idb', () => ({ openDB: () => Promise.resolve(fake.db) }));
installKeyRange();
vi.mock('../../src/background/frame-scrub-client', () => ({ scrubShotOffscreen: () => Promise.reject(new Error('no image work here')) }));
vi.mock('../../src/background/frame-vault', () => ({ openShot: () => Promise.resolve(null), VAULT_KEY: 'vault' }));
vi.mock('../../src/background/scrubber-state', async () => {
  const { createScrubber } = await import('../../src/core/scrub/scrubber');
  const { defaultConfig } = await import('../../src/core/scrub/default-config');
  return {
    activeConfig: () => Promise.resolve({ config: defaultConfig(), hash: 'h' }),
    activeScrubber: () => Promise.resolve(createScrubber(defaultConfig(), null)),
  };
});
vi.mock('../../src/background/input-quiet', () => ({ untilUserPauses: () => Promise.resolve() }));
vi.mock('../../src/background/storage-health', () => ({ clearStorageProblem: () => Promise.resolve(false), reportStorageFull: () => Promise.resolve() }));
vi.mock('../../src/background/recording-progress', () => ({ onStepStored: () => Promise.resolve() }));
vi.mock('../../src/platform/keep-awake', () => ({ awakeWhile: <T>(p: Promise<T>) => p, holdAwake: () => undefined, releaseAwake: () => undefined }));
vi.mock('../../src/background/tab-text-map', () => ({ tabTextMap: { reportedBetween: () => Promise.resolve(null) } }));
vi.mock('../../src/background/report-history', () => ({ reportHistory: { heldAt: () => false } }));
vi.mock('../../src/platform/wake-alarm', () => ({ armWake: () => undefined, clearWake: () => undefined }));

const { kickProcessor } = await import('../../src/background/step-processor');
const { EARLY_WAIT_MAX_MS } = await import('../../src/background/arrival-stamps');
const { tabMemory } = await import('../../src/background/tab-memory');
const { pendingEarlySteps, clearEarlyMarks } = await import('../../src/platform/db');
const { holdArrival } = await import('../../src/background/arrival-stamps');

const put = (store: string, v: object) => (fake.db as { put: (s: string, v: object) => Promise<unknown> }).put(store, v);
const NO_SHOT = { kind: 'none', note: 'site configured without screenshots' };
const T = 1_700_000_000_000;

/** A pending step of `tabId`: `type` its action, `arrivedAt` its stamp, `afterArrival` the report it named. */
function pending(draftId: string, type: 'click' | 'navigate' | 'tab_switch', arrivedAt: number, afterArrival?: number, tabId = 1): object {
  const action = type === 'click' ? { type, coordinates: [10, 10], element_id: 1 }
    : type === 'navigate' ? { type, coordinates: null, element_id: null, url: 'http://127.0.0.1/', navigation: 'reload' }
      : { type, coordinates: null, element_id: null, url: 'http://127.0.0.1/b' };
  return {
    draftId, taskId: TASK_ID, arrivedAt, draft: { ...stepDraft(), draftId, action }, tabId, frameId: 0, noScreenshot: true, frame: NO_SHOT,
    ...(afterArrival !== undefined ? { afterArrival } : {}),
  };
}

/** The stored steps' action types (with their tab when asked), by their number. */
function storedTypes(withTab = false): string[] {
  const steps = [...fake.stores.get('steps')!.values()] as { seq: number; step: { action: { type: string }; tab_id: number } }[];
  return steps.sort((a, b) => a.seq - b.seq).map((s) => (withTab ? `${s.step.action.type}@${s.step.tab_id}` : s.step.action.type));
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
  vi.setSystemTime(T + 1000);
  for (const s of fake.stores.values()) s.clear();
  session.clear();
  await put('tasks', { id: TASK_ID, instruction: 'x', createdAt: 1, status: 'recording', stepCount: 0 });
});
afterEach(() => vi.useRealTimers());

describe('a step sent before its page\'s load report was decided', () => {
  it('waits, with its tab\'s later steps, and is numbered after the navigation the report makes', async () => {
    await put('pending', pending('click-1', 'click', T + 400, T + 100));
    await put('pending', pending('click-2', 'click', T + 600));
    await kickProcessor();
    expect(storedTypes()).toEqual([]);
    // The report is decided: its navigation stamped below the first click, then the tab's arrival marked decided.
    await put('pending', pending('nav', 'navigate', T + 399.5));
    await tabMemory.setArrivalDecided(1, T + 100);
    await kickProcessor();
    expect(storedTypes()).toEqual(['navigate', 'click', 'click']);
  });

  it('goes on after EARLY_WAIT_MAX_MS when the report never comes', async () => {
    await put('pending', pending('click-1', 'click', T + 400, T + 100));
    await kickProcessor();
    expect(storedTypes()).toEqual([]);
    await vi.advanceTimersByTimeAsync(EARLY_WAIT_MAX_MS + 100);
    await kickProcessor();
    expect(storedTypes()).toEqual(['click']);
  });

  it('keeps its task\'s later steps in other tabs waiting too: a step\'s number is given per task (review of 8f4ebf8)', async () => {
    vi.setSystemTime(T + 2000);
    await put('pending', pending('click-1', 'click', T + 400, T + 100));
    await put('pending', pending('switch-1-2', 'tab_switch', T + 900));
    await put('pending', pending('click-2', 'click', T + 1500, undefined, 2));
    await kickProcessor();
    expect(storedTypes()).toEqual([]);
    await put('pending', pending('nav', 'navigate', T + 399.5));
    await tabMemory.setArrivalDecided(1, T + 100);
    await kickProcessor();
    expect(storedTypes(true)).toEqual(['navigate@1', 'click@1', 'tab_switch@1', 'click@2']);
  });

  it('does not wait when its page\'s arrival was decided already', async () => {
    await tabMemory.setArrivalDecided(1, T + 100);
    await put('pending', pending('click-1', 'click', T + 400, T + 100));
    await kickProcessor();
    expect(storedTypes()).toEqual(['click']);
  });
});

describe('pendingEarlySteps: the early steps a stopped worker left, from the byAfterArrival index', () => {
  it('lists only steps that named an arrival in (after, upTo], with their tab and stamp', async () => {
    await put('pending', pending('click-1', 'click', T + 400, T + 100));
    await put('pending', pending('click-2', 'click', T + 600));
    await put('pending', pending('click-3', 'click', T + 700, T + 500));
    expect(await pendingEarlySteps(T + 100, T + 400)).toEqual([]);
    expect(await pendingEarlySteps(T, T + 100)).toEqual([{ tabId: 1, afterArrival: T + 100, arrivedAt: T + 400 }]);
    expect((await pendingEarlySteps(0, Infinity)).map((p) => p.arrivedAt)).toEqual([T + 400, T + 700]);
  });
});

// Review of b21d782 (attack 4). The task now waits behind a hold only once one of the HELD tab's steps is found
// behind it (step-processor.ts:163-167). A step of another tab stamped after the hold, with no step of the held tab
// between (no tab switch step: a second window's tab, or a switch away from a tab with no step yet, which
// navigation-steps.ts onTabActivated drops), is stored at once, before the navigation the hold is for.
describe('a navigation being decided (held) in tab 1, and a click in tab 2 made after it', () => {
  it('is numbered after that navigation', async () => {
    vi.setSystemTime(T + 100);
    // Tab 1's load report came in: its navigation's stamp is held while it is decided (~300 ms to 2.3 s).
    const hold = await holdArrival(1);
    // Meanwhile the person clicks in tab 2 (another window: no tab switch is recorded).
    vi.setSystemTime(T + 600);
    await put('pending', pending('click-2', 'click', T + 600, undefined, 2));
    await kickProcessor();
    // Decided: tab 1's navigation under its held stamp, then the hold released.
    await put('pending', pending('nav-1', 'navigate', hold.stamp, undefined, 1));
    hold.release();
    await kickProcessor();
    expect(storedTypes(true)).toEqual(['navigate@1', 'click@2']);
  });
});

// Review of b21d782 (attack 4). Stop clears the tab memory (recording-session.ts:77), arrivalDecided included
// (tab-memory.ts:61, :85-88). A step that waited for its page's report, whose report WAS decided, but which is still
// pending at Stop (its turn not come: the navigation's image work before it), then waits EARLY_WAIT_MAX_MS again,
// and since b21d782 every later step of its task (the final state too) waits with it; Export waits as long.
describe('a step whose page\'s report was decided, still pending when Stop clears the tab memory', () => {
  it('is stored without waiting out EARLY_WAIT_MAX_MS, and so are its task\'s later steps', async () => {
    vi.setSystemTime(T + 1000);
    await put('pending', pending('click-1', 'click', T + 400, T + 100));
    await put('pending', pending('click-2', 'click', T + 900, undefined, 2));
    // The report was decided (the navigation stored), then Stop cleared the tab memory before the click's turn.
    await tabMemory.setArrivalDecided(1, T + 100);
    // What Stop does (recording-session): the marks cleared, then the tab memory.
    await clearEarlyMarks();
    await tabMemory.clearAll();
    await kickProcessor();
    expect(storedTypes(true)).toEqual(['click@1', 'click@2']);
  });
});
