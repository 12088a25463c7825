// Whether a frame's map still described the page when its pixels were taken. A frame captured as the page
// settled takes the tab's text map as it stood; a page that changes its text just after its settle report, while
// the capture that report asked for waits its turn (two a second), is captured showing text its map never
// described, and if it then keeps changing (a ticker) it never reports again. Reused for a later step, that
// frame's map cannot vouch for it. Each recorder says when it first changes after each report (one message per
// report); the worker keeps them here, by the report they follow, and asks at the image work, when those
// messages have long arrived.

/** One settle report of one frame (the browser's frame id), and the first change the frame made after it. */
interface Report { frame: number; at: number; changedAt?: number }

/** Plenty for the reports a tab's frames make in the seconds a frame may be reused for. */
const KEPT_PER_TAB = 256;

export class ReportHistory {
  private readonly tabs = new Map<number, Report[]>();

  /** A report of `frame` arrived, filed in the tab's text map at `at`. */
  reported(tabId: number, frame: number, at: number): void {
    const list = this.tabs.get(tabId) ?? [];
    list.push({ frame, at });
    if (list.length > KEPT_PER_TAB) list.splice(0, list.length - KEPT_PER_TAB);
    this.tabs.set(tabId, list);
  }

  /** `frame` changed at `changedAt` (its own clock, the same machine's), the first time since its last report. */
  changed(tabId: number, frame: number, changedAt: number): void {
    const list = this.tabs.get(tabId);
    if (!list || !Number.isFinite(changedAt)) return;
    for (let i = list.length - 1; i >= 0; i--) {
      const r = list[i]!;
      if (r.frame !== frame) continue;
      if (r.changedAt === undefined) r.changedAt = changedAt;
      return;
    }
  }

  /**
   * Whether every report a frame's map was made of (`reports`: their `at`) still held at `pixelsAt`: none of
   * their frames had changed by then. A report no longer known (a worker restart, an old one) holds nothing.
   */
  heldAt(tabId: number, reports: readonly number[], pixelsAt: number): boolean {
    const list = this.tabs.get(tabId) ?? [];
    return reports.every((at) => {
      const mine = list.filter((r) => r.at === at);
      return mine.length > 0 && mine.every((r) => r.changedAt === undefined || r.changedAt > pixelsAt);
    });
  }

  forget(tabId: number): void {
    this.tabs.delete(tabId);
  }
}
