// onPageLoaded (background/navigation-steps): a page repeats its load report until the worker answers it, and a
// busy worker may answer the first one late. Before, the repeat was decided again: the first decision had taken
// the hand-over and set the tab's page to the new address, so the repeat read the page it arrived at as the
// page it left, and once the script's exit was over 10 s old it made a `navigate link` step from a page to
// itself with no input (seen in Firefox CI on the history-loop page).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeStorageArea, type FakeArea } from './fake-storage';

const local: FakeArea = new Map();
const session: FakeArea = new Map();

vi.mock('webextension-polyfill', () => ({ default: { storage: { local: fakeStorageArea(local), session: fakeStorageArea(session) } } }));
/** `left`: the raw address of the page the step's frame must be of (intake's leftPage). */
const recorded: { url: string | undefined; before: string; at: number; kind: string | undefined; left?: string }[] = [];
/** Held edits taken in as steps of a page that is gone: their texts, in order, with the navigations after them. */
const pageless: string[] = [];
vi.mock('../../src/background/step-intake', () => ({
  ingestUnsent: () => Promise.resolve(),
  takeInPageless: (u: { draft: { action: { text?: string } } }) => {
    pageless.push(`${u.draft.action.text} (before ${recorded.length} navigations)`);
    return Promise.resolve(true);
  },
  // Notes the tab's last step first, as the real intake does.
  recordStep: async (draft: { action: { url?: string; type: string; navigation?: string }; url: string; timestamp: number }, sender: { tab: { id: number }; leftPage?: { url: string } }) => {
    const { tabMemory } = await import('../../src/background/tab-memory');
    await tabMemory.setLastStep(sender.tab.id, draft.timestamp, draft.action.type);
    recorded.push({ url: draft.action.url, before: draft.url, at: draft.timestamp, kind: draft.action.navigation, ...(sender.leftPage ? { left: sender.leftPage.url } : {}) });
    return { ok: true };
  },
}));
// The worker's scrubber with NER is the real one, as the page's is: an address with a name in it is compared scrubbed.
vi.mock('../../src/background/scrubber-state', async () => {
  const { pageScrubber } = await import('./page-scrubber');
  return {
    activeScrubber: () => Promise.resolve({ redactUrl: (u: string) => ({ text: u }) }),
    fullScrubber: () => Promise.resolve(pageScrubber),
    activeConfig: () => Promise.resolve({ config: { sites: { never_record: [], no_screenshots: [] } } }),
  };
});
vi.mock('../../src/background/capture-scheduler', () => ({ samePage: (a: string, b: string | undefined) => a === b }));
vi.mock('../../src/background/frame-vault', () => ({ VAULT_KEY: 'vault' }));
// No step is pending or stored here: every held edit's step is missing.
vi.mock('../../src/platform/db', () => ({ knownDrafts: () => Promise.resolve(new Set()) }));
vi.mock('../../src/background/step-processor', () => ({ kickProcessor: () => Promise.resolve() }));
vi.mock('../../src/background/arrival-stamps', () => ({
  holdArrival: () => Promise.resolve({ stamp: 1, release: () => undefined }),
  navigationStamps: (_tab: number, arrivals: number[], _decided: number, held: number) => Promise.resolve(arrivals.map(() => held)),
  forgetEarlySteps: () => undefined,
}));

const { onPageLoaded } = await import('../../src/background/navigation-steps');
const { restrictedPageState } = await import('../../src/core/page-state');
const { tabMemory } = await import('../../src/background/tab-memory');
const { exportOrder } = await import('../../src/core/stored-step');

const page = (n: number): string => `http://127.0.0.1:8000/loop.html?n=${n}`;
const tab = { id: 7, url: page(1), width: 800, height: 600 } as never;

beforeEach(() => {
  local.clear();
  session.clear();
  recorded.length = 0;
  pageless.length = 0;
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
      local.set(`handoff:exit:7:${t0}`, { ...exit, page: t0 });
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
    expect(recorded.map(({ url, before }) => ({ url, before }))).toEqual([{ url: page(1), before: page(0) }]);
  });

  it('a page moving on by itself faster than its reports are decided: each decision finds its own page\'s note', async () => {
    // Pages 0 → 1 → 2 → 3, each sent on by its script (location = …) and each noting so; none handed its state
    // over (Firefox ended the scripts first). The worker is busy: all three reports are decided after the last note
    // landed. Before, the tab had one note, the newest: the first two decisions found none of theirs and made steps.
    const t0 = Date.now() - 30_000;
    local.set('recording', { taskId: 'task', startedAt: t0 - 5000 });
    session.set('page:7', page(0));
    const arrivals = [1, 2, 3].map((n) => ({ url: page(n), navigation: 'link' as const, at: t0 + n * 1000 + 100 }));
    for (const n of [0, 1, 2]) local.set(`handoff:exit:7:${t0 + n * 1000}`, { at: t0 + n * 1000 + 900, byPerson: false, page: t0 + n * 1000 });
    for (const a of arrivals) {
      session.set('commit:7', { transitionType: 'link', qualifiers: [], url: a.url, at: a.at - 50 });
      await onPageLoaded({ id: 7, url: a.url, width: 800, height: 600 } as never, a);
    }
    expect(recorded).toEqual([]);
    // The notes of decided arrivals are not kept on.
    expect([...local.keys()].filter((k) => k.startsWith('handoff:exit:7:'))).toEqual([]);
  });

  it('the note of an earlier page is not read for the next arrival: a person\'s link after a script\'s move is a step', async () => {
    const t0 = Date.now() - 30_000;
    local.set('recording', { taskId: 'task', startedAt: t0 - 5000 });
    session.set('page:7', page(0));
    // Page 0 went by script (noted); page 1 was left by a person's link, noted as theirs.
    local.set(`handoff:exit:7:${t0}`, { at: t0 + 900, byPerson: false, page: t0 });
    local.set(`handoff:exit:7:${t0 + 1000}`, { at: t0 + 1900, byPerson: true, page: t0 + 1000 });
    for (const n of [1, 2]) {
      const a = { url: page(n), navigation: 'link' as const, at: t0 + n * 1000 + 100 };
      session.set('commit:7', { transitionType: 'link', qualifiers: [], url: a.url, at: a.at - 50 });
      await onPageLoaded({ id: 7, url: a.url, width: 800, height: 600 } as never, a);
    }
    expect(recorded.map((r) => r.url)).toEqual([page(2)]);
  });

  it('an edit the left page held and never sent is its step, before the navigation; the new page\'s edit stays held', async () => {
    // Firefox ended the page's script as it reloaded: neither its type step nor its hand-over landed. Before, the
    // worker's held edit waited for the tab to close, and Stop cleared it: the typing was lost.
    const t0 = Date.now() - 30_000;
    local.set('recording', { taskId: 'task', startedAt: t0 - 5000 });
    session.set('page:7', page(1));
    session.set('commit:7', { transitionType: 'reload', qualifiers: [], url: page(1), at: t0 + 2950 });
    const draft = (id: string, text: string, timestamp: number) => ({ draftId: id, taskId: 'task', timestamp, action: { type: 'type', coordinates: null, element_id: null, text } });
    session.set('edit:7:d1', { tabId: 7, frameId: 0, savedAt: t0 + 500, draft: draft('d1', 'mail me', t0 + 400) });
    session.set('edittext:7:d1', { draftId: 'd1', text: 'mail me at <EMAIL>' });
    session.set('edit:7:d2', { tabId: 7, frameId: 0, savedAt: t0 + 3500, draft: draft('d2', 'new page', t0 + 3400) });
    await onPageLoaded({ id: 7, url: page(1), width: 800, height: 600 } as never, { url: page(1), navigation: 'reload', at: t0 + 3000 });
    expect(pageless).toEqual(['mail me at <EMAIL> (before 0 navigations)']);
    expect(recorded.map((r) => r.url)).toEqual([page(1)]);
    expect([...session.keys()].filter((k) => k.startsWith('edit'))).toEqual(['edit:7:d2']);
  });
});

// A navigation decided late: its page's load report was lost with a stopping worker, so it is decided after the person
// acted on the page it arrived at; its left page handed nothing over (Firefox ends a reloading page's script first), so
// the page as of its last step stands in. Steps are exported in the order of their times (core/stored-step's
// exportOrder): it was stamped with the decision's time, and the export put the click made on the new page before
// the reload (seen in Firefox e2e, worker-restart). Its time is when the page was left (the arrival's commit, else the
// arrival), measured from the last step made before that arrival, not from one on the new page.
describe('onPageLoaded, a report decided late', () => {
  const T = 2_000_000;
  afterEach(() => { vi.useRealTimers(); });

  /** Recording since before `T` on page 0 of tab 7, the page as of its last step at `T`; `lastStepAt` notes a click. */
  async function onPage0(lastStepAt?: number): Promise<void> {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    local.set('recording', { taskId: 'task', startedAt: T - 5000 });
    session.set('page:7', page(0));
    await tabMemory.setLastObservation(7, { ...restrictedPageState(page(0), 'Loop', { width: 800, height: 600 }, T), redactions: {} });
    if (lastStepAt !== undefined) await tabMemory.setLastStep(7, lastStepAt, 'click');
  }
  const commitOf = (transitionType: string, at: number): void => { session.set('commit:7', { transitionType, qualifiers: [], url: page(1), at }); };
  /** The report decided at `now`, after a click made on page 1 at `clickAt` (accepted while the report waited). */
  async function decided(arrival: { url: string; navigation: 'reload' | 'typed' | 'link'; at: number }, now: number, clickAt?: number): Promise<void> {
    if (clickAt !== undefined) await tabMemory.setLastStep(7, clickAt, 'click');
    vi.setSystemTime(now);
    await onPageLoaded(tab, arrival);
  }

  it('stamps a stand-in with its arrival, so it is exported before the steps made on the page it arrived at', async () => {
    await onPage0();
    const arrival = { url: page(0), navigation: 'reload' as const, at: T + 3000 };
    await decided(arrival, arrival.at + 6000);
    expect(recorded.map((r) => r.kind)).toEqual(['reload']);
    expect(recorded[0]!.at).toBe(arrival.at);
    // The click stored first (seq 1), the navigation after it (seq 2): exported navigation first.
    expect(exportOrder([{ seq: 1, deleted: false, timestamp: arrival.at + 400 }, { seq: 2, deleted: false, timestamp: recorded[0]!.at }])).toEqual([2, 1]);
  });

  it('a typed address decided after a click on the new page is still a step (measured from that click, it was dropped)', async () => {
    await onPage0();
    const arrival = { url: page(1), navigation: 'typed' as const, at: T + 3000 };
    commitOf('typed', arrival.at - 50);
    await decided(arrival, arrival.at + 6000, arrival.at + 400);
    expect(recorded.map((r) => r.url)).toEqual([page(1)]);
  });

  it('so is a link the old page did not cause, with the commit event lost too (the page\'s own word)', async () => {
    await onPage0();
    const arrival = { url: page(1), navigation: 'link' as const, at: T + 3000 };
    await decided(arrival, arrival.at + 6000, arrival.at + 400);
    expect(recorded.map((r) => r.url)).toEqual([page(1)]);
  });

  it('a click\'s own consequence is no step: measured to the arrival, not the decision, nor past a click on the new page', async () => {
    await onPage0(T);
    const arrival = { url: page(1), navigation: 'link' as const, at: T + 2000 };
    commitOf('link', arrival.at - 50);
    await decided(arrival, arrival.at + 6000, arrival.at + 400);
    expect(recorded).toEqual([]);
  });

  it('a click\'s consequence on a page that starts its recorder late is no step: measured to the commit', async () => {
    // A slow server commits the link 1.5 s after the click; the new page's recorder starts 2 s after that.
    await onPage0(T);
    commitOf('link', T + 1500);
    await decided({ url: page(1), navigation: 'link', at: T + 3500 }, T + 3700);
    expect(recorded).toEqual([]);
  });

  it('leaves the new page\'s click the tab\'s last step, so its own consequence is measured from it', async () => {
    await onPage0();
    const arrival = { url: page(0), navigation: 'reload' as const, at: T + 3000 };
    await decided(arrival, arrival.at + 6000, arrival.at + 400);
    expect(recorded.map((r) => r.kind)).toEqual(['reload']);
    expect(await tabMemory.lastStep(7)).toEqual({ at: arrival.at + 400, type: 'click' });
  });

  // The tab moved on while the report waited: page 1, typed by the person, sent itself on to page 2 (a redirect of
  // its own script), and the decision finds page 2's commit as the tab's newest.
  const movedOn = { id: 7, url: page(2), width: 800, height: 600 } as never;
  const redirectedAt = (at: number): void => {
    session.set('commit:7', { transitionType: 'link', qualifiers: ['client_redirect'], url: page(2), at });
  };

  it('a typed address the page then redirected from is still a step: the later page\'s commit (its script\'s) is not its own', async () => {
    await onPage0();
    const arrival = { url: page(1), navigation: 'typed' as const, at: T + 3000 };
    redirectedAt(T + 3100);
    vi.setSystemTime(T + 9000);
    await onPageLoaded(movedOn, arrival);
    expect(recorded.map((r) => [r.url, r.kind])).toEqual([[page(1), 'typed']]);
  });

  it('names the page left, not the page arrived at, when the tab has moved on since', async () => {
    await onPage0();
    await tabMemory.notePage(7, page(0), T - 4000);
    await tabMemory.notePage(7, page(1), T + 2950);
    await tabMemory.notePage(7, page(2), T + 3100);
    redirectedAt(T + 3100);
    vi.setSystemTime(T + 9000);
    await onPageLoaded(movedOn, { url: page(1), navigation: 'typed', at: T + 3000 });
    expect(recorded.map((r) => r.left)).toEqual([page(0)]);
  });

  it('still reads the page\'s own commit stamped after its arrival (Firefox stamps it in its parent process), or to an address the page changed', async () => {
    await onPage0();
    // The page's own word is a link; the browser's, a typed address, stamped 200 ms after the page's recorder started.
    commitOf('typed', T + 3200);
    await decided({ url: page(1), navigation: 'link', at: T + 3000 }, T + 3400);
    // Another page, which changed its address (pushState) before its recorder started: its commit came first.
    commitOf('typed', T + 7900);
    await decided({ url: `${page(1)}&view=list`, navigation: 'link', at: T + 8000 }, T + 8200);
    expect(recorded.map((r) => r.kind)).toEqual(['typed', 'typed']);
  });

  // An address with a name in it: the page scrubs it with NER before it reports it (content/redactor-loader).
  const named = 'http://127.0.0.1:8000/search?q=Dr.+Jane+Roe';
  it('reads the page\'s own commit stamped after its arrival when its address has a name in it (scrubbed alike on both sides)', async () => {
    const { pageScrubber } = await import('./page-scrubber');
    await onPage0();
    session.set('commit:7', { transitionType: 'typed', qualifiers: [], url: named, at: T + 3200 });
    vi.setSystemTime(T + 3400);
    await onPageLoaded({ id: 7, url: named, width: 800, height: 600 } as never, { url: pageScrubber.redactUrl(named).text, navigation: 'link', at: T + 3000 });
    expect(recorded.map((r) => r.kind)).toEqual(['typed']);
  });

  it('knows the page arrived at by its address with a name in it, when the tab has moved on since', async () => {
    const { pageScrubber } = await import('./page-scrubber');
    await onPage0();
    await tabMemory.notePage(7, page(0), T - 4000);
    await tabMemory.notePage(7, named, T + 2950);
    await tabMemory.notePage(7, page(2), T + 3100);
    redirectedAt(T + 3100);
    vi.setSystemTime(T + 9000);
    await onPageLoaded(movedOn, { url: pageScrubber.redactUrl(named).text, navigation: 'typed', at: T + 3000 });
    expect(recorded.map((r) => r.left)).toEqual([page(0)]);
  });

  // The page says when its navigation began (`origin`): its commit is the first after that, whatever came since.
  describe('with the page\'s word of when its navigation began', () => {
    const noted = (transitionType: string, qualifiers: string[], url: string, at: number) => tabMemory.setCommit(7, { transitionType, qualifiers, url, at });

    it('a typed address whose page then sent itself to its own address (a same-address redirect) is still a step', async () => {
      await onPage0();
      await noted('typed', [], page(1), T + 2950);
      await noted('link', ['client_redirect'], page(1), T + 3100);
      vi.setSystemTime(T + 9000);
      await onPageLoaded(tab, { url: page(1), navigation: 'typed', at: T + 3000, origin: T + 2900 });
      expect(recorded.map((r) => [r.url, r.kind])).toEqual([[page(1), 'typed']]);
    });

    it('reads its own commit stamped after its arrival (Firefox) to an address it changed before its recorder started', async () => {
      // A commit after the arrival is the page's only with its address: the one it was loaded at counts (loadedUrl).
      await onPage0();
      await tabMemory.setLastStep(7, T + 1500, 'click');
      await noted('typed', [], page(1), T + 3200);
      vi.setSystemTime(T + 3400);
      await onPageLoaded(tab, { url: `${page(1)}&view=list`, loadedUrl: page(1), navigation: 'link', at: T + 3000, origin: T + 2900 });
      expect(recorded.map((r) => r.kind)).toEqual(['typed']);
    });

    it('names the page left by the commit of the page arrived at, when the tab has moved on to another address since', async () => {
      await onPage0();
      await tabMemory.notePage(7, page(0), T - 4000);
      await tabMemory.notePage(7, page(1), T + 2950);
      await tabMemory.notePage(7, page(2), T + 3100);
      await noted('typed', [], page(1), T + 2950);
      await noted('link', ['client_redirect'], page(2), T + 3100);
      vi.setSystemTime(T + 9000);
      // The page changed its address before its recorder started: only the commit ties it to its page.
      await onPageLoaded(movedOn, { url: `${page(1)}&view=list`, navigation: 'typed', at: T + 3000, origin: T + 2900 });
      expect(recorded.map((r) => [r.kind, r.left])).toEqual([['typed', page(0)]]);
    });

    it('a typed address the person then reloaded, decided after the reload: typed, from the page before it', async () => {
      await onPage0();
      await tabMemory.notePage(7, page(0), T - 4000);
      await tabMemory.notePage(7, page(1), T + 2950);
      await tabMemory.notePage(7, page(1), T + 4000);
      await noted('typed', [], page(1), T + 2950);
      await noted('reload', [], page(1), T + 4000);
      vi.setSystemTime(T + 9000);
      await onPageLoaded(tab, { url: page(1), navigation: 'typed', at: T + 3000, origin: T + 2900 });
      expect(recorded.map((r) => [r.kind, r.left])).toEqual([['typed', page(0)]]);
    });

    // Review of 9e304aa (attack 17): the first commit after origin was trusted whatever its time and address.
    it('its own commit lost (a stopping worker): a later page\'s redirect is not taken for it', async () => {
      await onPage0();
      await noted('link', ['client_redirect'], page(2), T + 3100);
      vi.setSystemTime(T + 9000);
      await onPageLoaded(movedOn, { url: page(1), navigation: 'typed', at: T + 3000, origin: T + 2900 });
      expect(recorded.map((r) => [r.url, r.kind])).toEqual([[page(1), 'typed']]);
    });

    it('its own commit pushed out of the six kept by a redirect chain: the oldest kept is not taken for it', async () => {
      await onPage0();
      await noted('typed', [], page(1), T + 2950);
      for (let i = 0; i < 6; i++) await noted('link', ['client_redirect'], page(2 + i), T + 3100 + i * 100);
      vi.setSystemTime(T + 9000);
      await onPageLoaded({ id: 7, url: page(7), width: 800, height: 600 } as never, { url: page(1), navigation: 'typed', at: T + 3000, origin: T + 2900 });
      expect(recorded.map((r) => [r.url, r.kind])).toEqual([[page(1), 'typed']]);
    });

    it('a page clock rounded to 100 ms (Firefox resisting fingerprinting) still finds its own commit, before a later one', async () => {
      // True navigation start T+2930, commit T+2950; the page read Date.now() T+3000 and performance.now() 70 as 0.
      await onPage0(T + 1000);
      await noted('typed', [], page(1), T + 2950);
      vi.setSystemTime(T + 3200);
      await onPageLoaded(tab, { url: page(1), navigation: 'link', at: T + 3000, origin: T + 2990 });
      await noted('typed', [], page(1), T + 7950);
      await noted('link', ['client_redirect'], page(2), T + 8100);
      vi.setSystemTime(T + 14_000);
      await onPageLoaded(movedOn, { url: page(1), navigation: 'typed', at: T + 8000, origin: T + 7990 });
      expect(recorded.map((r) => [r.url, r.kind])).toEqual([[page(1), 'typed'], [page(1), 'typed']]);
    }, 20_000);

    it('ignores a word that cannot be true (after its arrival): told by time and address then', async () => {
      await onPage0();
      await noted('typed', [], page(1), T + 2950);
      await noted('link', ['client_redirect'], page(2), T + 3100);
      vi.setSystemTime(T + 9000);
      await onPageLoaded(movedOn, { url: page(1), navigation: 'typed', at: T + 3000, origin: T + 5000 });
      expect(recorded.map((r) => r.kind)).toEqual(['typed']);
    });
  });

  it('a report whose arrival is before the recording started (retried across a Stop and Start) is no step of it', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    local.set('recording', { taskId: 'task-b', startedAt: T });
    session.set('page:7', page(1));
    await decided({ url: page(1), navigation: 'reload', at: T - 1500 }, T + 2000);
    expect(recorded).toEqual([]);
  });
});
