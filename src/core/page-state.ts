// The state of a page just before it goes away (navigation, tab switch):
// the "before" observation of a navigation step that the next page reports.
import type { PageState } from './step-draft';

export type { PageState };

/** Pages no extension may script or capture: their steps get a stand-in observation and a note. */
export function isRestrictedPage(url: string): boolean {
  if (!/^https?:/i.test(url)) return true;
  return /^https:\/\/(?:chromewebstore\.google\.com|chrome\.google\.com\/webstore)(?:[/?#]|$)/i.test(url);
}

/** The observation of a restricted page: its title and address only. */
export function restrictedPageState(url: string, title: string, viewport: { width: number; height: number }, at: number): PageState {
  return {
    at, domTree: '<html id="1"/>', title, url, lastChangeAt: 0, viewport, devicePixelRatio: 1, redactedRegions: [], mediaRegions: [], redactions: {},
  };
}

export type NavigationKind = 'link' | 'typed' | 'back_forward' | 'reload' | 'route' | 'hash' | 'new_tab' | 'other';
