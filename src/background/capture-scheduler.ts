// Screenshots of the visible tab. Chrome allows about two captureVisibleTab
// calls per second, and a capture takes tens of milliseconds, so a frame taken
// after the action starts may already show the page's reaction. The recorder
// therefore keeps the last "settled" frame per tab (captured whenever a page
// reports it has settled) and a step uses it when it is newer than the page's
// last change; otherwise it captures at once and marks the frame as not fresh.
// The cache is memory only: after a worker restart the next step captures anew.
import browser from 'webextension-polyfill';

const MIN_INTERVAL_MS = 520;

export interface Frame {
  dataUrl: string;
  capturedAt: number;
  url: string;
}

export type FrameResult =
  | { ok: true; frame: Frame; fresh: boolean; note?: string }
  | { ok: false; error: string };

const settled = new Map<number, Frame>();
const settling = new Set<number>();
let lastCallAt = 0;
let queue: Promise<unknown> = Promise.resolve();

/** One capture at a time, spaced to stay under Chrome's rate limit. */
function captureVisible(windowId: number): Promise<string> {
  const run = async (): Promise<string> => {
    const wait = lastCallAt + MIN_INTERVAL_MS - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lastCallAt = Date.now();
    try {
      return await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
    } catch (error) {
      // The quota is per extension, not per worker: a restarted worker does not know the last call. Wait once.
      if (!String(error).includes('MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND')) throw error;
      await new Promise((r) => setTimeout(r, 1000));
      lastCallAt = Date.now();
      return browser.tabs.captureVisibleTab(windowId, { format: 'png' });
    }
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

function waitBeforeNextCall(): number {
  return Math.max(0, lastCallAt + MIN_INTERVAL_MS - Date.now());
}

/** A page reported it settled: refresh its frame if the tab is the visible one. */
export async function captureSettled(tab: browser.Tabs.Tab): Promise<void> {
  if (tab.id === undefined || !tab.active || settling.has(tab.id)) return;
  settling.add(tab.id);
  try {
    const capturedAt = Date.now();
    const dataUrl = await captureVisible(tab.windowId!);
    settled.set(tab.id, { dataUrl, capturedAt, url: tab.url ?? '' });
  } catch {
    // Not capturable (chrome://, web store, closed): the step will say so.
  } finally {
    settling.delete(tab.id);
  }
}

/** The frame for a step whose action happened at `actionAt`, with the page last changed at `lastChangeAt`. */
export async function frameForStep(tab: browser.Tabs.Tab, actionAt: number, lastChangeAt: number): Promise<FrameResult> {
  if (tab.id === undefined) return { ok: false, error: 'no tab' };
  const cached = settled.get(tab.id);
  if (cached && cached.capturedAt >= lastChangeAt && cached.capturedAt <= actionAt) {
    return { ok: true, frame: cached, fresh: true };
  }
  if (!tab.active) {
    return cached ? { ok: true, frame: cached, fresh: false, note: 'tab was not visible; last frame reused' } : { ok: false, error: 'tab was not visible' };
  }
  // A burst of actions: rather than queue behind the rate limit, reuse the last frame (marked).
  if (cached && waitBeforeNextCall() > 150) {
    return { ok: true, frame: cached, fresh: false, note: 'capture rate limit; last settled frame reused' };
  }
  try {
    const capturedAt = Date.now();
    const dataUrl = await captureVisible(tab.windowId!);
    const frame = { dataUrl, capturedAt, url: tab.url ?? '' };
    settled.set(tab.id, frame);
    return { ok: true, frame, fresh: false, note: 'captured after the action started' };
  } catch (error) {
    return cached
      ? { ok: true, frame: cached, fresh: false, note: `capture failed (${String(error)}); last frame reused` }
      : { ok: false, error: `tab cannot be captured: ${String(error)}` };
  }
}

export function forgetTab(tabId: number): void {
  settled.delete(tabId);
}
