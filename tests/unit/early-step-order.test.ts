// A step the new page sent before its load report reached the worker (the report's send retried, a Firefox
// background page woken by both): the click names its page's arrival (afterArrival), and the navigation that
// report makes is stamped below it, so it is numbered first (background/arrival-stamps). Seen in Firefox under a
// full test run: reload, then a click 300 ms later, stored as click, navigate.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeStorageArea, type FakeArea } from './fake-storage';

const local: FakeArea = new Map();
const session: FakeArea = new Map();
/** Early steps a stopped worker left pending: their stamps (what platform/db's index returns). */
const storedEarly: { tabId: number; afterArrival: number; arrivedAt: number }[] = [];

vi.mock('webextension-polyfill', () => ({ default: { storage: { local: fakeStorageArea(local), session: fakeStorageArea(session) } } }));
vi.mock('../../src/platform/db', () => ({
  db: () => Promise.reject(new Error('not used')),
  newestArrival: () => Promise.resolve(0),
  pendingEarlySteps: (after: number, upTo: number) => Promise.resolve(
    storedEarly.filter((p) => p.afterArrival > after && p.afterArrival <= upTo)),
}));
const stamped: { what: string; stamp: number; id?: string }[] = [];
vi.mock('../../src/background/step-intake', async () => {
  const { nextArrival } = await import('../../src/background/arrival-stamps');
  return {
    ingestUnsent: () => Promise.resolve(0),
    recordStep: async (draft: { draftId: string; action: { type: string; navigation?: string } }, _sender: unknown, order: { heldStamp?: number } = {}) => {
      const arrival = order.heldStamp !== undefined ? Promise.resolve(order.heldStamp) : nextArrival();
      stamped.push({ what: `${draft.action.type} ${draft.action.navigation ?? ''}`.trim(), stamp: await arrival, id: draft.draftId });
      return { ok: true };
    },
  };
});
vi.mock('../../src/background/scrubber-state', () => ({
  activeScrubber: () => Promise.resolve({ redactUrl: (u: string) => ({ text: u }) }),
  activeConfig: () => Promise.resolve({ config: { sites: [] } }),
}));
vi.mock('../../src/background/capture-scheduler', () => ({ samePage: (a: string, b: string | undefined) => a === b }));
vi.mock('../../src/background/frame-vault', () => ({ VAULT_KEY: 'vault' }));
vi.mock('../../src/background/step-processor', () => ({ kickProcessor: () => Promise.resolve() }));

const { onPageLoaded } = await import('../../src/background/navigation-steps');
const { nextArrival, noteEarlyStep, earlyWait, EARLY_WAIT_MAX_MS, arrivalsUndecided, holdArrival, HOLD_MAX_MS } = await import('../../src/background/arrival-stamps');
const { restrictedPageState } = await import('../../src/core/page-state');
const { tabMemory } = await import('../../src/background/tab-memory');

const PAGE = 'http://127.0.0.1:8000/demo/index.html';
const tab = { id: 7, url: PAGE, width: 800, height: 600 } as never;
const state = (at: number) => ({ ...restrictedPageState(PAGE, 'Demo', { width: 800, height: 600 }, at), redactions: {} });

/** A click as intake takes it in: its stamp asked for at once, noted as early when its page said so. */
async function click(what: string, afterArrival?: number): Promise<number> {
  const stamp = nextArrival();
  if (afterArrival !== undefined) noteEarlyStep(7, afterArrival, stamp);
  stamped.push({ what, stamp: await stamp });
  return stamp;
}

/** The processor's order: by stamp, then by draft id (a navigation's is `nav:<tab>:<arrival>`). */
const storedOrder = (): string[] => [...stamped]
  .sort((a, b) => a.stamp - b.stamp || ((a.id ?? '') < (b.id ?? '') ? -1 : (a.id ?? '') > (b.id ?? '') ? 1 : 0)).map((s) => s.what);

let t0 = 1_700_000_000_000;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
  t0 += 120_000;
  vi.setSystemTime(t0);
  local.clear();
  session.clear();
  stamped.length = 0;
  storedEarly.length = 0;
  local.set('recording', { taskId: 'task', startedAt: t0 - 60_000 });
  // The page was reloaded: it handed its state over, and the browser committed the reload.
  session.set('page:7', PAGE);
  session.set('commit:7', { transitionType: 'reload', qualifiers: [], url: PAGE, at: t0 + 50 });
  local.set(`handoff:leaving:7:${t0 + 10}`, { state: state(t0 + 10), arrival: null, lastAction: null, exit: null });
});
afterEach(() => vi.useRealTimers());

describe('a click the reloaded page sent before its load report got to the worker', () => {
  it('is numbered after the reload: the navigation is stamped below it', async () => {
    const arrivedAt = t0 + 100;
    await vi.advanceTimersByTimeAsync(400);
    await click('click on the reloaded page', arrivedAt);
    await vi.advanceTimersByTimeAsync(300);
    const loaded = onPageLoaded(tab, { url: PAGE, navigation: 'reload', at: arrivedAt });
    await vi.advanceTimersByTimeAsync(5000);
    await loaded;
    expect(storedOrder()).toEqual(['navigate reload', 'click on the reloaded page']);
    expect(await tabMemory.arrivalDecided(7)).toBe(arrivedAt);
  });

  it('accepted by a worker that stopped since (found pending in storage): still after the reload', async () => {
    const arrivedAt = t0 + 100;
    // The stopped worker stamped it; this worker knows it only from the pending record.
    storedEarly.push({ tabId: 7, afterArrival: arrivedAt, arrivedAt: t0 + 400 });
    stamped.push({ what: 'click on the reloaded page', stamp: t0 + 400 });
    vi.setSystemTime(t0 + 900);
    const loaded = onPageLoaded(tab, { url: PAGE, navigation: 'reload', at: arrivedAt });
    await vi.advanceTimersByTimeAsync(5000);
    await loaded;
    expect(storedOrder()).toEqual(['navigate reload', 'click on the reloaded page']);
  });

  it('a step that named an arrival decided before does not pull a later navigation ahead of it', async () => {
    // The tab's arrival at t0 - 5000 was decided long ago; a step of that page, still pending, named it.
    await tabMemory.setArrivalDecided(7, t0 - 5000);
    storedEarly.push({ tabId: 7, afterArrival: t0 - 5000, arrivedAt: t0 - 4000 });
    stamped.push({ what: 'click on the page before', stamp: t0 - 4000 });
    await vi.advanceTimersByTimeAsync(400);
    const loaded = onPageLoaded(tab, { url: PAGE, navigation: 'reload', at: t0 + 100 });
    await vi.advanceTimersByTimeAsync(5000);
    await loaded;
    expect(storedOrder()).toEqual(['click on the page before', 'navigate reload']);
  });

  it('a click on a page whose own report was lost stays between that page\'s navigation and the next (review of 8f4ebf8)', async () => {
    const a1 = t0 + 100;
    await vi.advanceTimersByTimeAsync(400);
    // A click on P1, sent while P1's report was unanswered (it never got through: the worker was away).
    await click('click on P1', a1);
    // P1 reloaded at t0 + 1500: its hand-over carries its unacknowledged arrival; P2's report decides both.
    await vi.advanceTimersByTimeAsync(1100);
    local.set(`handoff:leaving:7:${t0 + 1500}`, { state: state(t0 + 1500), arrival: { url: PAGE, navigation: 'reload', at: a1 }, lastAction: null, exit: null });
    session.set('commit:7', { transitionType: 'reload', qualifiers: [], url: PAGE, at: t0 + 1550 });
    await vi.advanceTimersByTimeAsync(100);
    const loaded = onPageLoaded(tab, { url: PAGE, navigation: 'reload', at: t0 + 1600 });
    await vi.advanceTimersByTimeAsync(5000);
    await loaded;
    expect(storedOrder()).toEqual(['navigate reload', 'click on P1', 'navigate reload']);
  });

  it('a step of another tab is no reason to move this tab\'s navigation', async () => {
    const stamp = nextArrival();
    noteEarlyStep(8, t0 + 100, stamp);
    stamped.push({ what: 'click in tab 8', stamp: await stamp });
    await vi.advanceTimersByTimeAsync(400);
    const loaded = onPageLoaded(tab, { url: PAGE, navigation: 'reload', at: t0 + 100 });
    await vi.advanceTimersByTimeAsync(5000);
    await loaded;
    expect(storedOrder()).toEqual(['click in tab 8', 'navigate reload']);
  });
});

describe('earlyWait: how long such a step waits for its page\'s report to be decided', () => {
  const step = (afterArrival?: number) => ({ arrivedAt: 10_000, ...(afterArrival !== undefined ? { afterArrival } : {}) });
  it('waits while the report is undecided, for at most EARLY_WAIT_MAX_MS from its own arrival', () => {
    expect(earlyWait(step(9_000), 8_000, 10_500)).toBe(EARLY_WAIT_MAX_MS - 500);
    expect(earlyWait(step(9_000), 8_000, 10_000 + EARLY_WAIT_MAX_MS)).toBe(0);
  });
  it('does not wait once the report (or a later one of the tab) is decided, nor when it named none', () => {
    expect(earlyWait(step(9_000), 9_000, 10_500)).toBe(0);
    expect(earlyWait(step(9_000), 9_500, 10_500)).toBe(0);
    expect(earlyWait(step(), 0, 10_500)).toBe(0);
  });
});

describe('arrivalsUndecided: what Stop waits for before it clears the navigation memory', () => {
  it('a report being decided (its hold), until it is released', async () => {
    const hold = await holdArrival(9);
    expect(await arrivalsUndecided(tabMemory.arrivalDecided)).toBe(true);
    hold.release();
    expect(await arrivalsUndecided(tabMemory.arrivalDecided)).toBe(false);
  });

  it('a report on its way, named by a step its page sent, until it is decided or the step has waited its time out', async () => {
    noteEarlyStep(9, t0 + 100, nextArrival());
    await vi.advanceTimersByTimeAsync(10);
    expect(await arrivalsUndecided(tabMemory.arrivalDecided)).toBe(true);
    await tabMemory.setArrivalDecided(9, t0 + 100);
    expect(await arrivalsUndecided(tabMemory.arrivalDecided)).toBe(false);
    await tabMemory.setArrivalDecided(9, 0);
    expect(await arrivalsUndecided(tabMemory.arrivalDecided, Date.now() + EARLY_WAIT_MAX_MS)).toBe(false);
  });

  it('so does a step a stopped worker accepted, found pending in storage', async () => {
    storedEarly.push({ tabId: 9, afterArrival: t0 + 100, arrivedAt: t0 + 400 });
    expect(await arrivalsUndecided(tabMemory.arrivalDecided, t0 + 500)).toBe(true);
    expect(await arrivalsUndecided(tabMemory.arrivalDecided, t0 + 400 + EARLY_WAIT_MAX_MS)).toBe(false);
  });

  it('a hold that has outlived HOLD_MAX_MS is no reason to wait', async () => {
    await holdArrival(9);
    expect(await arrivalsUndecided(tabMemory.arrivalDecided, Date.now() + HOLD_MAX_MS + 1)).toBe(false);
  });
});
