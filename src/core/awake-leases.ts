// Who needs the worker kept running, and until when. Pure bookkeeping (the
// clock is passed in) so the rules are unit-tested; platform/keep-awake turns
// "anything held" into activity the browser counts.

/** A lease that lasts until it is released. */
export const UNTIL_RELEASED = Number.POSITIVE_INFINITY;

export class AwakeLeases {
  private readonly until = new Map<string, number>();

  /** Holds (or renews) `key` until `now + forMs`; a renewal never shortens a longer hold. */
  hold(key: string, now: number, forMs: number = UNTIL_RELEASED): void {
    const end = now + forMs;
    this.until.set(key, Math.max(end, this.until.get(key) ?? end));
  }

  release(key: string): void {
    this.until.delete(key);
  }

  /** Drops expired leases; is anything still held at `now`? */
  held(now: number): boolean {
    for (const [key, end] of this.until) if (end <= now) this.until.delete(key);
    return this.until.size > 0;
  }
}
