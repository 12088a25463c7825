// What a click acted on when the pointer was on a wrapper: a library's inner
// <div> or <span> (Shoelace's tab and option parts, AG Grid's header label, an
// icon in a button) has no role or name of its own, so the accessibility tree
// collapses it and a model reading the tree, or a grounding row, cannot name
// it. The nearest element on the event's composed path with a role a person
// clicks stands for it, as Chrome's own tree and Playwright's getByRole see it.
import { roleOf } from './element-semantics';
import { isElement } from './dom-safe';
import { eventPath } from './start-gate';

/** Roles without a name of their own: the pointer on one of these is on a wrapper. */
const WRAPPER_ROLES = new Set(['generic', 'none', 'presentation', 'img']);
const CLICKED_ROLES = new Set([
  'button', 'link', 'tab', 'option', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'checkbox', 'radio', 'switch',
  'treeitem', 'gridcell', 'columnheader', 'rowheader', 'combobox', 'textbox', 'searchbox', 'slider', 'spinbutton',
]);
/** How far up a wrapper may stand from its control (a label part inside a tab inside its host). */
const MAX_UP = 4;

/** The control a click on `origin` acted on, or null when `origin` is one itself or none is near. */
export function clickedControl(event: Pick<Event, 'composedPath'>, origin: Element | null): Element | null {
  if (!origin || !WRAPPER_ROLES.has(roleOf(origin))) return null;
  const path = eventPath(event);
  const at = path.indexOf(origin);
  if (at < 0) return null;
  for (const node of path.slice(at + 1, at + 1 + MAX_UP)) {
    if (!(node instanceof Node) || !isElement(node)) continue;
    const role = roleOf(node);
    if (CLICKED_ROLES.has(role)) return node;
    if (!WRAPPER_ROLES.has(role)) return null; // a list item, a heading: the wrapper belongs to it, not to a control above
  }
  return null;
}
