// A navigation decided late (its page's load report lost with a stopping worker, so decided after the person acted on
// the page it arrived at), whose left page handed nothing over (Firefox ends a reloading page's script first): what
// it is measured from. Its time is when the page was left (the arrival's commit, else the arrival), and the tab's
// last step it is measured against is the last one made before that arrival, not a step on the new page.
// background/navigation-steps' decideArrival, with intake mocked; the mocked recordStep notes the tab's last step, as
// the real intake does first thing.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeStorageArea, type FakeArea } from './fake-storage';

const local: FakeArea = new Map();
const session: FakeArea = new Map();

vi.mock('webextension-polyfill', () => ({ default: { storage: { local: fakeStorageArea(local), session: fakeStorageArea(session) } } }));
const recorded: { url: string | undefined; before: string; at: number; kind: string | undefined }[] = [];
vi.mock('../../src/background/step-intake', () => ({
  ingestUnsent: () => Promise.resolve(),
  takeInPageless: () => Promise.resolve(true),
  recordStep: async (draft: { action: { url?: string; type: string; navigation?: string }; url: string; timestamp: number }, sender: { tab: { id: number } }) => {
    // As step-intake's recordStep does before storing.
    const { tabMemory } = await import('../../src/background/tab-memory');
    await tabMemory.setLastStep(sender.tab.id, draft.timestamp, draft.action.type);
    recorded.push({ url: draft.action.url, before: draft.url, at: draft.timestamp, kind: draft.action.navigation });
    return { ok: true };
  },
}));
vi.mock('../../src/background/scrubber-state', () => ({
  activeScrubber: () => Promise.resolve({ redactUrl: (u: string) => ({ text: u }) }),
  activeConfig: () => Promise.resolve({ config: { sites: [] } }),
}));
vi.mock('../../src/background/capture-scheduler', () => ({ samePage: (a: string, b: string | undefined) => a === b }));
vi.mock('../../src/background/frame-vault', () => ({ VAULT_KEY: 'vault' }));
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

const page = (n: number): string => `http://127.0.0.1:8000/shop.html?n=${n}`;
const tab = { id: 7, url: page(1), width: 800, height: 600 } as never;
const observation = (url: string, at: number) => ({ ...restrictedPageState(url, 'Shop', { width: 800, height: 600 }, at), redactions: {} });

beforeEach(() => {
  local.clear();
  session.clear();
  recorded.length = 0;
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
});

describe('agoMs from the arrival, with the tab\'s last step already on the page arrived at', () => {
  // The person types an address; the page left hands nothing over. The report is decided 6 s late, after a click
  // made on the new page 400 ms after it arrived, which set the tab's last step. Measured from that click, the
  // navigation came "right after an action" and was taken for its consequence, and the commit looked stale: the
  // typed navigation was dropped.
  it('a typed address decided after a click on the new page is still a step', async () => {
    try {
      const t0 = 3_000_000;
      local.set('recording', { taskId: 'task', startedAt: t0 - 5000 });
      session.set('page:7', page(0));
      await tabMemory.setLastObservation(7, observation(page(0), t0));
      const arrival = { url: page(1), navigation: 'typed' as const, at: t0 + 3000 };
      session.set('commit:7', { transitionType: 'typed', qualifiers: [], url: page(1), at: arrival.at - 50 });
      // The click on page 1, accepted (early) before the report's decision.
      await tabMemory.setLastStep(7, arrival.at + 400, 'click');
      vi.setSystemTime(arrival.at + 6000);
      await onPageLoaded(tab, arrival);
      expect(recorded.map((r) => r.url)).toEqual([page(1)]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('the same with the commit event lost too (the page\'s own "link" word): still a step', async () => {
    try {
      const t0 = 3_100_000;
      local.set('recording', { taskId: 'task', startedAt: t0 - 5000 });
      session.set('page:7', page(0));
      await tabMemory.setLastObservation(7, observation(page(0), t0));
      // The old page's last action was a scroll long ago: nothing there could have caused this navigation.
      const arrival = { url: page(1), navigation: 'link' as const, at: t0 + 3000 };
      await tabMemory.setLastStep(7, arrival.at + 400, 'click');
      vi.setSystemTime(arrival.at + 6000);
      await onPageLoaded(tab, arrival);
      expect(recorded.map((r) => r.url)).toEqual([page(1)]);
    } finally {
      vi.useRealTimers();
    }
  });

  // The navigation is the old page's click's consequence (arrived 2 s after it), decided late: measured to the
  // decision (8 s), it was made a 'link' step.
  it('a click\'s own consequence, decided late, is no step', async () => {
    try {
      const t0 = 3_200_000;
      local.set('recording', { taskId: 'task', startedAt: t0 - 5000 });
      session.set('page:7', page(0));
      await tabMemory.setLastObservation(7, observation(page(0), t0));
      await tabMemory.setLastStep(7, t0, 'click');
      const arrival = { url: page(1), navigation: 'link' as const, at: t0 + 2000 };
      session.set('commit:7', { transitionType: 'link', qualifiers: [], url: page(1), at: arrival.at - 50 });
      vi.setSystemTime(arrival.at + 6000);
      await onPageLoaded(tab, arrival);
      expect(recorded).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the old page\'s last step, under a click on the new page', () => {
  // Ignoring a last step made after the arrival is not enough: the old page's click, overwritten in tab memory by
  // the new page's, must still be found (tab memory keeps a few recent steps, read as of the arrival).
  it('a click\'s own consequence is no step, though a click on the new page came in before the decision', async () => {
    try {
      const t0 = 3_250_000;
      local.set('recording', { taskId: 'task', startedAt: t0 - 5000 });
      session.set('page:7', page(0));
      await tabMemory.setLastObservation(7, observation(page(0), t0));
      await tabMemory.setLastStep(7, t0, 'click');
      const arrival = { url: page(1), navigation: 'link' as const, at: t0 + 500 };
      session.set('commit:7', { transitionType: 'link', qualifiers: [], url: page(1), at: arrival.at - 50 });
      await tabMemory.setLastStep(7, arrival.at + 400, 'click');
      vi.setSystemTime(arrival.at + 2000);
      await onPageLoaded(tab, arrival);
      expect(recorded).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('agoMs to the arrival, on a page whose recorder starts late', () => {
  // The arrival is the new page's recorder start (after its async reads), not its commit: a slow page, or one that
  // busy-loops while the recorder starts, stretches it. A click on page 0 whose link commits 1.5 s later (a slow
  // server), on a page whose recorder starts 2 s after its commit: measured to the arrival (3.5 s), the click's own
  // consequence would be a 'link' step. The browser's commit time is when page 0 was left: 1.5 s, no step.
  it('a click\'s consequence on a page that starts its recorder late is no step', async () => {
    try {
      const t0 = 3_270_000;
      local.set('recording', { taskId: 'task', startedAt: t0 - 5000 });
      session.set('page:7', page(0));
      await tabMemory.setLastObservation(7, observation(page(0), t0));
      await tabMemory.setLastStep(7, t0, 'click');
      session.set('commit:7', { transitionType: 'link', qualifiers: [], url: page(1), at: t0 + 1500 });
      const arrival = { url: page(1), navigation: 'link' as const, at: t0 + 3500 };
      vi.setSystemTime(arrival.at + 200);
      await onPageLoaded(tab, arrival);
      expect(recorded).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the tab\'s last step after a late stand-in decision', () => {
  // The late navigation, noted as the tab's last step, must not hide the click made on the new page after it: that
  // click's own consequence (a link it follows) would then be measured from a 'navigate' and made a step.
  it('a click on the new page made before the decision is still the tab\'s last step afterwards', async () => {
    try {
      const t0 = 3_300_000;
      local.set('recording', { taskId: 'task', startedAt: t0 - 5000 });
      session.set('page:7', page(0));
      await tabMemory.setLastObservation(7, observation(page(0), t0));
      const arrival = { url: page(1), navigation: 'reload' as const, at: t0 + 3000 };
      await tabMemory.setLastStep(7, arrival.at + 400, 'click');
      vi.setSystemTime(arrival.at + 6000);
      await onPageLoaded(tab, arrival);
      expect(recorded.map((r) => r.kind)).toEqual(['reload']);
      expect(await tabMemory.lastStep(7)).toEqual({ at: arrival.at + 400, type: 'click' });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a report of an arrival before the recording started', () => {
  // A page loaded during the previous recording; its report's sends were lost (the worker stopping) and a retry
  // (the page retries for about 30 s) lands after a new recording started. The stand-in is the address alone, so
  // its own time passes the recording's start; the navigation happened before the task began, and is no step of it.
  it('is no step of this recording', async () => {
    try {
      const startedAt = 3_400_000;
      local.set('recording', { taskId: 'task-b', startedAt });
      session.set('page:7', page(1));
      const arrival = { url: page(1), navigation: 'reload' as const, at: startedAt - 1500 };
      vi.setSystemTime(startedAt + 2000);
      await onPageLoaded(tab, arrival);
      expect(recorded.filter((r) => r.at < startedAt)).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
