// onPageLoaded (background/navigation-steps): a page repeats its load report until the worker answers it, and a
// busy worker may answer the first one late. Before, the repeat was decided again: the first decision had taken
// the hand-over and set the tab's page to the new address, so the repeat read the page it arrived at as the
// page it left, and once the script's exit was over 10 s old it made a `navigate link` step from a page to
// itself with no input (seen in Firefox CI on the history-loop page).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeStorageArea, type FakeArea } from './fake-storage';

const local: FakeArea = new Map();
const session: FakeArea = new Map();

vi.mock('webextension-polyfill', () => ({ default: { storage: { local: fakeStorageArea(local), session: fakeStorageArea(session) } } }));
const recorded: { url: string | undefined; before: string }[] = [];
vi.mock('../../src/background/step-intake', () => ({
  ingestUnsent: () => Promise.resolve(),
  recordStep: (draft: { action: { url?: string }; url: string }) => {
    recorded.push({ url: draft.action.url, before: draft.url });
    return Promise.resolve({ ok: true });
  },
}));
vi.mock('../../src/background/scrubber-state', () => ({
  activeScrubber: () => Promise.resolve({ redactUrl: (u: string) => ({ text: u }) }),
  activeConfig: () => Promise.resolve({ config: { sites: [] } }),
}));
vi.mock('../../src/background/capture-scheduler', () => ({ samePage: (a: string, b: string | undefined) => a === b }));
vi.mock('../../src/background/frame-vault', () => ({ VAULT_KEY: 'vault' }));
vi.mock('../../src/background/step-processor', () => ({ kickProcessor: () => Promise.resolve() }));
vi.mock('../../src/background/arrival-stamps', () => ({
  holdArrival: () => Promise.resolve({ stamp: 1, release: () => undefined }),
  navigationStamps: (_tab: number, arrivals: number[], _decided: number, held: number) => Promise.resolve(arrivals.map(() => held)),
  forgetEarlySteps: () => undefined,
}));

const { onPageLoaded } = await import('../../src/background/navigation-steps');
const { restrictedPageState } = await import('../../src/core/page-state');

const page = (n: number): string => `http://127.0.0.1:8000/loop.html?n=${n}`;
const tab = { id: 7, url: page(1), width: 800, height: 600 } as never;

beforeEach(() => {
  local.clear();
  session.clear();
  recorded.length = 0;
});

describe('onPageLoaded, a repeated load report', () => {
  it('is not decided again: a script\'s way out stays no step, however late the repeat comes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const t0 = 1_000_000;
      vi.setSystemTime(t0);
      local.set('recording', { taskId: 'task', startedAt: t0 - 5000 });
      session.set('page:7', page(0));
      session.set('commit:7', { transitionType: 'link', qualifiers: [], url: page(1), at: t0 + 50 });
      // Page 0 sent itself away by script (location = …), noted by its navigate event, and handed its state over.
      const exit = { at: t0, byPerson: false };
      local.set('handoff:exit:7', exit);
      const state = { ...restrictedPageState(page(0), 'Loop', { width: 800, height: 600 }, t0 + 10), redactions: {} };
      local.set(`handoff:leaving:7:${t0 + 10}`, { state, arrival: null, lastAction: null, exit });
      const arrival = { url: page(1), navigation: 'link' as const, at: t0 + 100 };

      await onPageLoaded(tab, arrival);
      expect(recorded).toEqual([]);
      expect([...local.keys()].filter((k) => k.startsWith('handoff:leaving:'))).toEqual([]);

      // The same report again, 12 s later (its answer was lost): the exit is stale by now.
      vi.setSystemTime(t0 + 12_000);
      await onPageLoaded(tab, arrival);
      expect(recorded).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('two copies of one report at once make one decision: a person\'s link is one step', async () => {
    const t0 = Date.now();
    local.set('recording', { taskId: 'task', startedAt: t0 - 5000 });
    session.set('page:7', page(0));
    session.set('commit:7', { transitionType: 'link', qualifiers: [], url: page(1), at: t0 + 50 });
    const state = { ...restrictedPageState(page(0), 'Loop', { width: 800, height: 600 }, t0 + 10), redactions: {} };
    local.set(`handoff:leaving:7:${t0 + 10}`, { state, arrival: null, lastAction: null, exit: null });
    const arrival = { url: page(1), navigation: 'link' as const, at: t0 + 100 };
    await Promise.all([onPageLoaded(tab, arrival), onPageLoaded(tab, arrival)]);
    expect(recorded).toEqual([{ url: page(1), before: page(0) }]);
  });
});
