// Review (attack 2) of the held arrival stamps (background/arrival-stamps, navigation-steps' onPageLoaded): a
// navigation decided late keeps the stamp it held from its arrival, so a click made on the page it led to while
// it was being decided is numbered after it (docs/limits.md: "Steps sent meanwhile ... wait behind the
// navigation, so they keep their order"). Two ways a click on the new page still gets the earlier stamp:
//  1. the tab's load reports are decided one at a time, and the hold is taken only when the report's turn comes:
//     a report queued behind the previous arrival's exit-note wait (up to 2.3 s) holds nothing meanwhile;
//  2. the held stamp goes to the first step made: when a lost report's navigation comes first, the current one
//     takes a fresh stamp only after its own exit-note wait.
// Stamps are the real ones (arrival-stamps); recordStep stands in as intake does it: the held stamp, else a new one.
// They failed on the code they were written against (a7cdb7c..1534274), and guard the fix.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeStorageArea, type FakeArea } from './fake-storage';

const local: FakeArea = new Map();
const session: FakeArea = new Map();

vi.mock('webextension-polyfill', () => ({ default: { storage: { local: fakeStorageArea(local), session: fakeStorageArea(session) } } }));
vi.mock('../../src/platform/db', () => ({
  db: () => Promise.reject(new Error('not used')), newestArrival: () => Promise.resolve(0), pendingEarlySteps: () => Promise.resolve([]),
}));
/** Every step made, with the arrival stamp intake would store it under (what the processor orders by). */
const stamped: { what: string; stamp: number }[] = [];
vi.mock('../../src/background/step-intake', async () => {
  const { nextArrival } = await import('../../src/background/arrival-stamps');
  return {
    ingestUnsent: () => Promise.resolve(0),
    recordStep: async (draft: { action: { type: string; url?: string; navigation?: string } }, _sender: unknown, order: { heldStamp?: number } = {}) => {
      // As intake: the held stamp, or a new one asked for before anything is awaited.
      const arrival = order.heldStamp !== undefined ? Promise.resolve(order.heldStamp) : nextArrival();
      stamped.push({ what: `${draft.action.type} ${draft.action.navigation ?? ''} ${draft.action.url ?? ''}`.trim(), stamp: await arrival });
      return { ok: true };
    },
  };
});
vi.mock('../../src/background/scrubber-state', () => ({
  activeScrubber: () => Promise.resolve({ redactUrl: (u: string) => ({ text: u }) }),
  fullScrubber: () => Promise.resolve({ redactUrl: (u: string) => ({ text: u }) }),
  activeConfig: () => Promise.resolve({ config: { sites: { never_record: [], no_screenshots: [] } } }),
}));
vi.mock('../../src/background/capture-scheduler', () => ({ samePage: (a: string, b: string | undefined) => a === b }));
vi.mock('../../src/background/frame-vault', () => ({ VAULT_KEY: 'vault' }));
vi.mock('../../src/background/step-processor', () => ({ kickProcessor: () => Promise.resolve() }));

const { onPageLoaded } = await import('../../src/background/navigation-steps');
const { nextArrival } = await import('../../src/background/arrival-stamps');
const { restrictedPageState } = await import('../../src/core/page-state');

const page = (n: number): string => `http://127.0.0.1:8000/p${n}.html`;
const tab = (n: number) => ({ id: 7, url: page(n), width: 800, height: 600 }) as never;
const state = (n: number, at: number) => ({ ...restrictedPageState(page(n), `P${n}`, { width: 800, height: 600 }, at), redactions: {} });

/** A click on the page now shown, as intake stamps it (the step's own recordStep asks at once). */
async function clickNow(n: number): Promise<void> {
  stamped.push({ what: `click on ${page(n)}`, stamp: await nextArrival() });
}

/** The steps in the order the processor stores (and numbers) them: by arrival stamp. */
const storedOrder = (): string[] => [...stamped].sort((a, b) => a.stamp - b.stamp).map((s) => s.what);

// Each test a minute after the last: the stamps given out (module state) stay below this test's.
let t0 = 1_700_000_000_000;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
  t0 += 60_000;
  vi.setSystemTime(t0);
  local.clear();
  session.clear();
  stamped.length = 0;
  local.set('recording', { taskId: 'task', startedAt: t0 - 60_000 });
});
afterEach(() => vi.useRealTimers());

describe('a navigation decided late keeps its place before the clicks on the page it led to', () => {
  it('a load report queued behind the previous arrival\'s exit-note wait: the click on its page comes first', async () => {
    // Page 1 was reached by a link with no action before it, and its note of how page 0 was left is late (a
    // loaded machine): its decision waits for the note, up to 2.3 s.
    session.set('page:7', page(0));
    session.set('commit:7', { transitionType: 'link', qualifiers: [], url: page(1), at: t0 + 50 });
    local.set(`handoff:leaving:7:${t0 + 10}`, { state: state(0, t0 + 10), arrival: null, lastAction: null, exit: null });
    const first = onPageLoaded(tab(1), { url: page(1), navigation: 'link', at: t0 + 100 });
    await vi.advanceTimersByTimeAsync(500);

    // Meanwhile the person goes on to page 2 with the browser's own interface (an address typed; Back likewise),
    // which page 1 hands over, and clicks on page 2 at once.
    local.set(`handoff:leaving:7:${t0 + 520}`, { state: state(1, t0 + 520), arrival: { url: page(1), navigation: 'link', at: t0 + 100 }, lastAction: null, exit: null });
    const second = onPageLoaded(tab(2), { url: page(2), navigation: 'link', at: t0 + 560 });
    session.set('commit:7', { transitionType: 'typed', qualifiers: [], url: page(2), at: t0 + 540 });
    await vi.advanceTimersByTimeAsync(100);
    await clickNow(2);

    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all([first, second]);
    // The trajectory must read: link to page 1, typed to page 2, the click on page 2.
    expect(storedOrder()).toEqual([`navigate link ${page(1)}`, `navigate typed ${page(2)}`, `click on ${page(2)}`]);
  });

  it('a lost report\'s navigation takes the held stamp: the current one, decided after its note wait, comes after the click', async () => {
    // A worker restart lost page 1's load report: page 1's hand-over carries its arrival. Page 2 now reports; its
    // own navigation (a link with no action before it, page 1's note late) waits for the note.
    session.set('page:7', page(0));
    session.set('commit:7', { transitionType: 'link', qualifiers: [], url: page(2), at: t0 + 250 });
    local.set(`handoff:leaving:7:${t0 + 10}`, { state: state(0, t0 + 10), arrival: null, lastAction: null, exit: null });
    local.set(`handoff:leaving:7:${t0 + 200}`, { state: state(1, t0 + 200), arrival: { url: page(1), navigation: 'link', at: t0 + 100 }, lastAction: null, exit: null });
    const loaded = onPageLoaded(tab(2), { url: page(2), navigation: 'link', at: t0 + 300 });
    await vi.advanceTimersByTimeAsync(600);
    // The person clicks on page 2 while its navigation is being decided: the hold is meant to keep it behind.
    await clickNow(2);
    await vi.advanceTimersByTimeAsync(5000);
    await loaded;
    expect(storedOrder()).toEqual([`navigate link ${page(1)}`, `navigate link ${page(2)}`, `click on ${page(2)}`]);
  });
});
