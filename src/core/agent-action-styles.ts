// The same recorded action in the two action spaces web-agent trainers use,
// written so the real tools accept them:
// - BrowserGym's high-level actions (browsergym-core, action/highlevel.py,
//   ACTION_SUBSETS), with the dom_tree's element ids as bids. Only actions in
//   its current set: check/uncheck left it, so a check is a click. An action
//   with no element id uses the `coord` subset (mouse_click, keyboard_press…);
//   `browserGymSubset` says which subset each call needs. Never an empty bid.
//   Keys are ones the Playwright it pins (1.44) can press; one character it
//   cannot (é) is typed with keyboard_type, anything else is noop().
// - pyautogui 0.9.54 calls in pixels of the screenshot (CSS pixels, which is
//   what the PNG is): pyautogui.click(x=240, y=157). Keys are pyautogui's
//   names (KEY_NAMES) as Windows and Linux map them (Meta is `win`); a key it
//   has no name for, or an action without a point, is left out as a comment.
//   Text outside what write() types goes through the clipboard (pyperclip,
//   installed with pyautogui). `DONE` ends a task: a pseudo-action, as in
//   AgentNet-style data, not a call.
// Strings are Python literals (repr-style quoting), so both parse as Python.
// Each action type writes its own calls (actions/<type>.ts); the shared
// pieces (Python literals, key names) are in actions/python.ts.
import type { Box, Step } from './schema';
import type { StyleContext } from './actions/kind';
import { kindOf } from './actions/registry';
import { pyString } from './actions/python';

export { chordKeys, pyAutoGuiKey, PYAUTOGUI_KEYS, pyString } from './actions/python';

/** BrowserGym's subsets (browsergym-core 0.14.3, action/highlevel.py ACTION_SUBSETS) and the actions this writes from each. */
export const BROWSERGYM_SUBSETS = {
  chat: ['send_msg_to_user'],
  bid: ['scroll', 'fill', 'select_option', 'click', 'dblclick', 'hover', 'press', 'focus', 'clear', 'drag_and_drop', 'upload_file'],
  coord: ['mouse_click', 'mouse_dblclick', 'mouse_drag_and_drop', 'mouse_upload_file', 'keyboard_press', 'keyboard_type'],
  nav: ['go_back', 'go_forward', 'goto'],
  tab: ['tab_close', 'tab_focus', 'new_tab'],
} as const;
export type BrowserGymSubset = keyof typeof BROWSERGYM_SUBSETS;

/** The subset a BrowserGym call needs (`noop` is in every set); null for a name BrowserGym does not have. */
export function browserGymSubset(call: string): BrowserGymSubset | 'any' | null {
  const name = /^([a-z_]+)\(/.exec(call)?.[1];
  if (name === 'noop') return 'any';
  if (name === 'scroll') return 'bid';
  for (const [subset, names] of Object.entries(BROWSERGYM_SUBSETS) as [BrowserGymSubset, readonly string[]][]) {
    if (name && names.includes(name)) return subset;
  }
  return null;
}

type Styled = Pick<Step, 'action' | 'observation'> & Partial<Pick<Step, 'target'>>;

/** The centre of a box, for an action recorded without a point (a select, a key on a field). */
function centre(b: Box | null | undefined): [number, number] | null {
  return b && b.width > 0 && b.height > 0 ? [b.x + b.width / 2, b.y + b.height / 2] : null;
}

function styleContext(step: Styled, previousScroll: { x: number; y: number } | undefined): StyleContext {
  const a = step.action;
  return {
    bid: a.element_id === null ? null : pyString(String(a.element_id)),
    point: a.coordinates ?? centre(step.target?.bbox),
    pageUrl: step.observation.url,
    previousScroll,
  };
}

/** BrowserGym's action for a step. */
export function browserGymAction(step: Styled, previousScroll?: { x: number; y: number }): string {
  return kindOf(step.action.type).browserGym(step.action, styleContext(step, previousScroll));
}

/** pyautogui's call for a step, in pixels of the screenshot. */
export function pyAutoGuiAction(step: Styled, previousScroll?: { x: number; y: number }): string {
  return kindOf(step.action.type).pyAutoGui(step.action, styleContext(step, previousScroll));
}

/** The terminal action a trainer expects after a task's last step (`DONE`: a pseudo-action, see above). */
export const DONE_ACTIONS = { browsergym: 'send_msg_to_user(\'done\')', pyautogui: 'DONE' } as const;
