// Hostile review of 8f4ebf8 (step-processor's early wait): a step of tab 1 sent before its page's load report was
// decided waits, and so do tab 1's later steps, the switch away from tab 1 among them. But a step's number is
// given as it is stored, per TASK, and a task spans tabs: a click in tab 2 made after that switch is not held,
// so it is numbered before the navigation, the click and the switch that came before it. Fails on 8f4ebf8.
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
const { tabMemory } = await import('../../src/background/tab-memory');

const put = (store: string, v: object) => (fake.db as { put: (s: string, v: object) => Promise<unknown> }).put(store, v);
const NO_SHOT = { kind: 'none', note: 'site configured without screenshots' };
const T = 1_700_000_000_000;

function pending(draftId: string, tabId: number, type: 'click' | 'navigate' | 'tab_switch', arrivedAt: number, afterArrival?: number): object {
  const action = type === 'click' ? { type, coordinates: [10, 10], element_id: 1 }
    : type === 'navigate' ? { type, coordinates: null, element_id: null, url: 'http://127.0.0.1/', navigation: 'reload' }
      : { type, coordinates: null, element_id: null, url: 'http://127.0.0.1/b' };
  return {
    draftId, taskId: TASK_ID, arrivedAt, draft: { ...stepDraft(), draftId, action }, tabId, frameId: 0, noScreenshot: true, frame: NO_SHOT,
    ...(afterArrival !== undefined ? { afterArrival } : {}),
  };
}

function storedTypes(): string[] {
  const steps = [...fake.stores.get('steps')!.values()] as { seq: number; step: { action: { type: string }; tab_id: number } }[];
  return steps.sort((a, b) => a.seq - b.seq).map((s) => `${s.step.action.type}@${s.step.tab_id}`);
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
  vi.setSystemTime(T + 2000);
  for (const s of fake.stores.values()) s.clear();
  session.clear();
  await put('tasks', { id: TASK_ID, instruction: 'x', createdAt: 1, status: 'recording', stepCount: 0 });
});
afterEach(() => vi.useRealTimers());

describe('a task whose tab 1 waits for its page\'s report', () => {
  it('does not number a later step of tab 2 before the steps of tab 1 it came after', async () => {
    await put('pending', pending('click-1', 1, 'click', T + 400, T + 100));
    await put('pending', pending('switch-1-2', 1, 'tab_switch', T + 900));
    await put('pending', pending('click-2', 2, 'click', T + 1500));
    await kickProcessor();
    // Tab 1's report is decided: its navigation, stamped below its early click, then the decision.
    await put('pending', pending('nav', 1, 'navigate', T + 399.5));
    await tabMemory.setArrivalDecided(1, T + 100);
    await kickProcessor();
    expect(storedTypes()).toEqual(['navigate@1', 'click@1', 'tab_switch@1', 'click@2']);
  });
});
