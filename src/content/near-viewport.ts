// Which interactive elements are near the viewport (and so get a bbox in the
// snapshot). Worked out in idle time, in slices, after the page scrolls,
// resizes or changes: an IntersectionObserver on thousands of targets made
// Chromium recompute them all on every frame of a hover or a scroll (17-45 ms
// per frame on a 16k-element page), and clicks waited behind it.
import { addListener, boundsOf, isLive, removeListener, windowOfNode } from './dom-safe';

const MARGIN = 200; // px around the viewport
const SLICE_MS = 2; // longest slice of work in one idle callback: an input waits at most this long behind it

type IdleFn = (cb: (d: { timeRemaining(): number }) => void, o?: { timeout: number }) => number;
type PostTask = (cb: () => void, o: { priority: 'background' }) => Promise<unknown>;

export class NearViewport {
  /** Elements near the viewport at the last completed sweep. */
  near = new Set<Element>();
  private readonly candidates = new Set<Element>();
  private dirty = false;
  private scheduled = false;
  private sweep: { it: Iterator<Element>; found: Set<Element> } | null = null;
  private readonly teardowns: (() => void)[] = [];

  constructor(private readonly win: Window) {}

  start(): void {
    const onMove = (): void => this.invalidate();
    for (const type of ['scroll', 'resize']) {
      addListener(this.win, type, onMove, { capture: true, passive: true });
      this.teardowns.push(() => removeListener(this.win, type, onMove, { capture: true }));
    }
    this.invalidate();
  }

  stop(): void {
    this.teardowns.forEach((t) => t());
    this.teardowns.length = 0;
    this.candidates.clear();
    this.near.clear();
    this.sweep = null;
  }

  watch(el: Element): void {
    if (this.candidates.has(el)) return;
    this.candidates.add(el);
    this.invalidate();
  }

  /** Layout may have moved: sweep again when the page is idle. */
  invalidate(): void {
    this.dirty = true;
    if (this.scheduled) return;
    this.scheduled = true;
    const idle = (this.win as Window & { requestIdleCallback?: IdleFn }).requestIdleCallback;
    const run = (d?: { timeRemaining(): number }): void => {
      this.scheduled = false;
      this.work(d);
    };
    if (idle) idle.call(this.win, run, { timeout: 500 });
    else setTimeout(run, 50);
  }

  private work(deadline?: { timeRemaining(): number }): void {
    if (this.dirty || !this.sweep) {
      this.dirty = false;
      this.sweep = { it: this.candidates.values(), found: new Set() };
    }
    const until = performance.now() + Math.min(SLICE_MS, Math.max(1, deadline?.timeRemaining() ?? SLICE_MS));
    const { it, found } = this.sweep;
    for (let next = it.next(); !next.done; next = it.next()) {
      const el = next.value;
      if (!isLive(el)) this.candidates.delete(el);
      else if (isNear(el)) found.add(el);
      if (performance.now() > until) {
        this.continueSoon();
        return;
      }
    }
    this.near = found;
    this.sweep = null;
  }

  /**
   * Next slice as a background task: input goes first, but the sweep does not
   * wait for another idle period (one per frame, up to 50 ms apart).
   */
  private continueSoon(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = (): void => {
      this.scheduled = false;
      this.work();
    };
    const post = (this.win as Window & { scheduler?: { postTask?: PostTask } }).scheduler?.postTask;
    if (post) void post.call((this.win as Window & { scheduler: unknown }).scheduler, run, { priority: 'background' });
    else setTimeout(run, 0);
  }
}

function isNear(el: Element): boolean {
  const win = windowOfNode(el);
  if (!win) return false;
  const r = boundsOf(el);
  if (r.width === 0 && r.height === 0) return false;
  return r.bottom > -MARGIN && r.right > -MARGIN && r.top < win.innerHeight + MARGIN && r.left < win.innerWidth + MARGIN;
}
