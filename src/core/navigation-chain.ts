// Which navigations a page's load report stands for. Normally one: the page
// left last (its pagehide hand-over) and this page's arrival. But a page that
// loaded while the worker restarted, and was left before its own report got
// through, never reports: its arrival rides along in its hand-over instead,
// and the next page's report carries both navigations. Each hand-over is kept
// under its own key, so a later one never overwrites one not yet taken.
import type { NavigationKind, PageState } from './page-state';

/**
 * How a page was reached, as the page itself saw it at load. `origin`: when its navigation began, on the wall
 * clock (Date.now() − performance.now()): the browser's commit of this page is the first one after it, and any
 * later commit is a later page's, whatever its address (a report decided late can find the tab moved on).
 */
export interface Arrival {
  url: string; navigation: NavigationKind; at: number; origin?: number;
  /** The address the page was loaded at (its navigation entry's, scrubbed), when a pushState changed it since. */
  loadedUrl?: string;
}

/** What a page hands over as it goes away. */
export interface LeftPage {
  state: PageState;
  /** This page's own arrival, if the worker never acknowledged it: a step the next page's report must make. */
  arrival: Arrival | null;
  /** The page's last recorded action, to tell a link followed because of it from one the person chose. */
  lastAction: { at: number; type: string } | null;
  /** How the page was left, as its Navigation API saw it; absent where no navigate event fired (see PageExit). */
  exit?: PageExit | null;
}

/**
 * The navigate event the page saw last for a navigation away from itself. Browsers fire it for navigations a
 * page or a link starts (a click, `location = …`, `history.back()`, `location.reload()`, a form, a meta
 * refresh) and not for the browser's own (an address typed, the reload button, a bookmark). `byPerson`: the
 * event's userInitiated (a person's click on a link, the browser's back button in Chromium), or a trusted input
 * in the page just before it.
 */
export interface PageExit { at: number; byPerson: boolean }

/** A navigate event is taken as this page's way out for this long; one that led nowhere (a 204, a download) goes stale. */
export const EXIT_FRESH_MS = 10_000;

/**
 * Whether the page was left by its own script with no input of the person's: `history.back()` on a timer,
 * `location = …`, `location.reload()`, a meta refresh. Such a navigation is never a step of its own (a script
 * moving on after a person's click is part of that click's step).
 */
export function leftByScript(page: LeftPage, noted: PageExit | null = null): boolean {
  return exitByScript(page.exit ?? noted, page.state.at);
}

/**
 * The same for a page left at `leftAt` whose hand-over never arrived (Firefox may end a leaving page's script
 * before its last write lands): the navigate event it noted on its own, as soon as it fired.
 */
export function exitByScript(exit: PageExit | null | undefined, leftAt: number): boolean {
  return !!exit && !exit.byPerson && leftAt >= exit.at && leftAt - exit.at < EXIT_FRESH_MS;
}

/** One navigation to make a step of: the page before it and how the next page was reached. */
export interface NavigationLink { before: LeftPage; arrival: Arrival; current: boolean }

/**
 * Pair left pages with the arrivals that followed them, oldest first. The last
 * pair is the reporting page's own (`current`); earlier pairs come from pages
 * whose report was lost. A left page followed by one that *was* acknowledged
 * was already taken (its clearing was lost): it is stale, not a step.
 */
export function navigationChain(left: readonly LeftPage[], current: Arrival): { links: NavigationLink[]; stale: LeftPage[] } {
  // Only pages left before this one loaded: a late report must not claim the page after it.
  const before = left.filter((l) => l.state.at <= current.at).sort((a, b) => a.state.at - b.state.at);
  const links: NavigationLink[] = [];
  const stale: LeftPage[] = [];
  before.forEach((page, i) => {
    const next = before[i + 1];
    if (!next) links.push({ before: page, arrival: current, current: true });
    else if (next.arrival && next.arrival.at >= page.state.at) links.push({ before: page, arrival: next.arrival, current: false });
    else stale.push(page);
  });
  return { links, stale };
}

/** Time from a left page's last action to its leaving, if that action could cause a navigation. */
export function lastActionAgo(page: LeftPage, causesNavigation: (type: string) => boolean): number | null {
  return page.lastAction && causesNavigation(page.lastAction.type) ? page.state.at - page.lastAction.at : null;
}
