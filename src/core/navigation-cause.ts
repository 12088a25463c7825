// Whether a top-level navigation is a step of its own, from how the browser
// says it was reached (webNavigation transition type and qualifiers).
import type { NavigationKind } from './page-state';

export interface Commit { transitionType: string; qualifiers: string[] }

/** Transitions only the browser's own interface makes (an address typed, a keyword, a bookmark): no page script can. */
const BROWSER_ONLY = new Set(['typed', 'generated', 'keyword', 'keyword_generated', 'auto_bookmark', 'start_page']);

/**
 * `lastActionAgoMs`: time from the last recorded action in the tab to the page
 * going away. A link followed or a form submitted right after a recorded
 * action is that action's consequence, not a new step.
 * `byScript`: the page left said its own script took it away, with no input of the person's (see
 * navigation-chain's leftByScript). Then only the browser's word that its interface was used makes a step;
 * a history move or a reload says nothing of who asked for it (`history.back()` and the back button commit alike).
 */
export function navigationStep(commit: Commit | null, fallback: NavigationKind, lastActionAgoMs: number | null, byScript = false): NavigationKind | null {
  if (byScript) {
    const typed = commit && BROWSER_ONLY.has(commit.transitionType) && !commit.qualifiers.includes('forward_back') && !commit.qualifiers.includes('client_redirect');
    return typed ? 'typed' : null;
  }
  const recentAction = lastActionAgoMs !== null && lastActionAgoMs < 3000;
  // Without the browser's word (its commit event can be lost while the worker restarts), the page's own: a
  // reload or a history move is a step even right after a click, as it is when the commit says so.
  if (!commit) return recentAction && fallback !== 'reload' && fallback !== 'back_forward' ? null : fallback;
  // The page sent itself elsewhere (meta refresh, location = …): not the person's doing.
  if (commit.qualifiers.includes('client_redirect')) return null;
  if (commit.qualifiers.includes('forward_back')) return 'back_forward';
  if (BROWSER_ONLY.has(commit.transitionType)) return 'typed';
  switch (commit.transitionType) {
    case 'reload': return 'reload';
    case 'link': case 'form_submit': case 'manual_subframe':
      return recentAction ? null : 'link';
    default:
      return recentAction ? null : 'other';
  }
}
