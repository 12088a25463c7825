// A hostile review of d61748a (a hold lasts its decision; early steps wait while their tab's report is decided)
// and fecf2a9 (a leaving page's exit note and hand-over also come as messages: background/page-leaving-intake).
// Each case but the control failed before its fix: a late hand-over copy filed for a navigation already decided
// (now filed in the tab's arrival order, and a closed tab's final state ignores hand-overs older than its last
// decided arrival); an exit-note copy wiping a decision's mark (both now in the tab's note order); Stop clearing
// an early step's mark while its report was still being decided (Stop now waits for decisions under way); an
// early step waiting without end behind a hung decision (now at most HOLD_MAX_MS past its own bound).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeStorageArea, type FakeArea } from './fake-storage';

const local: FakeArea = new Map();
const session: FakeArea = new Map();
/** Hooks run as the worker removes a storage.local key (the moment a decision clears a hand-over). */
const onRemove: ((key: string) => void)[] = [];
/** Hooks run right after the worker reads storage.local (between a read and the write that follows it). */
const afterGet: (() => void)[] = [];
const localArea = fakeStorageArea(local) as { get: (keys: string | string[] | null) => Promise<unknown>; remove: (keys: string | string[]) => Promise<void> };
/** The next read answers 10 ms late (a busy storage): what else runs meanwhile runs between that read and what follows it. */
let slowNextGet = false;
const watchedLocal = {
  ...localArea,
  get: (keys: string | string[] | null) => {
    const got = localArea.get(keys);
    for (const hook of afterGet.splice(0)) hook();
    if (!slowNextGet) return got;
    slowNextGet = false;
    return new Promise((r) => setTimeout(() => r(got), 10));
  },
  remove: (keys: string | string[]) => {
    const done = localArea.remove(keys);
    for (const k of Array.isArray(keys) ? keys : [keys]) for (const hook of onRemove) hook(k);
    return done;
  },
};

vi.mock('webextension-polyfill', () => ({ default: { storage: { local: watchedLocal, session: fakeStorageArea(session) } } }));
/** The final states finalOfClosedTab files (their pending records). */
const finals: { draft: { url: string; timestamp: number; note?: string } }[] = [];
/** Pending steps (their order facts), as platform/db's pending store holds them. */
const pendingSteps: { tabId: number; afterArrival?: number; arrivedAt: number }[] = [];
vi.mock('../../src/platform/db', () => ({
  db: () => Promise.resolve({
    transaction: () => ({
      objectStore: (name: string) => ({
        get: () => Promise.resolve(name === 'tasks' ? { id: 'task' } : undefined),
        put: (p: { draft: { url: string; timestamp: number } }) => { finals.push(p); return Promise.resolve(); },
      }),
      // The tasks store, as Stop's endTask uses it.
      store: { get: () => Promise.resolve({ id: 'task', status: 'recording' }), put: () => Promise.resolve() },
      done: Promise.resolve(),
    }),
  }),
  newestArrival: () => Promise.resolve(0),
  pendingEarlySteps: (after: number, upTo: number) => Promise.resolve(pendingSteps.flatMap((p) =>
    (p.afterArrival !== undefined && p.afterArrival > after && p.afterArrival <= upTo ? [{ ...p, afterArrival: p.afterArrival }] : []))),
  clearEarlyMarks: () => {
    for (const p of pendingSteps) delete p.afterArrival;
    return Promise.resolve();
  },
}));
vi.mock('../../src/platform/messaging', () => ({ broadcast: () => undefined }));
vi.mock('../../src/background/badge', () => ({ showRecordingBadge: () => Promise.resolve() }));
vi.mock('../../src/background/storage-health', () => ({ storageProblem: () => Promise.resolve(null) }));
vi.mock('../../src/background/frame-scrub-client', () => ({ warmImageWork: () => Promise.resolve() }));
// Stop's final state is not what is looked at here (finalOfClosedTab, the closed tab's, is the real one).
vi.mock('../../src/background/final-state', async (real) => ({
  ...(await real<typeof import('../../src/background/final-state')>()),
  takeFinalState: () => Promise.resolve(),
}));
vi.mock('../../src/background/step-intake', async () => (await import('./fake-step-intake')).fakeStepIntake());
const { stamped } = await import('./fake-step-intake');
vi.mock('../../src/background/scrubber-state', () => ({
  activeScrubber: () => Promise.resolve({ redactUrl: (u: string) => ({ text: u }), redact: (t: string) => ({ text: t }) }),
  fullScrubber: () => Promise.resolve({ redactUrl: (u: string) => ({ text: u }), redact: (t: string) => ({ text: t }) }),
  activeConfig: () => Promise.resolve({ config: { sites: { never_record: [], no_screenshots: [] } } }),
}));
vi.mock('../../src/platform/host', () => ({ host: {} }));
vi.mock('../../src/background/capture-scheduler', async (real) => ({
  ...(await real<typeof import('../../src/background/capture-scheduler')>()),
  shotForFinal: () => Promise.resolve({ ok: false, error: 'unused' }),
}));
vi.mock('../../src/background/frame-vault', () => ({ VAULT_KEY: 'vault' }));
vi.mock('../../src/background/step-processor', () => ({
  kickProcessor: () => Promise.resolve(),
  shotInMemory: () => ({ keep: () => undefined, settled: () => undefined }),
}));
vi.mock('../../src/platform/tabs', () => ({
  tabById: (id: number) => Promise.resolve({ id, url: 'http://127.0.0.1:8000/demo/q.html', width: 800, height: 600 }),
  askFrame: () => Promise.resolve(null),
}));

const { onPageLoaded } = await import('../../src/background/navigation-steps');
const { takeInExitNote, takeInLeftPage } = await import('../../src/background/page-leaving-intake');
const { readExits, readLeaving, takeExit } = await import('../../src/platform/page-handoff');
const { inTabNoteOrder } = await import('../../src/background/arrival-queue');
const { finalOfClosedTab } = await import('../../src/background/final-state');
const { holdArrival, earlyStepDeciding, earlyWait, heldBehind, nextArrival, noteEarlyStep, EARLY_WAIT_MAX_MS, HOLD_MAX_MS } = await import('../../src/background/arrival-stamps');
const { stopRecording } = await import('../../src/background/recording-session');
const { restrictedPageState } = await import('../../src/core/page-state');
const { tabMemory } = await import('../../src/background/tab-memory');

const P = 'http://127.0.0.1:8000/demo/p.html';
const Q = 'http://127.0.0.1:8000/demo/q.html';
const tab = { id: 7, url: Q, width: 800, height: 600 } as never;
const state = (url: string, at: number) => ({ ...restrictedPageState(url, 'Demo', { width: 800, height: 600 }, at), redactions: {} });
const handOver = (url: string, at: number) => ({ state: state(url, at), arrival: null, lastAction: null, exit: null });

let t0 = 1_700_000_000_000;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
  t0 += 600_000;
  vi.setSystemTime(t0);
  local.clear();
  session.clear();
  stamped.length = 0;
  finals.length = 0;
  onRemove.length = 0;
  afterGet.length = 0;
  slowNextGet = false;
  pendingSteps.length = 0;
  local.set('recording', { taskId: 'task', startedAt: t0 - 60_000 });
});
afterEach(() => vi.useRealTimers());

/**
 * Finding 1. takeInLeftPage (page-leaving-intake.ts:35-38) checks the tab's decided arrival, then whether the copy
 * is there, then writes: none of it in the tab's decision queue. A decision clears the page's own copy once its
 * step is durable (navigation-steps.ts:290) and marks the arrival decided only after (:106). A message copy that
 * reads the decided arrival before that mark and the hand-overs after that clear is filed again, for a navigation
 * already made. A copy landing while the decision waits (up to 2.3 s after it read the hand-overs) is left the same
 * way. The next decision ignores it (:167-169), but finalOfClosedTab (final-state.ts:73) takes the tab's newest
 * hand-over unfiltered: a tab closed before its next navigation gets the page before its last navigation as its
 * final state, labelled 'the page as it was when its tab closed', where its own last page (kept at its last step)
 * should stand in.
 */
describe('a hand-over copy that arrives as its navigation is decided', () => {
  /** P is left for Q: P's own hand-over is there; its message copy arrives the moment the decision clears it. */
  async function navigateWithLateCopy(): Promise<void> {
    session.set('page:7', P);
    session.set('commit:7', { transitionType: 'link', qualifiers: [], url: Q, at: t0 + 50 });
    local.set(`handoff:leaving:7:${t0 + 10}`, handOver(P, t0 + 10));
    let copy: Promise<void> | null = null;
    onRemove.push((key) => {
      if (key === `handoff:leaving:7:${t0 + 10}`) copy ??= takeInLeftPage(7, handOver(P, t0 + 10));
    });
    await vi.advanceTimersByTimeAsync(100);
    const loaded = onPageLoaded(tab, { url: Q, navigation: 'link', at: t0 + 100 });
    await vi.advanceTimersByTimeAsync(5000);
    await loaded;
    await copy;
    expect(stamped.map((s) => s.what)).toEqual(['navigate link']);
    expect(await tabMemory.arrivalDecided(7)).toBe(t0 + 100);
  }

  it('is not filed again once the decision has taken the page\'s own copy', async () => {
    await navigateWithLateCopy();
    expect((await readLeaving(7)).map((l) => l.state.at)).toEqual([]);
  });

  /** Q's page, a step on it (kept as the tab's last page at intake), then the tab closes with no hand-over of Q:
   * Firefox ends a closing tab's script before its hand-over is written or sent (final-state.ts:71-72). */
  async function closeOnQ(): Promise<void> {
    await tabMemory.setLastStep(7, t0 + 6000, 'click');
    await tabMemory.setLastObservation(7, state(Q, t0 + 6000));
    await finalOfClosedTab(7, []);
  }

  it('control (passes): with no late copy, the closed tab\'s final state is its own last page', async () => {
    session.set('page:7', P);
    session.set('commit:7', { transitionType: 'link', qualifiers: [], url: Q, at: t0 + 50 });
    local.set(`handoff:leaving:7:${t0 + 10}`, handOver(P, t0 + 10));
    await vi.advanceTimersByTimeAsync(100);
    const loaded = onPageLoaded(tab, { url: Q, navigation: 'link', at: t0 + 100 });
    await vi.advanceTimersByTimeAsync(5000);
    await loaded;
    await closeOnQ();
    expect(finals.map((f) => [f.draft.url, f.draft.timestamp])).toEqual([[Q, t0 + 6000]]);
  });

  it('a copy landing while the decision waits (after it read the hand-overs) is not the final state of the tab closed next', async () => {
    // Firefox: P's own write was dropped as P unloaded; its message copy is late (a loaded worker).
    session.set('page:7', P);
    session.set('commit:7', { transitionType: 'link', qualifiers: [], url: Q, at: t0 + 50 });
    await vi.advanceTimersByTimeAsync(100);
    const loaded = onPageLoaded(tab, { url: Q, navigation: 'link', at: t0 + 100 });
    // The decision has read the hand-overs (none) and waits for P's note.
    await vi.advanceTimersByTimeAsync(500);
    const copy = takeInLeftPage(7, handOver(P, t0 + 10));
    await vi.advanceTimersByTimeAsync(5000);
    await loaded;
    await copy;
    expect(stamped.map((s) => s.what)).toEqual(['navigate link']);
    await closeOnQ();
    expect(finals.map((f) => [f.draft.url, f.draft.timestamp])).toEqual([[Q, t0 + 6000]]);
  });

  it('is not the final state of the tab closed on the next page', async () => {
    await navigateWithLateCopy();
    await closeOnQ();
    expect(finals.map((f) => [f.draft.url, f.draft.timestamp])).toEqual([[Q, t0 + 6000]]);
  });
});

/**
 * Finding 3. takeInExitNote (page-leaving-intake.ts:27-32) reads the tab's notes, then writes its copy over the
 * page's note unless that note is as new: a read and a write with nothing holding the key between them. When the
 * page's own write lands and a decision takes that note (takeExit's takenBy, navigation-steps.ts:82) in between,
 * the copy is written over the mark. Unit test page-leaving-intake.test.ts checks only the sequential case.
 * The mark is what keeps a later arrival of the tab from reading the note again (takeNotedExit's
 * `(e.takenBy ?? arrival.at) === arrival.at`): with a decision that did not finish (a worker stopped in it), the
 * next page's report, for a browser-own way out (typed address, bookmark: no note of its own), reads the older
 * page's script note as its own, and the person's navigation is dropped as the script's within EXIT_FRESH_MS.
 */
describe('an exit note copy racing the page\'s own note and a decision', () => {
  it('does not wipe the decision\'s mark on the page\'s own note', async () => {
    const exit = { at: t0 + 500, byPerson: false };
    // Between the copy's read and its write: the page's own note lands and a decision (arrival t0 + 900) takes it,
    // as navigation-steps' takeNotedExit does, in the tab's note order.
    let marked: Promise<void> | null = null;
    slowNextGet = true;
    afterGet.push(() => {
      local.set(`handoff:exit:7:${t0}`, { ...exit, page: t0 });
      marked = inTabNoteOrder(7, async () => {
        const [noted] = await readExits(7);
        await takeExit(7, noted!, t0 + 900);
      });
    });
    const copy = takeInExitNote(7, exit, t0);
    await vi.advanceTimersByTimeAsync(50);
    await copy;
    await marked;
    expect((await readExits(7)).map((e) => e.takenBy)).toEqual([t0 + 900]);
  });
});

/**
 * Finding 4 (d61748a's premise, not carried to Stop). d61748a lets an early step wait past its 15 s while its
 * tab's report is decided, because a decision on a loaded machine outlasts fixed bounds. Stop waits for such a
 * decision only STOP_WAITS_FOR_ARRIVALS_MS, 3 s (recording-session.ts:57, :63), then forgets the early steps and
 * clears their marks in storage (:68-69). The decision still runs (decideArrival read the recording flag at its
 * start) and its hold is still held, but the early step is stamped BELOW that hold (it came before the report),
 * so heldBehind does not stop it, and with its mark gone neither earlyWait nor earlyStepDeciding does: the click
 * made after a reload is processed, and numbered, before the reload's navigate step, the very order d61748a fixes,
 * whenever the person presses Stop within a slow decision (a reload, a click, Stop).
 */
describe('Stop pressed while a report its page\'s early step waits for is still being decided', () => {
  it('does not let that step go ahead of the navigation being decided', async () => {
    const arrival = t0 - 500;
    // The reloaded page's click came first (it named its page's arrival), then the page's report.
    const stamp = nextArrival();
    noteEarlyStep(7, arrival, stamp);
    const click = { tabId: 7, afterArrival: arrival, arrivedAt: await stamp };
    pendingSteps.push(click);
    // The report's decision is under way (slow: a loaded machine), its hold held throughout.
    const deciding = await holdArrival(7);
    const { stopped } = await stopWhileDeciding(click);
    // The decision ends: Stop goes on.
    deciding.release();
    await vi.advanceTimersByTimeAsync(100);
    await stopped;
  });
});

/** Stop pressed 100 ms into the decision (which outlasts Stop's 3 s), the click's gate looked at before and after. */
async function stopWhileDeciding(click: { tabId: number; afterArrival?: number; arrivedAt: number }): Promise<{ stopped: Promise<void> }> {
  await vi.advanceTimersByTimeAsync(100);
  // The processor's gate for this pending step (step-processor.ts:164-176): before Stop, it waits.
  const gate = async (): Promise<boolean> => {
    const decided = await tabMemory.arrivalDecided(7);
    return heldBehind(click.arrivedAt) || earlyWait(click, decided) > 0 || earlyStepDeciding(click, decided) > 0;
  };
  expect(await gate()).toBe(true);
  let returned = false;
  const stopped = stopRecording().then(() => { returned = true; });
  await vi.advanceTimersByTimeAsync(5000);
  // Past Stop's 3 s for reports on their way: Stop still waits for the decision, and the step with it.
  expect(returned).toBe(false);
  expect(await gate()).toBe(true);
  // Wrapped: an async function's returned promise would be awaited with it.
  return { stopped };
}

/**
 * Finding 2. earlyStepDeciding (arrival-stamps.ts:173-175) lets an early step wait past EARLY_WAIT_MAX_MS for as
 * long as holdsTab is true, and holdsTab is true while ANY hold of the tab is younger than HOLD_MAX_MS: every new
 * load report of the tab takes a fresh hold at once (navigation-steps.ts:99), even queued behind a hung decision
 * that will never let it run. A decision that hangs (the case HOLD_MAX_MS is there for) thus stops the early step,
 * and through `waiting` (step-processor.ts:176-177) every later step of its task in every tab, for as long as the
 * tab's page retries its report (12 tries) or the person goes on navigating in that tab: without end, where the
 * hold's own bound promises 60 s.
 */
describe('an early step whose tab\'s decision hangs', () => {
  it('waits no longer than a hold\'s bound past its own, however many reports of the tab queue up behind', async () => {
    const step = { tabId: 9, afterArrival: t0 - 200, arrivedAt: t0 - 100 };
    // The report's decision hangs: its hold is never released.
    await holdArrival(9);
    // The page retries its report, and the person moves on in the tab: each report holds a stamp at once, queued
    // behind the hung decision (one tab's reports are decided one at a time), never decided.
    for (let i = 0; i < 6; i++) {
      await vi.advanceTimersByTimeAsync(HOLD_MAX_MS / 2);
      await holdArrival(9);
    }
    expect(Date.now()).toBeGreaterThan(step.arrivedAt + EARLY_WAIT_MAX_MS + 2 * HOLD_MAX_MS);
    expect(earlyStepDeciding(step, 0)).toBe(0);
  });
});
