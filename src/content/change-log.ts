// When the page last changed where a screenshot could show it. A frame
// captured before a change is stale only if the change could be in its
// pixels: a price updated in a row far below the viewport, or a list filled
// in past the fold, leaves the frame exact. Any change the log cannot place
// (a view change, a detached node, a node it had to forget) counts as seen.

/** Enough for the changes between two actions at a person's pace; older ones are forgotten as seen. */
const KEPT = 64;

export class ChangeLog {
  /** Changed nodes by time, oldest first (a Map keeps insertion order). null: the view itself moved. */
  private readonly recent = new Map<Node | null, number>();
  /** The newest change the log forgot: it counts as seen, since where it was is no longer known. */
  private forgottenAt = 0;

  note(node: Node | null, at: number): void {
    this.recent.delete(node);
    this.recent.set(node, at);
    if (this.recent.size <= KEPT) return;
    const [oldest, when] = this.recent.entries().next().value!;
    this.recent.delete(oldest);
    this.forgottenAt = Math.max(this.forgottenAt, when);
  }

  /**
   * The last change a screenshot taken now could show. `unseen(node)` says a node is certainly outside the
   * viewport; it is asked at the action, so it must be cheap (layout is already clean then).
   */
  lastVisibleAt(unseen: (node: Node) => boolean): number {
    let at = this.forgottenAt;
    for (const [node, when] of this.recent) {
      if (when > at && (node === null || !unseen(node))) at = when;
    }
    return at;
  }
}
