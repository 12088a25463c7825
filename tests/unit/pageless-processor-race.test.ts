// A pageless stand-in (a held edit or hand-over taken in for a gone page) and the page's own copy of the step landing
// while the step processor works on the stand-in. The real intake and the real processor run on a fake IndexedDB;
// the page's copy lands at the processor's own await before its storing transaction (step-processor.ts:
// `await activeScrubber()`), as a message handled by the worker meanwhile would. From the hostile review of
// 78dc9ce, whose replacement of the stand-in was then accepted and deleted unused: the copy is now a duplicate.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { extensionDb, installKeyRange, type FakeDb } from './fake-idb';
import { fakeStorageArea, type FakeArea } from './fake-storage';

const fake: FakeDb = extensionDb();
const local: FakeArea = new Map();
const session: FakeArea = new Map();
/** Runs once, the first time the processor reads the scrubber (just before it stores a step). */
const hook = vi.hoisted(() => ({ beforeStore: null as null | (() => Promise<unknown>) }));

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { sendMessage: () => Promise.resolve(), getPlatformInfo: () => Promise.resolve({}) },
    tabs: { get: () => Promise.resolve({ id: 7, url: 'https://store.example/pay', active: true, windowId: 1 }) },
    storage: { local: fakeStorageArea(local), session: fakeStorageArea(session) },
  },
}));
vi.mock('idb', () => ({ openDB: () => Promise.resolve(fake.db) }));
installKeyRange();
vi.mock('../../src/background/scrubber-state', async () => {
  const { createScrubber } = await import('../../src/core/scrub/scrubber');
  const { defaultConfig } = await import('../../src/core/scrub/default-config');
  const config = { ...defaultConfig(), sites: { never_record: [], no_screenshots: [] } };
  return {
    activeConfig: () => Promise.resolve({ config, hash: 'h' }),
    activeScrubber: async () => {
      const run = hook.beforeStore;
      hook.beforeStore = null;
      if (run) await run();
      return createScrubber(config, null);
    },
  };
});
vi.mock('../../src/background/capture-scheduler', () => ({
  shotForStep: () => Promise.resolve({ ok: false, error: 'the tab shows another page' }),
  shotOfLeftPage: () => ({ ok: false, error: 'none' }), shotsOfTab: () => [],
}));
vi.mock('../../src/background/frame-scrub-client', () => ({ scrubShotOffscreen: () => Promise.reject(new Error('not used')) }));
vi.mock('../../src/background/input-quiet', () => ({ noteUserAction: () => undefined, untilUserPauses: () => Promise.resolve() }));
vi.mock('../../src/background/storage-health', () => ({ reportStorageFull: () => Promise.resolve(), clearStorageProblem: () => Promise.resolve(false) }));
vi.mock('../../src/background/recording-progress', () => ({ onStepStored: () => Promise.resolve() }));
vi.mock('../../src/platform/keep-awake', () => ({ awakeWhile: <T>(p: Promise<T>) => p, holdAwake: () => undefined, releaseAwake: () => undefined }));
vi.mock('../../src/platform/wake-alarm', () => ({ armWake: () => undefined, clearWake: () => undefined }));
vi.mock('../../src/background/tab-text-map', () => ({
  tabTextMap: { composed: () => Promise.resolve({ redacted: [], media: [] }), reportedBetween: () => Promise.resolve(null) },
}));

const { recordStep, takeInPageless } = await import('../../src/background/step-intake');
const { kickProcessor } = await import('../../src/background/step-processor');
const { stepDraft } = await import('./fixtures');

const TASK = 'task';
const CART = 'https://store.example/cart';

function typeDraft(draftId: string, text: string, at: number) {
  return { ...stepDraft(), draftId, taskId: TASK, timestamp: at, lastChangeAt: at - 100, url: CART, action: { type: 'type' as const, coordinates: null, element_id: 3, text } };
}

beforeEach(async () => {
  for (const s of fake.stores.values()) s.clear();
  local.clear();
  session.clear();
  hook.beforeStore = null;
  const t0 = Date.now() - 60_000;
  local.set('recording', { taskId: TASK, startedAt: t0 });
  await (fake.db as { put: (s: string, v: object) => Promise<unknown> }).put('tasks', { id: TASK, instruction: 'x', createdAt: t0, status: 'recording', stepCount: 0, recordedCount: 0, endedAt: null });
});

describe('a pageless stand-in replaced while the processor stores it, attacked', () => {
  it('the page\'s own copy landing while the processor stores the stand-in is a duplicate: one step, the stand-in\'s', async () => {
    const now = Date.now();
    // The stand-in: the held edit's throttled text, taken in at the navigation (navigation-steps takeLeftEdits).
    expect(await takeInPageless({ tabId: 7, frameId: 0, savedAt: now - 4000, draft: typeDraft('d1', 'hello w', now - 4000) })).toBe(true);
    // The page's own copy (the whole text) lands while the processor works on the stand-in.
    let reply: unknown = null;
    hook.beforeStore = async () => {
      reply = await recordStep(typeDraft('d1', 'hello world', now - 4000), { tab: { id: 7, url: 'https://store.example/pay', active: true, windowId: 1 } as never, frameId: 0, url: CART });
    };
    await kickProcessor();
    // The page is told its step is in, as a duplicate (before, its copy was accepted as a replacement and then
    // deleted unused with the stand-in's record).
    expect(reply).toMatchObject({ ok: true, duplicate: true });
    const steps = [...fake.stores.get('steps')!.values()] as unknown as { step: { action: { text?: string } } }[];
    expect(fake.stores.get('pending')!.size).toBe(0);
    expect(steps.map((s) => s.step.action.text)).toEqual(['hello w']);
  }, 15_000);
  it('a stand-in is stored at once (it has no frame to wait for): the page\'s copy landing after is a duplicate', async () => {
    const now = Date.now();
    expect(await takeInPageless({ tabId: 7, frameId: 0, savedAt: now - 4000, draft: typeDraft('d2', 'hello w', now - 4000) })).toBe(true);
    // takeLeftEdits kicks the processor as soon as it has taken the edits in (navigation-steps.ts).
    await kickProcessor();
    // The page's own copy, a moment later (its step was on its way: the reason the stand-in may be replaced).
    expect(await recordStep(typeDraft('d2', 'hello world', now - 4000), { tab: { id: 7, url: 'https://store.example/pay', active: true, windowId: 1 } as never, frameId: 0, url: CART }))
      .toMatchObject({ ok: true, duplicate: true });
    const steps = [...fake.stores.get('steps')!.values()] as unknown as { step: { action: { text?: string } } }[];
    expect(steps.map((s) => s.step.action.text)).toEqual(['hello w']);
  }, 15_000);
});
