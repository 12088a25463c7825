// navigation-steps: an arrival at the address it left. A page that handed its state over (a person left it)
// makes a step even to its own address (a form posted to itself, then Back); a stand-in for a page that handed
// nothing over, at the address arrived at, does not (it may be the arrived page itself, see decideArrival).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeStorageArea, type FakeArea } from './fake-storage';
const local: FakeArea = new Map();
const session: FakeArea = new Map();
vi.mock('webextension-polyfill', () => ({ default: { storage: { local: fakeStorageArea(local), session: fakeStorageArea(session) } } }));
const recorded: { url: string | undefined; before: string; nav?: string }[] = [];
vi.mock('../../src/background/step-intake', () => ({
  ingestUnsent: () => Promise.resolve(),
  recordStep: (draft: { action: { url?: string; navigation?: string }; url: string }) => { recorded.push({ url: draft.action.url, before: draft.url, nav: draft.action.navigation }); return Promise.resolve({ ok: true }); },
}));
vi.mock('../../src/background/scrubber-state', () => ({
  activeScrubber: () => Promise.resolve({ redactUrl: (u: string) => ({ text: u }) }),
  fullScrubber: () => Promise.resolve({ redactUrl: (u: string) => ({ text: u }) }),
  activeConfig: () => Promise.resolve({ config: { sites: { never_record: [], no_screenshots: [] } } }),
}));
vi.mock('../../src/background/capture-scheduler', () => ({ samePage: (a: string, b: string | undefined) => !!a && !!b && a.split('#')[0] === b.split('#')[0] }));
vi.mock('../../src/background/frame-vault', () => ({ VAULT_KEY: 'vault' }));
vi.mock('../../src/background/step-processor', () => ({ kickProcessor: () => Promise.resolve() }));
vi.mock('../../src/background/arrival-stamps', () => ({
  holdArrival: () => Promise.resolve({ stamp: 1, release: () => undefined }),
  navigationStamps: (_tab: number, arrivals: number[], _decided: number, held: number) => Promise.resolve(arrivals.map(() => held)),
  forgetEarlySteps: () => undefined,
}));
const { onPageLoaded } = await import('../../src/background/navigation-steps');
const { restrictedPageState } = await import('../../src/core/page-state');
const P = 'http://127.0.0.1:8000/form';
const tab = { id: 7, url: P, width: 800, height: 600 } as never;
beforeEach(() => { local.clear(); session.clear(); recorded.length = 0; });
describe('same address', () => {
  it('the back button between two history entries of one address is a step', async () => {
    const t0 = Date.now();
    local.set('recording', { taskId: 'task', startedAt: t0 - 60000 });
    session.set('page:7', P);
    session.set('commit:7', { transitionType: 'link', qualifiers: ['forward_back'], url: P, at: t0 + 50 });
    const state = { ...restrictedPageState(P, 'Form', { width: 800, height: 600 }, t0 + 10), lastChangeAt: t0, redactions: {} };
    local.set(`handoff:leaving:7:${t0 + 10}`, { state, arrival: null, lastAction: null, exit: { at: t0 + 5, byPerson: true } });
    await onPageLoaded(tab, { url: P, navigation: 'back_forward', at: t0 + 100 });
    expect(recorded).toEqual([{ url: P, before: P, nav: 'back_forward' }]);
  });

  it('a stand-in for a page that handed nothing over, at the address arrived at, is no step', async () => {
    const t0 = Date.now();
    local.set('recording', { taskId: 'task', startedAt: t0 - 60000 });
    session.set('page:7', P);
    session.set('commit:7', { transitionType: 'link', qualifiers: ['forward_back'], url: P, at: t0 + 50 });
    await onPageLoaded(tab, { url: P, navigation: 'back_forward', at: t0 + 100 });
    expect(recorded).toEqual([]);
    // The same arrival as a reload is the browser's word: a step.
    await onPageLoaded(tab, { url: P, navigation: 'reload', at: t0 + 200 });
    expect(recorded.map((r) => r.nav)).toEqual(['reload']);
  });
});
