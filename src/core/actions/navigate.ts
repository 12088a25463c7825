// A navigation the page could not record itself (typed address, reload,
// back/forward, a link followed): reported by the next page, see
// background/navigation-steps.
import { z } from 'zod';
import type { ActionKind, ActionOf } from './kind';
import { stringColumn } from './kind';
import { clip } from './words';
import { pyString, pyWrite } from './python';
import { comparableUrl } from './replay-parts';

export const NAVIGATION_KINDS = ['link', 'typed', 'back_forward', 'reload', 'route', 'hash', 'new_tab', 'other'] as const;

/** Shared with tab_switch, which names the tab's address the same way. */
export const fields = {
  url: z.string().optional().describe('destination of a navigation'),
  navigation: z.enum(NAVIGATION_KINDS).optional(),
};
export type NavigateAction = ActionOf<'navigate', typeof fields>;

/** Scrubbed and written the same for a tab switch. */
export const addressScrub = { url: 'url', navigation: { kept: 'one of the navigation kinds' } } as const;
export const addressColumns = {
  url: [stringColumn('url', 'destination of a navigation', (a: { url?: string | undefined }) => a.url)],
  navigation: [stringColumn('navigation', NAVIGATION_KINDS.join(', '), (a: { navigation?: string | undefined }) => a.navigation)],
};

export const navigate: ActionKind<NavigateAction> = {
  type: 'navigate', fields, scrubbed: addressScrub, columns: addressColumns,
  causesNavigation: false,
  thought: (a) => {
    const how = a.navigation === 'back_forward' ? 'Go back or forward to'
      : a.navigation === 'reload' ? 'Reload' : 'Go to';
    return `${how} ${clip(a.url ?? 'the page', 100)}.`;
  },
  browserGym: (a, at) => (a.navigation === 'back_forward' ? 'go_back()' : `goto(${pyString(a.url ?? at.pageUrl)})`),
  pyAutoGui: (a, at) => (a.navigation === 'back_forward' ? "pyautogui.hotkey('alt', 'left')" : `pyautogui.hotkey('ctrl', 'l'); ${pyWrite(a.url ?? at.pageUrl)}; pyautogui.press('enter')`),
  replay: (a, at) => {
    const url = a.url ?? at.pageUrl;
    if (a.navigation === 'typed' || a.navigation === 'reload' || a.navigation === 'back_forward' || a.navigation === 'other') {
      return { flow: [{ type: 'navigate', url }] };
    }
    // Caused by the step before (a link, a route change): wait until the page is at the recorded address.
    return { flow: [{ type: 'waitForExpression', expression: `location.href.split(/[?#]/)[0] === ${JSON.stringify(comparableUrl(url).split(/[?#]/)[0])}` }] };
  },
};
