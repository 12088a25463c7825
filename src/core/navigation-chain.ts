// Which navigations a page's load report stands for. Normally one: the page
// left last (its pagehide hand-over) and this page's arrival. But a page that
// loaded while the worker restarted, and was left before its own report got
// through, never reports: its arrival rides along in its hand-over instead,
// and the next page's report carries both navigations. Each hand-over is kept
// under its own key, so a later one never overwrites one not yet taken.
import type { NavigationKind, PageState } from './page-state';

/** How a page was reached, as the page itself saw it at load. */
export interface Arrival { url: string; navigation: NavigationKind; at: number }

/** What a page hands over as it goes away. */
export interface LeftPage {
  state: PageState;
  /** This page's own arrival, if the worker never acknowledged it: a step the next page's report must make. */
  arrival: Arrival | null;
  /** The page's last recorded action, to tell a link followed because of it from one the person chose. */
  lastAction: { at: number; type: string } | null;
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
