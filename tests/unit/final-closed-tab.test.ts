// finalOfClosedTab (background/final-state): a task's tab closes and its page's hand-over becomes the final state.
// A hostile sequence: the tab showed an allowed page A (captured), then a no_screenshots page B (never captured:
// its text is in no shot's map), then closed. Before, the final state of B took the tab's newest shot, A's, and
// its policy from that shot's address: B's page with A's pixels, blurred by B's regions, so A's text (a masked
// balance, anything the DOM scrub had found only on A) stayed readable. Only a shot of the page the state is of
// may stand for it, and that page's own policy decides.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeStorageArea, type FakeArea } from './fake-storage';
import type { Shot, ShotResult } from '../../src/background/capture-scheduler';

const local: FakeArea = new Map();
const session: FakeArea = new Map();

vi.mock('webextension-polyfill', () => ({ default: { storage: { local: fakeStorageArea(local), session: fakeStorageArea(session) } } }));
vi.mock('../../src/background/scrubber-state', () => ({
  activeConfig: () => Promise.resolve({ config: { sites: { never_record: ['vault.example'], no_screenshots: ['bank.example'] } } }),
}));
const pending: { noScreenshot: boolean }[] = [];
vi.mock('../../src/platform/db', () => ({
  db: () => Promise.resolve({
    transaction: () => ({
      objectStore: (name: string) => ({
        get: () => Promise.resolve(name === 'tasks' ? { id: 'task' } : undefined),
        put: (p: { noScreenshot: boolean }) => { pending.push(p); return Promise.resolve(); },
      }),
      done: Promise.resolve(),
    }),
  }),
}));
const sealed: ShotResult[] = [];
vi.mock('../../src/background/step-intake', () => ({
  addOtherFrames: () => Promise.resolve(),
  attachShot: async (_id: string, shot: Promise<ShotResult>) => { sealed.push(await shot); },
}));
vi.mock('../../src/background/arrival-stamps', () => ({ nextArrival: () => Promise.resolve(1) }));
vi.mock('../../src/background/step-processor', () => ({ shotInMemory: () => ({ keep: () => undefined, settled: () => undefined }), kickProcessor: () => Promise.resolve() }));
// The real frame choice (capture-scheduler's shotOfLeftPage), without the browser's host facts it never reads here.
vi.mock('../../src/platform/host', () => ({ host: {} }));
vi.mock('../../src/background/capture-scheduler', async (real) => ({ ...(await real<typeof import('../../src/background/capture-scheduler')>()), shotForFinal: () => Promise.resolve({ ok: false, error: 'unused' }) }));
vi.mock('../../src/platform/tabs', () => ({ askFrame: () => Promise.resolve(null), tabById: () => Promise.resolve(null) }));

const { finalOfClosedTab } = await import('../../src/background/final-state');
const { restrictedPageState } = await import('../../src/core/page-state');

const T0 = 1_000_000;
const A = 'https://shop.example/account';
const B = 'https://bank.example/statement';
const shotOf = (url: string, capturedAt: number): Shot => ({ dataUrl: `data:${url}`, capturedAt, url, regions: { redacted: [], media: [] } as never, mapSettled: true });

beforeEach(() => {
  local.clear();
  session.clear();
  pending.length = 0;
  sealed.length = 0;
  local.set('recording', { taskId: 'task', startedAt: T0 });
  session.set('lastStep:7', { at: T0 + 100, type: 'click' });
});

/** The tab's page at `at` handed over as it closed (scrubbed address; `lastChangeAt` 0: a stand-in, which knows no change). */
function handOver(at: number, url = 'https://bank.example/<REDACTED>', lastChangeAt = at - 50): void {
  const state = { ...restrictedPageState(url, 'Statement', { width: 800, height: 600 }, at), lastChangeAt, redactions: {} };
  local.set(`handoff:leaving:7:${at}`, { state, arrival: null, lastAction: null, exit: null });
}

describe('a closed tab\'s final state takes only its own page\'s shot and policy', () => {
  it('a no_screenshots page left last gets no shot, not the newest shot of the page before it', async () => {
    session.set('pages:7', [{ url: A, since: T0 }, { url: B, since: T0 + 1000 }]);
    handOver(T0 + 3000);
    await finalOfClosedTab(7, [shotOf(A, T0 + 500)]);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.noScreenshot).toBe(true);
    expect(sealed).toEqual([]);
  });

  it('an allowed page after another gets a shot of its own time only, never the earlier page\'s', async () => {
    const C = 'https://news.example/today';
    session.set('pages:7', [{ url: A, since: T0 }, { url: C, since: T0 + 1000 }]);
    handOver(T0 + 3000, 'https://news.example/<REDACTED>');
    await finalOfClosedTab(7, [shotOf(A, T0 + 500)]);
    expect(sealed).toHaveLength(1);
    expect(sealed[0]!.ok).toBe(false);
    sealed.length = 0;
    pending.length = 0;
    await finalOfClosedTab(7, [shotOf(A, T0 + 500), shotOf(C, T0 + 2000)]);
    expect(sealed[0]).toMatchObject({ ok: true, fresh: false, shot: { url: C } });
  });

  it('a page shown since before Start (no commit noted) uses the shots taken since Start, when of its own site', async () => {
    handOver(T0 + 3000, 'https://shop.example/<REDACTED>');
    await finalOfClosedTab(7, [shotOf(B.replace('bank', 'old'), T0 - 10), shotOf(A, T0 + 2000)]);
    expect(sealed[0]).toMatchObject({ ok: true, shot: { url: A } });
  });

  // Before, with no commit noted the page, its policy and its shot all came from the newest shot's address: a
  // bank.example state (a no_screenshots site) got shop.example's shot and policy.
  it('with no commit noted, the state\'s own address decides its policy, and another site\'s shot never stands for it', async () => {
    handOver(T0 + 3000);
    await finalOfClosedTab(7, [shotOf(A, T0 + 2000)]);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.noScreenshot).toBe(true);
    expect(sealed).toEqual([]);
    pending.length = 0;
    handOver(T0 + 4000, 'https://news.example/<REDACTED>');
    await finalOfClosedTab(7, [shotOf(A, T0 + 2000)]);
    expect(pending[0]!.noScreenshot).toBe(false);
    expect(sealed).toEqual([{ ok: false, error: expect.stringMatching(/no frame/) }]);
  });

  it('a never_record state records nothing, whatever the shots\' address', async () => {
    handOver(T0 + 3000, 'https://vault.example/<REDACTED>');
    await finalOfClosedTab(7, [shotOf(A, T0 + 2000)]);
    expect(pending).toEqual([]);
  });

  // Before, the closed tab's copy of the left page's shot choice lost its guard: a stand-in (lastChangeAt 0, as
  // when Firefox loses the close hand-over) took any shot as exact, so its whole-frame OCR read was skipped.
  it('a stand-in state (lastChangeAt 0) never gets a fresh shot', async () => {
    session.set('pages:7', [{ url: A, since: T0 }]);
    handOver(T0 + 3000, 'https://shop.example/<REDACTED>', 0);
    await finalOfClosedTab(7, [shotOf(A, T0 + 1500)]);
    expect(sealed[0]).toMatchObject({ ok: true, fresh: false, shot: { url: A } });
    sealed.length = 0;
    handOver(T0 + 4000, 'https://shop.example/<REDACTED>', T0 + 1000);
    await finalOfClosedTab(7, [shotOf(A, T0 + 1500)]);
    expect(sealed[0]).toMatchObject({ ok: true, fresh: true, shot: { url: A } });
  });
});
