// Arrival stamps: the order pending steps are processed, and so numbered, in.
// A step still being decided (a navigation waiting for its page's note of who
// sent it away) holds its stamp, and every pending step stamped after it waits
// behind it: a click made on the new page meanwhile is numbered after it. A
// click the new page sent before its load report got here (the report's send
// retried, a Firefox background page woken by both) says so (afterArrival):
// it waits for the report's decision, and the navigation is stamped below it.
import { newestArrival, pendingEarlySteps } from '../platform/db';
import type { PendingStep } from '../core/pending-step';

/** The stamps given out, in order; the first waits for the newest stored one (a worker restarted mid-task). */
let arrivals: Promise<number> | null = null;

/**
 * An arrival stamp for a pending record: the time, but always above the stamp before (max(now, last + 1)), and
 * above every pending record's after a worker restart. Pending records are processed by this stamp and then by
 * draft id (db's byArrival index); draft ids are random, so by time alone two drafts of one millisecond (a typing
 * flush then Enter in one tick, a double click) were processed, and numbered, in random order. Stamps resolve in
 * the order they were asked for.
 */
export function nextArrival(): Promise<number> {
  const after = (last: number): number => Math.max(Date.now(), last + 1);
  arrivals = (arrivals ?? newestArrival().catch(() => 0)).then(after);
  return arrivals;
}

/** Stamps held for steps not yet made, with their tab. In memory: a stopped worker decides its navigations afresh. */
const held = new Map<number, number>();

/**
 * Past this, a hold no longer stops anything: a decision that hangs must not stop every later step. A decision's
 * own waits add up to a few seconds, but a loaded machine stretches them: at 10 s, a reload's decision in a
 * Firefox background page under a full test run outlived its hold, and the click made after the reload was
 * numbered before it. A hold is released as its decision ends, so only a hung one meets this bound.
 */
export const HOLD_MAX_MS = 60_000;

export interface HeldArrival {
  /** The stamp the held step is to be stored with. */
  stamp: number;
  /** Ends the hold, the step made or not (call it once the step is durable, or decided against). */
  release(): void;
}

/**
 * A stamp taken now, in `tabId`, for a step decided later: call it as the news arrives, before awaiting anything,
 * so that no step sent after it gets an earlier stamp.
 */
export async function holdArrival(tabId: number): Promise<HeldArrival> {
  const next = nextArrival();
  // Added in the stamp's own resolution, before any later stamp resolves (they resolve in order).
  const stamp = await next.then((s) => { held.set(s, tabId); return s; });
  return { stamp, release: () => { held.delete(stamp); } };
}

/** Whether a report of `tabId` is being decided now (its navigation may be the tab's first step). */
export function holdsTab(tabId: number, now = Date.now()): boolean {
  for (const [stamp, tab] of held) if (tab === tabId && now - stamp <= HOLD_MAX_MS) return true;
  return false;
}

/**
 * Whether a pending step stamped `arrivedAt` must wait: a step stamped before it is still being decided. In any
 * tab: a step's number is given per task as it is stored, and a task spans tabs (a click in another window after
 * a reload here comes after that reload). A page cannot stretch this past its decision's own waits (a few
 * seconds): a hold lasts one decision.
 */
export function heldBehind(arrivedAt: number, now = Date.now()): boolean {
  for (const stamp of held.keys()) {
    if (now - stamp > HOLD_MAX_MS) held.delete(stamp);
    else if (stamp < arrivedAt) return true;
  }
  return false;
}

/** Steps a page sent while its load report was still on its way, by tab: that arrival and the step's stamp. */
const early = new Map<number, { arrival: number; stamp: number }[]>();

/** Past this, an early step is forgotten here (its report decided long since, or never coming). */
const EARLY_KEPT_MS = 60_000;

/**
 * A step of `tabId` sent while its page's load report (`arrival`) was on its way. Call it as the step's stamp is
 * asked for, before awaiting anything: stamps resolve in order, so every early step stamped before a report's
 * hold is noted by the time that hold's stamp resolves.
 */
export function noteEarlyStep(tabId: number, arrival: number, stamp: Promise<number>): void {
  void stamp.then((s) => {
    // Old entries go, of every tab (a closed tab's too).
    for (const [tab, steps] of early) {
      const kept = steps.filter((e) => s - e.stamp < EARLY_KEPT_MS);
      if (kept.length) early.set(tab, kept);
      else early.delete(tab);
    }
    early.set(tabId, [...(early.get(tabId) ?? []), { arrival, stamp: s }]);
  });
}

/**
 * The stamps the navigations decided from one load report are stored under, one per arrival in `arrivals`
 * (oldest first: pages whose own report was lost, then the reporting page). Each goes just below the first step
 * its own page sent before its report was decided, and no later than the next navigation's; `held` (the report's
 * hold) when nothing is below it. A step that named an arrival not decided here (a page whose report never came
 * and that handed nothing over) was made before the next navigation: that one goes after it. `decidedBefore`:
 * the tab's last arrival decided before. Early steps are found in memory, and pending in storage (accepted by a
 * worker that has stopped since).
 */
export async function navigationStamps(tabId: number, arrivals: readonly number[], decidedBefore: number, held: number): Promise<number[]> {
  const last = arrivals.at(-1) ?? decidedBefore;
  const stored = (await pendingEarlySteps(decidedBefore, last)).filter((p) => p.tabId === tabId);
  const steps = [...(early.get(tabId) ?? []), ...stored.map((p) => ({ arrival: p.afterArrival, stamp: p.arrivedAt }))]
    .filter((e) => e.arrival > decidedBefore && e.arrival <= last);
  const firsts = arrivals.map(() => Infinity);
  const floors = arrivals.map(() => -Infinity);
  for (const e of steps) {
    const own = arrivals.indexOf(e.arrival);
    if (own >= 0) firsts[own] = Math.min(firsts[own]!, e.stamp);
    else {
      const next = arrivals.findIndex((a) => a > e.arrival);
      floors[next] = Math.max(floors[next]!, e.stamp);
    }
  }
  // From the newest back: each below its own page's first early step and not after the navigation that follows.
  // Stamps are given out at least a millisecond apart: half of one below comes after every step stamped before it.
  const stamps = [...firsts];
  let next = held;
  for (let i = arrivals.length - 1; i >= 0; i--) {
    next = Math.min(next, firsts[i]! - 0.5);
    stamps[i] = next;
  }
  // Then from the oldest on: each after the steps of a page left before it, and not before the one before it.
  let previous = -Infinity;
  for (let i = 0; i < arrivals.length; i++) {
    previous = Math.max(previous, stamps[i]!, floors[i]! + 0.25);
    stamps[i] = previous;
  }
  return stamps;
}

/** Recording stopped: no early step changes any stamp any more (pending ones are cleared in storage too). */
export function forgetAllEarlySteps(): void {
  early.clear();
}

/** The tab's arrivals up to `decided` are decided: their early steps no longer change any stamp. */
export function forgetEarlySteps(tabId: number, decided: number): void {
  const left = (early.get(tabId) ?? []).filter((e) => e.arrival > decided);
  if (left.length) early.set(tabId, left);
  else early.delete(tabId);
}

/**
 * Longest an early step waits for its page's report to be decided. The page retries its report for about half a
 * minute; one that never gets through must not stop the tab's steps for that long (they are then numbered as
 * they came).
 */
export const EARLY_WAIT_MAX_MS = 15_000;

/**
 * How much longer (ms) a pending step waits for its page's report to be decided, given the tab's last arrival
 * decided (tab-memory's arrivalDecided): 0 when it waits no more.
 */
export function earlyWait(p: Pick<PendingStep, 'afterArrival' | 'arrivedAt'>, decided: number, now = Date.now()): number {
  if (p.afterArrival === undefined || p.afterArrival <= decided) return 0;
  return Math.max(0, p.arrivedAt + EARLY_WAIT_MAX_MS - now);
}

/**
 * How much longer (ms) such a step waits past EARLY_WAIT_MAX_MS: while a report of its tab is being decided (its
 * own, or one queued before it), for at most HOLD_MAX_MS more; 0 when it waits no more. That bound is for a report
 * that never comes; one being decided has come, and its release lets the step go (a loaded machine can take longer
 * over a decision than the bound). The second bound is for a decision that hangs: every later report of the tab
 * takes a hold of its own while queued behind it, so the tab's holds alone would never end the wait.
 */
export function earlyStepDeciding(p: Pick<PendingStep, 'afterArrival' | 'tabId' | 'arrivedAt'>, decided: number, now = Date.now()): number {
  if (p.afterArrival === undefined || p.afterArrival <= decided || !holdsTab(p.tabId, now)) return 0;
  return Math.max(0, p.arrivedAt + EARLY_WAIT_MAX_MS + HOLD_MAX_MS - now);
}

/**
 * How much longer (ms) a step its page sent before its load report was decided still waits: its own bound
 * (earlyWait), then, while a report of its tab is being decided, the decision's (earlyStepDeciding); 0 when it
 * waits no more.
 */
export function earlyStepWait(p: Pick<PendingStep, 'afterArrival' | 'tabId' | 'arrivedAt'>, decided: number, now = Date.now()): number {
  return earlyWait(p, decided, now) || earlyStepDeciding(p, decided, now);
}

/** Whether any tab's load report is being decided now (its hold taken and not released, nor hung past HOLD_MAX_MS). */
export function decisionsUnderWay(now = Date.now()): boolean {
  for (const stamp of held.keys()) if (now - stamp <= HOLD_MAX_MS) return true;
  return false;
}

/**
 * Whether a tab's load report is being decided, or is on its way (a step its page sent says so, and has not
 * waited its EARLY_WAIT_MAX_MS out): Stop waits for them, as it clears the navigation memory they are decided from.
 * `decidedOf`: a tab's last arrival decided (tab-memory's arrivalDecided).
 */
export async function arrivalsUndecided(decidedOf: (tabId: number) => Promise<number>, now = Date.now()): Promise<boolean> {
  if (decisionsUnderWay(now)) return true;
  const steps = [...[...early].flatMap(([tabId, e]) => e.map((x) => ({ tabId, afterArrival: x.arrival, arrivedAt: x.stamp }))),
    ...await pendingEarlySteps(0, Infinity)];
  for (const e of steps.filter((x) => now - x.arrivedAt < EARLY_WAIT_MAX_MS)) {
    if (e.afterArrival > await decidedOf(e.tabId)) return true;
  }
  return false;
}
