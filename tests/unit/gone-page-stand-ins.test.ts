// @vitest-environment happy-dom
// Hostile review of 78dc9ce (a pageless stand-in replaced by the page's own copy; the left page's edits taken at a
// navigation; held edits at a tab's close). Each case failed before its fix (the findings of review 6); where the fix was to drop the replacement, the case
// now asserts the page's late copy is a duplicate.
// The worker's intake, navigation decisions, held edits, capture scheduler, frame vault and the service worker's own
// tab-close listener run for real, on a fake IndexedDB and fake storage areas; only the browser's tab API (a tab
// that shows `currentTab`, captured as the text "pixels of <its address>"), the processor and the text map are stubbed.
// Last, tab switches through the same real intake: away from a tab on a site excluded from recording, and the
// activations a tab moved to another window makes (no switch of the person's).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { extensionDb, installKeyRange, type FakeDb } from './fake-idb';
import { fakeStorageArea, type FakeArea } from './fake-storage';

const fake: FakeDb = extensionDb();
const local: FakeArea = new Map();
const session: FakeArea = new Map();
/** The tab as the browser reports it now (tabs.get), and what a capture of it shows. */
let currentTab = { id: 7, url: '', active: true, windowId: 1, width: 800, height: 600 };
/** The service worker's listeners for the browser's tab events, and the work they started. */
const listeners = vi.hoisted(() => ({ tabClosed: [] as ((tabId: number) => void)[], work: [] as Promise<unknown>[] }));
/** Tabs other than `currentTab`'s, by id (tabs.get). */
const otherTabs = vi.hoisted(() => new Map<number, object>());

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { sendMessage: () => Promise.resolve(), getPlatformInfo: () => Promise.resolve({}), onMessage: { addListener: () => undefined } },
    tabs: {
      get: (id: number) => Promise.resolve({ ...(otherTabs.get(id) ?? currentTab) }),
      captureVisibleTab: () => Promise.resolve(`data:text/plain,pixels of ${currentTab.url}`),
      sendMessage: () => Promise.reject(new Error('no content script here')),
    },
    storage: { local: fakeStorageArea(local), session: fakeStorageArea(session), onChanged: { addListener: () => undefined, removeListener: () => undefined } },
  },
}));
vi.mock('idb', () => ({ openDB: () => Promise.resolve(fake.db) }));
installKeyRange();
const SITES = { never_record: ['pay.example'], no_screenshots: ['shop.example'] };
vi.mock('../../src/background/scrubber-state', async () => (await import('./fake-scrubber-state')).scrubberStateWith(SITES));
vi.mock('../../src/platform/host', () => ({ IMAGE_WORK_PAGE: 'offscreen.html', host: { captureIntervalMs: 0, isCaptureQuotaError: () => false } }));
vi.mock('../../src/background/step-processor', () => ({
  kickProcessor: () => Promise.resolve(),
  isCapturing: () => false,
  shotInMemory: () => ({ settled: () => undefined, keep: () => undefined }),
  onRecordedCount: () => undefined,
}));
vi.mock('../../src/background/input-quiet', () => ({ noteUserAction: () => undefined }));
vi.mock('../../src/background/storage-health', () => ({ reportStorageFull: () => Promise.resolve() }));
vi.mock('../../src/background/tab-text-map', () => ({
  tabTextMap: { composed: () => Promise.resolve({ redacted: [], media: [] }), forget: () => Promise.resolve(), forgetFrame: () => Promise.resolve() },
}));
// The service worker's surroundings: only its tab-close listener is used here.
vi.mock('../../src/platform/browser-events', () => ({
  onTabClosed: (l: (tabId: number) => void) => listeners.tabClosed.push(l),
  onTabCreated: () => undefined, onTabActivated: () => undefined, onTopFrameCommitted: () => undefined, onExtensionStarted: () => undefined,
  onTabDetached: () => undefined, onTabAttached: () => undefined,
}));
vi.mock('../../src/platform/messaging', () => ({ onMessage: () => () => undefined, send: () => Promise.resolve(), broadcast: () => undefined }));
vi.mock('../../src/platform/keep-awake', () => ({
  awakeWhile: <T>(p: Promise<T>) => { listeners.work.push(p.catch(() => undefined)); return p; },
  holdAwake: () => undefined, releaseAwake: () => undefined, holdAwakeSteadily: () => undefined,
}));
vi.mock('../../src/platform/wake-alarm', () => ({ onWake: () => undefined, armWake: () => undefined, clearWake: () => undefined }));
/** The closed tab's final state, filed when the test says (`until`), and how many times it was begun. */
const final = vi.hoisted(() => ({ begun: 0, until: Promise.resolve() as Promise<void> }));
vi.mock('../../src/background/final-state', () => ({ finalOfClosedTab: () => { final.begun++; return final.until; } }));
vi.mock('../../src/background/recording-session', () => ({ recordingStatus: () => Promise.resolve({ state: null, stepCount: 0 }) }));
vi.mock('../../src/background/badge', () => ({ showRecordingBadge: () => Promise.resolve() }));
vi.mock('../../src/background/export-control', () => ({ resumeCutOffExports: () => Promise.resolve() }));
vi.mock('../../src/background/review-edits', () => ({}));
vi.mock('../../src/background/frame-regions-intake', () => ({}));

const { onPageLoaded, onTabActivated, onTabMoved } = await import('../../src/background/navigation-steps');
const { tabMemory } = await import('../../src/background/tab-memory');
const { recordStep, ingestUnsent } = await import('../../src/background/step-intake');
const { holdEdit } = await import('../../src/background/held-edits');
const { saveExit } = await import('../../src/platform/page-handoff');
const { openShot } = await import('../../src/background/frame-vault');
const { closedTabWorkDone, duringStop, noteStopFront } = await import('../../src/background/closed-tab-work');
await import('../../src/background/service-worker');
const { stepDraft } = await import('./fixtures');

const TASK = 'task';
const CART = 'https://store.example/cart';
const PAY = 'https://store.example/pay';

function typeDraft(draftId: string, text: string, url: string, at: number) {
  return { ...stepDraft(), draftId, taskId: TASK, timestamp: at, lastChangeAt: at - 100, url, action: { type: 'type' as const, coordinates: null, element_id: 3, text } };
}

interface Pending { draftId: string; arrivedAt: number; frame: { kind: string; note?: string } | null; draft: { action: { type: string; text?: string } } }
const pendingOf = (draftId: string): Pending | undefined => fake.stores.get('pending')!.get(JSON.stringify(draftId)) as Pending | undefined;

/** The person followed a link from the cart to the payment page (noted by the cart page as theirs). */
async function followLink(leftAt: number, arrivedAt: number): Promise<void> {
  currentTab = { ...currentTab, url: PAY };
  session.set('page:7', CART);
  session.set('commit:7', { transitionType: 'link', qualifiers: [], url: PAY, at: arrivedAt - 50 });
  await saveExit(7, { at: leftAt, byPerson: true });
  await onPageLoaded({ ...currentTab } as never, { url: PAY, navigation: 'link', at: arrivedAt });
}

beforeEach(async () => {
  for (const s of fake.stores.values()) s.clear();
  local.clear();
  session.clear();
  otherTabs.clear();
  currentTab = { id: 7, url: CART, active: true, windowId: 1, width: 800, height: 600 };
  const t0 = Date.now() - 60_000;
  local.set('recording', { taskId: TASK, startedAt: t0 });
  await (fake.db as { put: (s: string, v: object) => Promise<unknown> }).put('tasks', { id: TASK, instruction: 'x', createdAt: t0, status: 'recording', stepCount: 0, endedAt: null });
});

describe('a pageless stand-in replaced by the page\'s own copy, attacked', () => {
  it('the page\'s own copy landing after its stand-in is a duplicate: no frame of the next page is sealed into the step', async () => {
    const now = Date.now();
    // The person typed "hello world" on the cart page and followed a link; the worker held "hello w".
    await holdEdit({ tabId: 7, frameId: 0, savedAt: now - 4000, draft: typeDraft('d1', 'hello w', CART, now - 4000) });
    await followLink(now - 600, now - 400);
    expect(pendingOf('d1')?.frame).toEqual({ kind: 'none', note: expect.stringContaining('page was gone') as string });
    // The cart page's own step, slow to land: the browser names its tab as it is now (the payment page).
    const reply = await recordStep(typeDraft('d1', 'hello world', CART, now - 4000), { tab: { ...currentTab } as never, frameId: 0, url: CART });
    // Dropped (before, it replaced the stand-in and took a capture of the payment page with it): the held text
    // stands, a few keys behind at most, with no screenshot.
    expect(reply).toMatchObject({ ok: true, duplicate: true });
    const record = pendingOf('d1')!;
    expect(record.draft.action.text).toBe('hello w');
    expect(record.frame).toEqual({ kind: 'none', note: expect.stringContaining('page was gone') as string });
    // What the cart page's type step is stored with: a frame of the cart page, or none. Not the payment page.
    const pixels = record.frame?.kind === 'sealed' ? await openShot(record.frame as never) : null;
    expect(pixels).not.toBe(`data:text/plain,pixels of ${PAY}`);
  }, 15_000);

  it('P5: the replacing copy moves the tab\'s last page back to the page it left (a tab switch then starts there)', async () => {
    const now = Date.now();
    await holdEdit({ tabId: 7, frameId: 0, savedAt: now - 4000, draft: typeDraft('d5', 'hello w', CART, now - 4000) });
    await followLink(now - 600, now - 400);
    // A click on the payment page: the tab's last page is the payment page.
    const click = { ...stepDraft(), draftId: 'pay-click', taskId: TASK, timestamp: now - 100, lastChangeAt: now - 200, url: PAY };
    expect(await recordStep(click, { tab: { ...currentTab } as never, frameId: 0, url: PAY })).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 0));
    expect((session.get('lastObs:7') as { url?: string } | undefined)?.url).toBe(PAY);
    // Then the cart page's own copy of its type step lands and replaces the stand-in.
    await recordStep(typeDraft('d5', 'hello world', CART, now - 4000), { tab: { ...currentTab } as never, frameId: 0, url: CART });
    await new Promise((r) => setTimeout(r, 0));
    // What onTabActivated (a tab_switch's page before) and finalOfClosedTab read as the tab's page now.
    expect((session.get('lastObs:7') as { url?: string } | undefined)?.url).toBe(PAY);
  }, 15_000);

  it('P2: the left page\'s held edit and its hand-over are both gone when the stand-in cannot be written (disk full)', async () => {
    const now = Date.now();
    await holdEdit({ tabId: 7, frameId: 0, savedAt: now - 4000, draft: typeDraft('d2', 'hello w', CART, now - 4000) });
    // The cart page's hand-over, with its last text (younger than ingestUnsent's 2 s: takeLeftEdits takes it).
    local.set('handoff:unsent:d2', { tabId: 7, frameId: 0, savedAt: now - 300, draft: typeDraft('d2', 'hello world', CART, now - 4000) });
    // The disk is full for the stand-in's write (IndexedDB's QuotaExceededError), once.
    const store = fake.stores.get('pending')!;
    const put = store.set.bind(store);
    let failed = false;
    store.set = (k, v) => {
      if (!failed && (v as { draftId?: string }).draftId === 'd2') {
        failed = true;
        throw Object.assign(new Error('quota exceeded'), { name: 'QuotaExceededError' });
      }
      return put(k, v);
    };
    await followLink(now - 600, now - 400).catch(() => undefined);
    expect(failed).toBe(true);
    // Space again: the page repeats its load report, the alarm ingests hand-overs.
    await followLink(now - 600, now - 400).catch(() => undefined);
    await ingestUnsent(0);
    const copies = {
      pending: pendingOf('d2')?.draft.action.text ?? null,
      held: [...session.keys()].filter((k) => k.includes('d2')),
      handedOver: [...local.keys()].filter((k) => k.includes('d2')),
    };
    // "No step is lost": some copy of the typing must survive a failed write, as recordStep's retry keeps the page's.
    expect(copies.pending !== null || copies.held.length > 0 || copies.handedOver.length > 0).toBe(true);
  }, 15_000);

  it('P3: at a tab\'s close, the held edit\'s older text wins over the page\'s own hand-over', async () => {
    const now = Date.now();
    // The person typed "hello world" and closed the tab; the worker held "hello w" (throttled). The page's type
    // step did not get through as it closed; its pagehide hand-over did.
    await holdEdit({ tabId: 7, frameId: 0, savedAt: now - 4000, draft: typeDraft('d3', 'hello w', CART, now - 4000) });
    local.set('handoff:unsent:d3', { tabId: 7, frameId: 0, savedAt: now - 300, draft: typeDraft('d3', 'hello world', CART, now - 4000) });
    listeners.work.length = 0;
    for (const l of listeners.tabClosed) l(7);
    await Promise.all(listeners.work);
    // The next page load anywhere (or the wake alarm) ingests the hand-over: a pageless copy of a pageless record.
    await ingestUnsent(0);
    expect(pendingOf('d3')?.draft.action.text).toBe('hello world');
  }, 15_000);
});

describe('the work a tab\'s close starts, and Stop', () => {
  it('is noted for Stop to wait for; once Stop has begun, only the tab in front at Stop files a final state', async () => {
    let file!: () => void;
    final.until = new Promise<void>((r) => { file = r; });
    final.begun = 0;
    for (const l of listeners.tabClosed) l(7);
    expect(final.begun).toBe(1);
    let settled = false;
    const done = closedTabWorkDone(10_000).then((ok) => { settled = ok; });
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    file();
    await done;
    expect(settled).toBe(true);
    final.until = Promise.resolve();
    // Closed while a Stop runs that began with another tab in front: the page in front at Stop is the final state.
    await duringStop(async () => { noteStopFront(9); for (const l of listeners.tabClosed) l(7); });
    expect(final.begun).toBe(1);
    // The tab in front at Stop, closed as Stop runs (Stop, then Ctrl+W): its page is.
    await duringStop(async () => { noteStopFront(7); for (const l of listeners.tabClosed) l(7); });
    expect(final.begun).toBe(2);
    for (const l of listeners.tabClosed) l(7);
    expect(final.begun).toBe(3);
    await closedTabWorkDone();
  }, 15_000);
});

describe('a tab switch away from a tab on a site excluded from recording', () => {
  /** A click on the cart page, a look at tab 9 (showing `shown`), and back to the cart: when the person looked. */
  async function lookAtTab9(shown: object): Promise<number> {
    otherTabs.set(9, { id: 9, active: true, windowId: 1, width: 800, height: 600, ...shown });
    const now = Date.now();
    const click = { ...stepDraft(), draftId: 'c1', taskId: TASK, timestamp: now - 3000, lastChangeAt: now - 3100, url: CART };
    expect(await recordStep(click, { tab: { ...currentTab } as never, frameId: 0 })).toMatchObject({ ok: true });
    await tabMemory.setActiveTab(7);
    await onTabActivated(9, now - 2000);
    await onTabActivated(7, now - 1000);
    return now;
  }
  /** Everything the extension wrote to disk (storage.session is memory only). */
  const onDisk = (): string => JSON.stringify([...fake.stores.values()].map((st) => [...st.values()])) + JSON.stringify([...local.entries()]);

  it('is a step, though the person only looked at that tab, and keeps nothing of its page: no address, title or frame', async () => {
    const now = await lookAtTab9({ url: 'https://pay.example/checkout?card=4111111111111111', title: 'Pay, Jane Roe' });
    const switches = ([...fake.stores.get('pending')!.values()] as unknown as (Pending & { draft: { note?: string; title: string; url: string } })[])
      .filter((p) => p.draft.action.type === 'tab_switch').sort((a, b) => a.arrivedAt - b.arrivedAt);
    // Before its fix the switch back was refused by intake (its tab's site is never recorded): the trajectory went
    // from the switch into the payment tab straight to the next click on the cart page.
    expect(switches.map((p) => p.draftId)).toEqual([`tab:7:9:${now - 2000}`, `tab:9:7:${now - 1000}`]);
    const back = switches[1]!;
    expect(back.draft.note).toMatch(/excluded from recording/);
    expect(back.draft).toMatchObject({ title: '', url: '' });
    expect(back.frame).toEqual({ kind: 'none', note: 'site excluded from recording' });
    expect(onDisk()).not.toMatch(/pay\.example|4111|Jane Roe/);
  });

  // A statement the site opened as a blob (its address has no host of its own), and a tab still loading the site
  // (no address yet, titled by the one it loads): both were taken for a browser page, whose address and title stand in.
  // And (review of 574c0e4, attack 17) a tab on about:blank loading the site: a popup a page opened, then sent
  // there (Chrome: pendingUrl), or a new tab in Firefox (no pendingUrl; only its title, the address it loads).
  it.each([
    ['a blob of the site', { url: 'blob:https://pay.example/6c1f0a52-statement', title: 'Statement of Jane Roe' }],
    ['a tab still loading the site', { url: '', pendingUrl: 'https://pay.example/checkout?card=4111111111111111', title: 'pay.example/checkout?card=4111111111111111' }],
    ['a popup on about:blank sent to the site', { url: 'about:blank', pendingUrl: 'https://pay.example/checkout?card=4111111111111111', title: 'pay.example/checkout?card=4111111111111111' }],
    ['a Firefox tab on about:blank loading the site', { url: 'about:blank', status: 'loading', title: 'pay.example/checkout?card=4111111111111111' }],
  ])('so is one from %s: nothing of it is kept', async (name, shown) => {
    const now = await lookAtTab9(shown);
    const back = (fake.stores.get('pending')!.get(JSON.stringify(`tab:9:7:${now - 1000}`)) as { draft: { note?: string } } | undefined);
    // Firefox's tab says nothing of the site it loads but its title: a blank page, with no title, stands in.
    expect(back?.draft.note).toMatch(name.startsWith('a Firefox') ? /cannot be recorded/ : /excluded from recording/);
    expect(onDisk()).not.toMatch(/pay\.example|4111|Jane Roe/);
  });

  // Review of 7423c85 (attack 18): a page the tab still shows is that page, whatever address is pending, and a page
  // reloading (or a browser page loading) keeps its title.
  it.each([
    ['a recordable page with an excluded address pending', { url: 'https://store.example/account', pendingUrl: 'https://pay.example/checkout', title: 'Your account' }, 'Your account'],
    ['a recordable page reloading', { url: 'https://store.example/account', status: 'loading', title: 'Your account' }, 'Your account'],
    ['a browser page loading', { url: 'chrome://settings/', status: 'loading', title: 'Settings' }, 'Settings'],
  ])('keeps %s as the tab\'s page', async (_name, shown, title) => {
    const now = await lookAtTab9(shown);
    const stepOf = (id: string) => fake.stores.get('pending')!.get(JSON.stringify(id)) as { draft: { title: string; url: string; action: { url?: string } } } | undefined;
    expect(stepOf(`tab:7:9:${now - 2000}`)?.draft.action.url).toBe(shown.url);
    expect(stepOf(`tab:9:7:${now - 1000}`)?.draft).toMatchObject({ url: shown.url, title });
  });

  it('scrubs a recordable tab\'s raw address and title as a page scrubs its own (with NER): no name reaches the disk', async () => {
    // The switch there names the tab's address; the switch back, only looked at, stands in by address and title.
    const now = await lookAtTab9({ url: 'https://store.example/account?name=Jane%20Roe', title: 'Account of Mrs Jane Roe' });
    const stored = [...fake.stores.get('pending')!.values()] as unknown as { draftId: string }[];
    expect(stored.map((p) => p.draftId).sort()).toEqual(['c1', `tab:7:9:${now - 2000}`, `tab:9:7:${now - 1000}`]);
    expect(onDisk()).toContain('store.example/account');
    expect(onDisk()).not.toMatch(/Jane/);
  });
});

describe('a tab moved to another window', () => {
  const switches = (): string[] => ([...fake.stores.get('pending')!.values()] as unknown as Pending[])
    .filter((p) => p.draft.action.type === 'tab_switch').sort((a, b) => a.arrivedAt - b.arrivedAt).map((p) => p.draftId);

  /** A click on the cart page (tab 7, in front of window 1, tab 9 behind it), then tab 7 dragged into window 2. */
  async function dragOut(activations: [number, number][]): Promise<number> {
    otherTabs.set(9, { id: 9, url: 'https://news.example/', title: 'News', active: true, windowId: 1, width: 800, height: 600 });
    const now = Date.now();
    const click = { ...stepDraft(), draftId: 'm1', taskId: TASK, timestamp: now - 3000, lastChangeAt: now - 3100, url: CART };
    expect(await recordStep(click, { tab: { ...currentTab } as never, frameId: 0 })).toMatchObject({ ok: true });
    await tabMemory.setActiveTab(7);
    await tabMemory.setActiveIn(1, 7);
    currentTab = { ...currentTab, windowId: 2 };
    // The browser's order: detached from window 1, attached to window 2, then the activations (in either order).
    await onTabMoved(7, 1, null);
    await onTabMoved(7, null, 2);
    for (const [tab, win] of activations) await onTabActivated(tab, now - 2000, win);
    return now;
  }

  it.each([
    ['the window left first', [[9, 1], [7, 2]]],
    ['the new window first', [[7, 2], [9, 1]]],
  ] as [string, [number, number][]][])('makes no tab switch (%s): the person is still in the tab they moved', async (_order, activations) => {
    await dragOut(activations);
    // Before: a switch from the cart to the news tab the browser brought forward in window 1, and one back.
    expect(switches()).toEqual([]);
  });

  it('leaves each window its own front: a switch the person makes afterwards in either window is from the right tab', async () => {
    const now = await dragOut([[9, 1], [7, 2]]);
    otherTabs.set(11, { id: 11, url: 'https://store.example/help', title: 'Help', active: true, windowId: 2, width: 800, height: 600 });
    await onTabActivated(11, now - 1000, 2);
    expect(switches()).toEqual([`tab:7:11:${now - 1000}`]);
  });
});
