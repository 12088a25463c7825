// Tells the service worker when the page has visibly settled after a change
// (DOM mutation, scroll, resize), so it can capture a fresh "before" frame
// ahead of the next action: captureVisibleTab is too slow and too rate-limited
// to be called between pointerdown and the page's reaction.
import { visibilityStateOf } from './dom-safe';
import { listen } from './guard';

// Short: at two actions a second, a frame must be captured (itself limited to two a second) in the half
// second between a page's reaction and the next action. 100 ms after the last change leaves time for it.
const QUIET_MS = 100;

/**
 * `viewChanged`: a scroll or resize moved what the screen shows without a DOM change. It counts as a change
 * for the step's frame too: a frame from before it shows text where the step's boxes no longer are, so its
 * redactions would be blurred in the wrong places.
 */
export function initSettleNotifier(win: Window, lastChangeAt: () => number, notify: (changeAt: number) => void, viewChanged: () => void): {
  changed: () => void; stop: () => void;
} {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let latest = lastChangeAt();
  const changed = (): void => {
    latest = Date.now();
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (visibilityStateOf(win.document) === 'visible') notify(Math.max(latest, lastChangeAt()));
    }, QUIET_MS);
  };
  const moved = (): void => {
    viewChanged();
    changed();
  };
  const stops = [
    listen(win, 'scroll', moved),
    listen(win, 'resize', moved),
    listen(win, 'load', changed),
    listen(win.document, 'visibilitychange', changed),
  ];
  changed();
  return {
    changed,
    stop: () => {
      if (timer) clearTimeout(timer);
      stops.forEach((s) => s());
    },
  };
}
