// Arrival stamps: the order pending steps are processed, and so numbered, in.
// A step still being decided (a navigation waiting for its page's note of who
// sent it away) holds its stamp, and every pending step stamped after it waits
// behind it: a click made on the new page meanwhile is numbered after it.
import { newestArrival } from '../platform/db';

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

/** Past this, a hold no longer stops anything: a decision that hangs must not stop every later step. */
export const HOLD_MAX_MS = 10_000;

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

/**
 * Whether a pending step of `tabId` stamped `arrivedAt` must wait: a step of the same tab stamped before it is
 * still being decided. Other tabs go on (a switch away from the tab is a step of the tab, and waits).
 */
export function heldBehind(arrivedAt: number, tabId: number, now = Date.now()): boolean {
  for (const [stamp, tab] of held) {
    if (now - stamp > HOLD_MAX_MS) held.delete(stamp);
    else if (tab === tabId && stamp < arrivedAt) return true;
  }
  return false;
}
