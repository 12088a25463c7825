// @vitest-environment happy-dom
// Held edits taken in by the next arrival, and the pages' exit notes, attacked (the hostile review of 5b8d029):
// each case failed before its fix. The worker's own intake (background/step-intake) runs for real here, on a
// fake IndexedDB, so what is asserted is what would be stored as a pending step.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { extensionDb, installKeyRange, type FakeDb } from './fake-idb';
import { fakeStorageArea, type FakeArea } from './fake-storage';
import { fakeParam, trusted } from './fake-observer-param';

const fake: FakeDb = extensionDb();
/** The pages step intake asked a fresh capture of (shotForStep's pageUrl). */
const shotsAsked = vi.hoisted((): (string | null)[] => []);
const local: FakeArea = new Map();
const session: FakeArea = new Map();
/** The tab as the browser reports it now (tabs.get). */
let currentTab: { id: number; url: string; width: number; height: number } = { id: 7, url: '', width: 800, height: 600 };

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { sendMessage: () => Promise.resolve() },
    tabs: { get: () => Promise.resolve({ ...currentTab }) },
    storage: { local: fakeStorageArea(local), session: fakeStorageArea(session) },
  },
}));
vi.mock('idb', () => ({ openDB: () => Promise.resolve(fake.db) }));
installKeyRange();
/** The scrubber config's site lists: a payment frame never recorded; no screenshots anywhere (no capture here). */
const SITES = { never_record: ['pay.example'], no_screenshots: ['shop.example', 'pay.example'] };
vi.mock('../../src/background/scrubber-state', async () => (await import('./fake-scrubber-state')).scrubberStateWith(SITES));
vi.mock('../../src/background/capture-scheduler', () => ({
  samePage: (a: string | undefined, b: string | undefined) => a === b,
  shotForStep: (_tab: unknown, _at: number, _change: number, pageUrl: string | null) => {
    shotsAsked.push(pageUrl);
    return Promise.resolve({ ok: false, error: 'no capture here' });
  },
  shotOfLeftPage: () => ({ ok: false, error: 'no capture here' }),
  shotsOfTab: () => [],
}));
vi.mock('../../src/background/step-processor', () => ({
  kickProcessor: () => Promise.resolve(),
  isCapturing: () => false,
  shotInMemory: () => ({ settled: () => undefined, keep: () => undefined }),
  onRecordedCount: () => undefined,
}));
vi.mock('../../src/background/frame-vault', () => ({ sealShot: () => Promise.resolve({ kind: 'none', note: 'x' }), VAULT_KEY: 'vault' }));
vi.mock('../../src/background/input-quiet', () => ({ noteUserAction: () => undefined }));
vi.mock('../../src/background/storage-health', () => ({ reportStorageFull: () => Promise.resolve() }));
vi.mock('../../src/background/tab-text-map', () => ({ tabTextMap: { composed: () => Promise.resolve({ redacted: [], media: [] }) } }));

const { onPageLoaded } = await import('../../src/background/navigation-steps');
const { recordStep, ingestUnsent } = await import('../../src/background/step-intake');
const { holdEdit, releaseEdit } = await import('../../src/background/held-edits');
const { saveExit } = await import('../../src/platform/page-handoff');
const { initInputObserver } = await import('../../src/content/observers/input-observer');
const { initNavigationObserver, watchExits } = await import('../../src/content/observers/navigation-observer');
const { stepDraft } = await import('./fixtures');

const TASK = 'task';
const SHOP = (n: number): string => `https://shop.example/checkout?step=${n}`;

/** A type step's draft as a page sends it (and holds it): `url` the page (or frame) it was typed in. */
function typeDraft(draftId: string, text: string, url: string, at: number) {
  return { ...stepDraft(), draftId, taskId: TASK, timestamp: at, url, action: { type: 'type' as const, coordinates: null, element_id: 3, text } };
}

interface Pending { draftId: string; arrivedAt: number; draft: { action: { type: string; text?: string; url?: string }; url: string } }
const pending = (): Pending[] => ([...fake.stores.get('pending')!.values()] as unknown as Pending[]).sort((a, b) => a.arrivedAt - b.arrivedAt);
const exitKeys = (tabId: number): string[] => [...local.keys()].filter((k) => k.startsWith(`handoff:exit:${tabId}:`));

/** A reload of the shop page (no note decides a reload, so the decision waits only for held edits). */
async function reload(at: number): Promise<void> {
  currentTab = { id: 7, url: SHOP(1), width: 800, height: 600 };
  session.set('page:7', SHOP(1));
  session.set('commit:7', { transitionType: 'reload', qualifiers: [], url: SHOP(1), at: at - 50 });
  await onPageLoaded({ ...currentTab } as never, { url: SHOP(1), navigation: 'reload', at });
}

beforeEach(async () => {
  for (const s of fake.stores.values()) s.clear();
  local.clear();
  session.clear();
  shotsAsked.length = 0;
  const t0 = Date.now() - 30_000;
  local.set('recording', { taskId: TASK, startedAt: t0 - 5000 });
  await (fake.db as { put: (s: string, v: object) => Promise<unknown> }).put('tasks', { id: TASK, instruction: 'x', createdAt: t0 - 5000, status: 'recording', stepCount: 0, endedAt: null });
});
afterEach(() => vi.useRealTimers());

describe('held edits taken in by the next arrival, attacked', () => {
  it('typing in a never_record frame, refused by intake, is not taken in by the next navigation of its tab either', async () => {
    const now = Date.now();
    const draft = typeDraft('card', 'Jane Roe 4111 <CARD>', 'https://pay.example/card-form', now - 3000);
    // The payment frame's own type step: refused (the frame's site is never recorded), so the worker never
    // releases its held edit (service-worker.ts releases only on an ok reply).
    const own = await recordStep(draft, { tab: { id: 7, url: SHOP(1) } as never, frameId: 3, url: 'https://pay.example/card-form' });
    expect(own).toMatchObject({ ok: false, error: 'site excluded by the scrubber config' });
    // The same edit, held as the frame typed (page/typing has no site check).
    await holdEdit({ tabId: 7, frameId: 3, savedAt: now - 3000, draft });
    await reload(now - 500);
    // Nothing of a never_record site may be kept. It is: the held draft (its text, its DOM, the frame's address).
    expect(pending().filter((p) => p.draftId === 'card')).toEqual([]);
  }, 15_000);

  it('the page\'s own last draft, handed over at pagehide, wins over the held edit\'s older text', async () => {
    const now = Date.now();
    // The person typed "hello world"; the worker's held text had got to "hello w" (holds are throttled; the last
    // keys and Enter came within HOLD_QUIET_MS). The page's type step did not get through; its hand-over did.
    await holdEdit({ tabId: 7, frameId: 0, savedAt: now - 4000, draft: typeDraft('d1', 'hello w', SHOP(1), now - 4000) });
    local.set('handoff:unsent:d1', { tabId: 7, frameId: 0, savedAt: now - 300, draft: typeDraft('d1', 'hello world', SHOP(1), now - 4000) });
    await reload(now - 200);
    // A later decision (or the alarm) ingests the hand-over: a duplicate of the draft id, dropped.
    await ingestUnsent(0);
    expect(pending().find((p) => p.draftId === 'd1')?.draft.action.text).toBe('hello world');
  }, 15_000);

  it('text typed and erased (the field ends as it began) makes no step, on the page or at the next navigation', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    document.body.innerHTML = '<input name="coupon" id="c">';
    const field = document.getElementById('c') as HTMLInputElement;
    const { param, reports } = fakeParam();
    const holds: { draftId: string; text: string | undefined; whole: boolean }[] = [];
    param.holdEdit = (_pre, action, draftId, whole) => { holds.push({ draftId, text: action.text, whole }); return Promise.resolve(true); };
    // What the page tells the worker when the edit came to nothing (page/typing's `undone`).
    const undone: string[] = [];
    param.dropEdit = (draftId) => undone.push(draftId);
    const stop = initInputObserver(window, param);
    field.focus();
    field.dispatchEvent(trusted(new InputEvent('beforeinput', { bubbles: true, composed: true })));
    field.value = 'ab';
    field.dispatchEvent(trusted(new InputEvent('input', { bubbles: true, composed: true })));
    field.value = '';
    field.dispatchEvent(trusted(new InputEvent('input', { bubbles: true, composed: true })));
    vi.advanceTimersByTime(1000);
    field.dispatchEvent(trusted(new FocusEvent('focusout', { bubbles: true, composed: true })));
    stop();
    vi.useRealTimers();
    // The page made no step (the field is as it was), and the worker was last told "ab".
    expect(reports).toEqual([]);
    expect(holds.map((h) => h.text)).toEqual(['ab']);

    const now = Date.now();
    await holdEdit({ tabId: 7, frameId: 0, savedAt: now - 3000, draft: typeDraft(holds[0]!.draftId, 'ab', SHOP(1), now - 3000) });
    // The page said so; the worker lets the edit go as the page/typing handler does.
    expect(undone).toEqual([holds[0]!.draftId]);
    for (const id of undone) await releaseEdit(7, id);
    await reload(now - 500);
    // A type step the person never made. Before 5b8d029 the same happened only when the tab closed.
    expect(pending().filter((p) => p.draft.action.type === 'type')).toEqual([]);
  }, 15_000);

  it('a left page\'s edit the busy worker held after the next page loaded is taken by that navigation, before it', async () => {
    const now = Date.now();
    const arrivedAt = now - 1000;
    // Page A's first keystroke's whole draft, handled by a busy worker 20 ms after page B's recorder started
    // (savedAt is the worker's clock as it got round to it; arrival.at is page B's as it loaded).
    await holdEdit({ tabId: 7, frameId: 0, savedAt: arrivedAt + 20, draft: typeDraft('a-edit', 'q', SHOP(0), arrivedAt - 200) });
    local.set('recording', { taskId: TASK, startedAt: now - 60_000 });
    await reload(arrivedAt);
    // The navigation that left page A is stored; A's edit is not before it: still held, for the next arrival
    // (or the tab's close) to take, after the page B steps numbered meanwhile.
    expect(pending().map((p) => p.draft.action.type)).toEqual(['type', 'navigate']);
  }, 15_000);

  it('an allowed page\'s edit held before the arrival is taken in, before the navigation', async () => {
    const now = Date.now();
    await holdEdit({ tabId: 7, frameId: 0, savedAt: now - 3000, draft: typeDraft('ok-edit', 'mail me', SHOP(1), now - 3000) });
    local.set('recording', { taskId: TASK, startedAt: now - 60_000 });
    await reload(now - 500);
    expect(pending().map((p) => `${p.draft.action.type} ${p.draft.action.text ?? p.draft.action.url}`)).toEqual(['type mail me', `navigate ${SHOP(1)}`]);
  }, 15_000);

  it('an edit whose step is pending already is let go at the navigation, not taken in again', async () => {
    const now = Date.now();
    const draft = typeDraft('sent', 'mail me', SHOP(1), now - 3000);
    await holdEdit({ tabId: 7, frameId: 0, savedAt: now - 3000, draft });
    // The page's own step got through (its release by the handler is still to come).
    expect(await recordStep(draft, { tab: { id: 7, url: SHOP(1) } as never, frameId: 0 })).toMatchObject({ ok: true, duplicate: false });
    await reload(now - 500);
    expect(pending().filter((p) => p.draftId === 'sent').map((p) => (p as { pageless?: true }).pageless ?? false)).toEqual([false]);
    expect([...session.keys()].filter((k) => k.startsWith('edit'))).toEqual([]);
  }, 15_000);

  it('the page\'s own type step landing after its held edit was taken is a duplicate, and nothing is captured again for it', async () => {
    const now = Date.now();
    const a = 'https://store.example/cart';
    const b = 'https://store.example/pay';
    // The person typed "hello world" and followed a link; the held text had got to "hello w". The page's own step
    // (final text) is slow to land: the busy worker reaches it after the decision's 1 s.
    await holdEdit({ tabId: 7, frameId: 0, savedAt: now - 4000, draft: typeDraft('d1', 'hello w', a, now - 4000) });
    currentTab = { id: 7, url: b, width: 800, height: 600 };
    session.set('page:7', a);
    session.set('commit:7', { transitionType: 'link', qualifiers: [], url: b, at: now - 450 });
    await saveExit(7, { at: now - 600, byPerson: true });
    await onPageLoaded({ ...currentTab } as never, { url: b, navigation: 'link', at: now - 400 });
    // The page's own step, from the page left (the browser names the tab as it is now: page B).
    const mark = shotsAsked.length;
    const reply = await recordStep(typeDraft('d1', 'hello world', a, now - 4000), { tab: { ...currentTab } as never, frameId: 0 });
    expect(reply).toMatchObject({ ok: true, duplicate: true });
    // The held text stands (a few keys behind at most). Besides the capture every step asks for as it lands (of page
    // B already: out of scope, and unused for a duplicate), the stand-in says it has no frame: before, it read as an
    // orphaned shot, and page B was captured again and sealed into page A's type step.
    expect({ text: pending().find((p) => p.draftId === 'd1')?.draft.action.text, captures: shotsAsked.slice(mark) })
      .toEqual({ text: 'hello w', captures: [b] });
  }, 15_000);

  it('notes up to a decided arrival are cleared: a page whose script navigates nowhere leaves none behind', async () => {
    const t0 = Date.now() - 30_000;
    // A hostile page's script sends itself to a 204 address every few ms (or starts and aborts navigations):
    // each navigate event is a note under its own key, none is a page left.
    for (let i = 1; i <= 300; i++) await saveExit(7, { at: t0 + i, byPerson: false });
    // Then the person follows a link (noted as theirs), and the arrival is decided.
    await saveExit(7, { at: t0 + 400, byPerson: true });
    currentTab = { id: 7, url: SHOP(2), width: 800, height: 600 };
    session.set('page:7', SHOP(1));
    session.set('commit:7', { transitionType: 'link', qualifiers: [], url: SHOP(2), at: t0 + 450 });
    await onPageLoaded({ ...currentTab } as never, { url: SHOP(2), navigation: 'link', at: t0 + 500 });
    // Every note up to this arrival is spent; all 301 stay until the tab's next decision (never, if it closes).
    expect(exitKeys(7).length).toBeLessThanOrEqual(1);
  }, 15_000);

  it('a page firing navigate events by the hundred writes one note', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_700_000_000_000);
    const nav = new EventTarget();
    Object.defineProperty(window, 'navigation', { value: nav, configurable: true });
    try {
      const { param } = fakeParam();
      const recorder = { ...param, where: { tabId: 9, frameId: 0 } } as never;
      const stop = initNavigationObserver(window, recorder, false, watchExits(window));
      for (let i = 0; i < 200; i++) {
        const e = new Event('navigate', { cancelable: true });
        Object.assign(e, { navigationType: 'push', destination: { url: `https://shop.example/204?${i}`, sameDocument: false }, hashChange: false, userInitiated: false });
        nav.dispatchEvent(e);
        await Promise.resolve();
        vi.advanceTimersByTime(1);
      }
      await new Promise((r) => setImmediate(r));
      stop();
      // A bound on what one page can write into extension storage (before 5b8d029: one key a tab).
      expect(exitKeys(9).length).toBeLessThanOrEqual(10);
    } finally {
      Reflect.deleteProperty(window, 'navigation');
    }
  });
});
