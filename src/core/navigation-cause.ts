// Whether a top-level navigation is a step of its own, from how the browser
// says it was reached (webNavigation transition type and qualifiers).
import type { NavigationKind } from './page-state';

export interface Commit { transitionType: string; qualifiers: string[] }

/**
 * `lastActionAgoMs`: time from the last recorded action in the tab to the page
 * going away. A link followed or a form submitted right after a recorded
 * action is that action's consequence, not a new step.
 */
export function navigationStep(commit: Commit | null, fallback: NavigationKind, lastActionAgoMs: number | null): NavigationKind | null {
  const recentAction = lastActionAgoMs !== null && lastActionAgoMs < 3000;
  // Without the browser's word (its commit event can be lost while the worker restarts), the page's own: a
  // reload or a history move is a step even right after a click, as it is when the commit says so.
  if (!commit) return recentAction && fallback !== 'reload' && fallback !== 'back_forward' ? null : fallback;
  // The page sent itself elsewhere (meta refresh, location = …): not the person's doing.
  if (commit.qualifiers.includes('client_redirect')) return null;
  if (commit.qualifiers.includes('forward_back')) return 'back_forward';
  switch (commit.transitionType) {
    case 'reload': return 'reload';
    case 'typed': case 'generated': case 'keyword': case 'keyword_generated': case 'auto_bookmark': case 'start_page':
      return 'typed';
    case 'link': case 'form_submit': case 'manual_subframe':
      return recentAction ? null : 'link';
    default:
      return recentAction ? null : 'other';
  }
}
