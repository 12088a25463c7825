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

/** Stamps held for steps not yet made. In memory: a stopped worker decides its navigations afresh, holding anew. */
const held = new Set<number>();

/** Past this, a hold no longer stops anything: a decision that hangs must not stop every later step. */
const HOLD_MAX_MS = 10_000;

export interface HeldArrival {
  /** The stamp the held step is to be stored with. */
  stamp: number;
  /** Ends the hold, the step made or not (call it once the step is durable, or decided against). */
  release(): void;
}

/** A stamp taken now for a step decided later. */
export async function holdArrival(): Promise<HeldArrival> {
  const next = nextArrival();
  // Added in the stamp's own resolution, before any later stamp resolves (they resolve in order).
  const stamp = await next.then((s) => { held.add(s); return s; });
  return { stamp, release: () => { held.delete(stamp); } };
}

/** Whether a pending step stamped `arrivedAt` must wait: a step stamped before it is still being decided. */
export function heldBehind(arrivedAt: number, now = Date.now()): boolean {
  for (const stamp of held) {
    if (now - stamp > HOLD_MAX_MS) held.delete(stamp);
    else if (stamp < arrivedAt) return true;
  }
  return false;
}
