// Screenshots of the visible tab. Chrome allows about two captureVisibleTab
// calls per second, and a capture takes tens of milliseconds, so a frame taken
// after the action starts may already show the page's reaction. The recorder
// therefore keeps the last "settled" frame per tab (captured whenever a page
// reports it has settled) and a step uses it when it is newer than the page's
// last change; otherwise it captures at once and marks the frame as not fresh.
//
// captureVisibleTab takes whatever tab is active in the window. A frame is
// kept only if the tab was active, in that window, on the same page, both
// before and after the capture: a frame of another tab or page would be
// stored with this page's blur regions. The cache is memory only: after a
// worker restart the next step captures anew (so, while recording, the worker
// is kept from idling out: platform/keep-awake, holdAwakeSteadily).
//
// Policy comes before pixels: a tab showing a page the config keeps out of
// screenshots (or out of recording) is never captured at all. Each frame
// takes the tab's text map as it stood when it was captured (every frame's
// regions), so whichever step uses it, now or reused later, is blurred from
// the whole tab.
import { host } from '../platform/host';
import { captureVisiblePng, tabById, type Tab } from '../platform/tabs';
import type { ScrollOffset } from '../core/step-draft';
import type { ScreenRegions } from '../core/tab-text-map';
import { sitePolicy } from '../core/site-policy';
import { activeConfig } from './scrubber-state';
import { tabTextMap } from './tab-text-map';
import { reportHistory } from './report-history';

/** Beyond this age, a frame of the page before the action is too old to stand for it: capture anew. */
const REUSE_MAX_AGE_MS = 5000;

/** One capture of the tab: a screenshot, not an iframe (comments here call it a frame, as the browser's capture does). */
export interface Shot {
  dataUrl: string;
  capturedAt: number;
  /** The tab's address when captured (raw, memory only): a frame is reused only on the same page. */
  url: string;
  /** The top window's scroll offset the page reported as it settled, just before this capture. */
  topScroll?: ScrollOffset;
  /** Every frame's regions as the tab's text map held them at the capture, placed in this frame's pixels. */
  regions: ScreenRegions;
  /**
   * Captured just after the page reported it settled: its map was measured on the page its pixels show. A
   * frame captured mid-change (after an action started) may show text its map has not described yet.
   */
  mapSettled: boolean;
  /**
   * When the browser was asked for the pixels (ms epoch), after the wait for the rate limit: `capturedAt` is when
   * the capture was wanted. Only a frame asked for before an action can show the page before it.
   */
  askedAt?: number;
  /** Just after the pixels were taken (ms epoch): `capturedAt` is when the capture was asked for, and it may wait. */
  pixelsAt?: number;
  /** When each report `regions` were composed from was filed: the map holds for the pixels only if none had changed by `pixelsAt`. */
  reports?: number[];
}

export type ShotResult =
  | { ok: true; shot: Shot; fresh: boolean; note?: string }
  | { ok: false; error: string };

/** The last few frames per tab, newest last: a navigation step needs the frame of the page before the newest. */
const settled = new Map<number, Shot[]>();
const HISTORY = 4;
/** Settled captures under way per tab: when each was wanted, and its end (it never rejects). */
const settling = new Map<number, { capturedAt: number; done: Promise<void> }>();
/** Longest a step waits for a settled frame under way: the rate limit's slot, the capture, the map (measured: 0.2–0.4 s). */
const IN_FLIGHT_WAIT_MS = 1500;
let lastCallAt = 0;
let queue: Promise<unknown> = Promise.resolve();

/** The same document, ignoring the fragment (a hash change does not repaint a new page). */
export function samePage(a: string | undefined, b: string | undefined): boolean {
  return !!a && !!b && a.split('#')[0] === b.split('#')[0];
}

async function stillShowing(tabId: number, windowId: number, url: string): Promise<boolean> {
  const now = await tabById(tabId);
  return !!now && now.active && now.windowId === windowId && samePage(now.url, url);
}

/** Whether the config lets a page at this raw address be captured at all (never_record and no_screenshots do not). */
async function mayCapture(url: string | undefined): Promise<boolean> {
  const { config } = await activeConfig();
  return !!url && sitePolicy(config.sites, url, undefined).screenshots;
}

/** One capture at a time, spaced to stay under the browser's rate limit; checked to show `tab` on `url`. */
function captureVisible(tabId: number, windowId: number, url: string): Promise<{ dataUrl: string; askedAt: number }> {
  const run = async (): Promise<{ dataUrl: string; askedAt: number }> => {
    const wait = lastCallAt + host.captureIntervalMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (!(await stillShowing(tabId, windowId, url))) throw new Error('the tab was not showing the page');
    if (!(await mayCapture(url))) throw new Error('site configured without screenshots');
    lastCallAt = Date.now();
    let dataUrl: string;
    try {
      dataUrl = await captureVisiblePng(windowId);
    } catch (error) {
      // The quota is per extension, not per worker: a restarted worker does not know the last call. Wait once.
      if (!host.isCaptureQuotaError(error)) throw error;
      await new Promise((r) => setTimeout(r, 1000));
      lastCallAt = Date.now();
      dataUrl = await captureVisiblePng(windowId);
    }
    if (!(await stillShowing(tabId, windowId, url))) throw new Error('the tab changed during the capture; frame discarded');
    return { dataUrl, askedAt: lastCallAt };
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

/** Settles reported while a capture of the same tab ran: that capture may predate them, so one more follows. */
const settledAgain = new Map<number, { tab: Tab; topScroll: ScrollOffset | undefined }>();

/** A page reported it settled: refresh its frame if the tab is the visible one. */
export async function captureSettled(tab: Tab, topScroll?: ScrollOffset): Promise<void> {
  if (tab.id === undefined || tab.windowId === undefined || !tab.active || !tab.url) return;
  if (settling.has(tab.id)) {
    settledAgain.set(tab.id, { tab, topScroll });
    return;
  }
  const capturedAt = Date.now();
  let finished = (): void => undefined;
  settling.set(tab.id, { capturedAt, done: new Promise<void>((resolve) => { finished = resolve; }) });
  try {
    const { dataUrl, askedAt } = await captureVisible(tab.id, tab.windowId, tab.url);
    const pixelsAt = Date.now();
    // A subframe's settle knows nothing of the tab's scroll: the map is placed by the top frame's last word on it.
    // A map the top frame has not reported into yet (a subframe settled first) does not describe the page: such a
    // frame is read by OCR whole, as one captured mid-change (it had vouched for its text with an empty map, and a
    // click that scrolled the page right after Start reused it: its blur missed a line).
    const { regions, reports, hasTop, topScroll: scroll } = await tabTextMap.composedWithReports(tab.id, topScroll);
    remember(tab.id, { dataUrl, capturedAt, askedAt, url: tab.url, regions, mapSettled: hasTop, pixelsAt, reports, ...(scroll ? { topScroll: scroll } : {}) });
  } catch {
    // Not capturable (chrome://, web store, closed, switched away): the step will say so.
  } finally {
    settling.delete(tab.id);
    finished();
    const next = settledAgain.get(tab.id);
    settledAgain.delete(tab.id);
    if (next) void captureSettled(next.tab, next.topScroll);
  }
}

/**
 * The frame for a step whose action happened at `actionAt`, on a page last
 * changed at `lastChangeAt`. `pageUrl` is the page the step was taken on; null
 * when the worker cannot know it (the page before a navigation): then only a
 * frame captured in the right window of time will do.
 */
export async function shotForStep(tab: Tab, actionAt: number, lastChangeAt: number, pageUrl: string | null): Promise<ShotResult> {
  if (tab.id === undefined || tab.windowId === undefined) return { ok: false, error: 'no tab' };
  const exactIn = (frames: readonly Shot[]): Shot | undefined => frames.findLast((f) => f.capturedAt >= lastChangeAt
    && (f.askedAt ?? f.capturedAt) <= actionAt && (pageUrl === null || samePage(f.url, pageUrl)));
  let exact = exactIn(settled.get(tab.id) ?? []);
  // The frame of the page's last change may still be on its way: wanted after the change and before the action,
  // it waits for the rate limit's slot and then for the map. At two actions a second, a step that did not wait
  // for it reused the frame before (a fixed phase: 23 of 40 steps in one bench run, 0 in the next).
  const underway = settling.get(tab.id);
  if (!exact && underway && underway.capturedAt >= lastChangeAt && underway.capturedAt <= actionAt) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([underway.done, new Promise((r) => { timer = setTimeout(r, IN_FLIGHT_WAIT_MS); })]);
    clearTimeout(timer);
    exact = exactIn(settled.get(tab.id) ?? []);
  }
  const history = settled.get(tab.id) ?? [];
  if (exact) return { ok: true, shot: exact, fresh: true };
  if (pageUrl === null) return { ok: false, error: 'no frame of the page was captured before it was left' };
  const reusable = history.findLast((f) => samePage(f.url, pageUrl) && (f.askedAt ?? f.capturedAt) <= actionAt) ?? null;
  // With none from before the action and no capture possible now (the tab hidden, or gone on to another page before
  // a step sent late got its turn: seen in Firefox under load), the page's newest frame, taken after the action
  // began, is still the page the step was taken on: better than no screenshot. Not fresh: OCR reads it whole.
  const later = (why: string): ShotResult | null => {
    const ofPage = history.findLast((f) => samePage(f.url, pageUrl));
    return ofPage ? { ok: true, shot: ofPage, fresh: false, note: `${why}; a frame of the page taken after the action began stands in` } : null;
  };
  if (!tab.active) {
    return reusable ? { ok: true, shot: reusable, fresh: false, note: 'tab was not visible; last frame reused' }
      : later('tab was not visible') ?? { ok: false, error: 'tab was not visible' };
  }
  // No exact frame. A recent frame of this page, taken before the action, is better training data than one taken
  // after it (which may show the action's result), and capturing now would spend the quota the next settled frame
  // needs, making the next step miss too (measured: 45% exact frames that way at 2 actions/s, against 90%+).
  if (reusable && actionAt - reusable.capturedAt < REUSE_MAX_AGE_MS) {
    return { ok: true, shot: reusable, fresh: false, note: 'page changed since the last settled frame; that frame reused' };
  }
  try {
    return { ok: true, shot: await captureNow(tab.id, tab.windowId, pageUrl), fresh: false, note: 'captured after the action started' };
  } catch (error) {
    return reusable
      ? { ok: true, shot: reusable, fresh: false, note: `capture failed (${String(error)}); last frame reused` }
      : later(`capture failed (${String(error)})`) ?? { ok: false, error: `tab cannot be captured: ${String(error)}` };
  }
}

/** The page a navigation left, by its raw address, and when it was shown: from its commit to the next one. */
export interface LeftPage { url: string; since: number; until: number }

/**
 * The frame of a page no longer shown (a navigation left it, or its tab closed), from `shots`, the tab's frames:
 * only frames captured while its document was shown (from its commit to the next) will do; a frame of the page
 * before it, or of the page after it, would be stored as this one. Within that time every frame is of its
 * document (a same-document route change keeps it). Exact when captured after its last change; else its newest
 * frame, not fresh. Never a live capture: the tab shows another page, or is gone.
 */
export function shotOfLeftPage(shots: readonly Shot[], left: LeftPage, lastChangeAt: number, actionAt: number): ShotResult {
  const until = Math.min(left.until, actionAt);
  const own = shots.filter((f) => f.capturedAt >= left.since && f.capturedAt <= until);
  // A page state the page handed over knows its last change; a stand-in (lastChangeAt 0) does not, so no frame
  // is exact for it (a frame taken mid-change counted fresh would skip the whole-frame OCR read).
  const exact = lastChangeAt > 0 ? own.findLast((f) => f.capturedAt >= lastChangeAt) : undefined;
  if (exact) return { ok: true, shot: exact, fresh: true };
  const newest = own.at(-1);
  return newest
    ? { ok: true, shot: newest, fresh: false, note: 'the newest frame of the page before it was left; the page may have changed since' }
    : { ok: false, error: 'no frame of the page was captured before it was left' };
}

/**
 * The frame for a task's final state, observed at `at` on a page last changed at `lastChangeAt`: a settled frame
 * taken since that change shows it exactly; otherwise the tab is captured now (the final state is the page as it
 * is, so a frame from before the last change, which shotForStep would reuse, would miss the last action's
 * result). A frame captured now is marked not fresh, so OCR reads all of it: its map was not measured as it settled.
 */
export async function shotForFinal(tab: Tab, lastChangeAt: number, pageUrl: string): Promise<ShotResult> {
  if (tab.id === undefined || tab.windowId === undefined) return { ok: false, error: 'no tab' };
  const exact = (settled.get(tab.id) ?? []).findLast((f) => f.capturedAt >= lastChangeAt && samePage(f.url, pageUrl));
  if (exact) return { ok: true, shot: exact, fresh: true };
  if (!tab.active) return { ok: false, error: 'the tab was not visible at Stop' };
  try {
    return { ok: true, shot: await captureNow(tab.id, tab.windowId, pageUrl), fresh: false, note: 'captured at Stop' };
  } catch (error) {
    return { ok: false, error: `tab cannot be captured: ${String(error)}` };
  }
}

/**
 * Captures the tab now, not as it settled: the map is composed after the pixels and was not measured on a
 * settled page, so the shot is marked unsettled (OCR then reads all of it). Kept in the tab's history.
 */
async function captureNow(tabId: number, windowId: number, pageUrl: string): Promise<Shot> {
  const capturedAt = Date.now();
  const { dataUrl, askedAt } = await captureVisible(tabId, windowId, pageUrl);
  const shot = { dataUrl, capturedAt, askedAt, url: pageUrl, regions: await tabTextMap.composed(tabId, undefined), mapSettled: false };
  remember(tabId, shot);
  return shot;
}

/** A closed tab's frames, taken before they are forgotten: its page's final state may need the newest. */
export function shotsOfTab(tabId: number): readonly Shot[] {
  return settled.get(tabId) ?? [];
}

/**
 * Tabs that keep their whole history: the most recently captured. Any other keeps its newest frame only (what a
 * switch back from it, or its closing, may stand on); only tabs in use need the frames before their actions. The
 * worker is kept up while recording, so idle stops no longer free these (a frame's data URL is up to about 1 MB).
 */
const FULL_HISTORY_TABS = 4;

function remember(tabId: number, shot: Shot): void {
  const history = settled.get(tabId) ?? [];
  history.push(shot);
  if (history.length > HISTORY) history.shift();
  // Most recently captured last: a Map keeps its insertion order.
  settled.delete(tabId);
  settled.set(tabId, history);
  let behind = settled.size - FULL_HISTORY_TABS;
  for (const frames of settled.values()) {
    if (behind-- <= 0) break;
    if (frames.length > 1) frames.splice(0, frames.length - 1);
  }
}

export function forgetTab(tabId: number): void {
  settled.delete(tabId);
  settledAgain.delete(tabId);
  reportHistory.forget(tabId);
}
