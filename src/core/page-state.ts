// The state of a page just before it goes away (navigation, tab switch):
// the "before" observation of a navigation step that the next page reports.
import type { PageState } from './step-draft';

export type { PageState };

/** Chrome's Web Store, where no extension may run. */
const CHROME_STORE = /^https:\/\/(?:chromewebstore\.google\.com|chrome\.google\.com\/webstore)(?:[/?#]|$)/i;
/** Firefox's default extensions.webextensions.restrictedDomains: add-ons, accounts and support sites. */
const FIREFOX_RESTRICTED_HOSTS = new Set([
  'accounts-static.cdn.mozilla.net', 'accounts.firefox.com', 'addons.cdn.mozilla.net', 'addons.mozilla.org', 'api.accounts.firefox.com',
  'content.cdn.mozilla.net', 'discovery.addons.mozilla.org', 'install.mozilla.org', 'oauth.accounts.firefox.com',
  'profile.accounts.firefox.com', 'support.mozilla.org', 'sync.services.mozilla.com',
]);

/** Pages no extension may script or capture: their steps get a stand-in observation and a note. */
export function isRestrictedPage(url: string): boolean {
  if (!/^https?:/i.test(url)) return true;
  if (CHROME_STORE.test(url)) return true;
  try {
    return FIREFOX_RESTRICTED_HOSTS.has(new URL(url).hostname.toLowerCase());
  } catch {
    return true; // not a URL a page can have
  }
}

/** The whole tree of a page that stands in by its address and title. */
const STAND_IN_TREE = '<html id="1"/>';

/** The observation of a restricted page: its title and address only. */
export function restrictedPageState(url: string, title: string, viewport: { width: number; height: number }, at: number): PageState {
  return {
    at, domTree: STAND_IN_TREE, title, url, lastChangeAt: 0, viewport, devicePixelRatio: 1, redactedRegions: [], mediaRegions: [], redactions: {},
  };
}

/** A state restrictedPageState made (an address and title standing in for a page), not a snapshot of one. */
export function isStandInState(state: Pick<PageState, 'domTree' | 'lastChangeAt'>): boolean {
  return state.lastChangeAt === 0 && state.domTree === STAND_IN_TREE;
}

export type NavigationKind = 'link' | 'typed' | 'back_forward' | 'reload' | 'route' | 'hash' | 'new_tab' | 'other';
