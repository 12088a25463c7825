// The same recorded action in the two action spaces web-agent trainers use,
// written so the real tools accept them:
// - BrowserGym's high-level actions (browsergym-core, action/highlevel.py,
//   ACTION_SUBSETS), with the dom_tree's element ids as bids. Only actions in
//   its current set: check/uncheck left it, so a check is a click. An action
//   with no element id uses the `coord` subset (mouse_click, keyboard_press…);
//   `browserGymSubset` says which subset each call needs. Never an empty bid.
// - pyautogui 0.9.54 calls in pixels of the screenshot (CSS pixels, which is
//   what the PNG is): pyautogui.click(x=240, y=157). Keys are pyautogui's
//   names (KEY_NAMES); a key it has no name for is left out as a comment.
//   Text outside what write() types goes through the clipboard (pyperclip,
//   installed with pyautogui). `DONE` ends a task: a pseudo-action, as in
//   AgentNet-style data, not a call.
// Strings are Python literals (repr-style quoting), so both parse as Python.
import type { Action, Box, Step } from './schema';

/** A Python string literal. */
export function pyString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

/** BrowserGym's subsets (browsergym-core 0.13, action/highlevel.py ACTION_SUBSETS) and the actions this writes from each. */
export const BROWSERGYM_SUBSETS = {
  chat: ['send_msg_to_user'],
  bid: ['scroll', 'fill', 'select_option', 'click', 'dblclick', 'hover', 'press', 'focus', 'clear', 'drag_and_drop', 'upload_file'],
  coord: ['scroll', 'mouse_click', 'mouse_dblclick', 'mouse_drag_and_drop', 'mouse_upload_file', 'keyboard_press', 'keyboard_type'],
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

const bid = (a: Action): string | null => (a.element_id === null ? null : pyString(String(a.element_id)));

type Styled = Pick<Step, 'action' | 'observation'> & Partial<Pick<Step, 'target'>>;

/** BrowserGym's action for a step. */
export function browserGymAction(step: Styled, previousScroll?: { x: number; y: number }): string {
  const a = step.action;
  const id = bid(a);
  const point = a.coordinates ?? centre(step.target?.bbox);
  switch (a.type) {
    // A check (or uncheck) is a click on the box: check()/uncheck() are no longer in BrowserGym's action set.
    case 'click': case 'submit': case 'check': return id ? `click(${id})` : mouse('mouse_click', point);
    case 'double_click': return id ? `dblclick(${id})` : mouse('mouse_dblclick', point);
    case 'right_click': return id ? `click(${id}, button='right')` : mouse('mouse_click', point, ", button='right'");
    case 'type': return id ? `fill(${id}, ${pyString(a.text ?? '')})` : `keyboard_type(${pyString(a.text ?? '')})`;
    case 'key': return id ? `press(${id}, ${pyString(playwrightKey(a.key ?? ''))})` : `keyboard_press(${pyString(playwrightKey(a.key ?? ''))})`;
    // No bid, no way to pick an option: nothing rather than an action on an empty bid.
    case 'select': return id ? `select_option(${id}, ${pyString(a.label ?? a.value ?? '')})` : 'noop()';
    case 'scroll': {
      const to = a.scroll ?? { x: 0, y: 0 };
      const from = previousScroll ?? { x: 0, y: 0 };
      return `scroll(${Math.round(to.x - from.x)}, ${Math.round(to.y - from.y)})`;
    }
    case 'navigate': return a.navigation === 'back_forward' ? 'go_back()' : `goto(${pyString(a.url ?? step.observation.url)})`;
    case 'tab_switch': return 'tab_focus(0)';
    case 'file': {
      const file = pyString((a.files ?? [])[0] ?? '');
      if (id) return `upload_file(${id}, ${file})`;
      return point ? `mouse_upload_file(${px(point[0])}, ${px(point[1])}, ${file})` : 'noop()';
    }
    case 'drag': return a.coordinates && a.to ? `mouse_drag_and_drop(${px(a.coordinates[0])}, ${px(a.coordinates[1])}, ${px(a.to[0])}, ${px(a.to[1])})` : 'noop()';
  }
}

const px = (n: number): number => Math.round(n);

function mouse(fn: string, p: readonly [number, number] | null, extra = ''): string {
  return p ? `${fn}(${px(p[0])}, ${px(p[1])}${extra})` : 'noop()';
}

/** The centre of a box, for an action recorded without a point (a select, a key on a field). */
function centre(b: Box | null | undefined): [number, number] | null {
  return b && b.width > 0 && b.height > 0 ? [b.x + b.width / 2, b.y + b.height / 2] : null;
}

/** "Control+a" (the recorder's key names) as Playwright writes them: "Control+a" already is; "Space" is " ". */
function playwrightKey(key: string): string {
  return key === 'Space' ? ' ' : key;
}

/** The parts of a chord: "Control++" is Control and "+", "+" alone is "+". */
export function chordKeys(chord: string): string[] {
  const keys: string[] = [];
  let rest = chord;
  while (rest) {
    const plus = rest.indexOf('+', 1);
    if (plus < 0) {
      keys.push(rest);
      break;
    }
    keys.push(rest.slice(0, plus));
    rest = rest.slice(plus + 1);
  }
  return keys;
}

/** pyautogui's key names (pyautogui 0.9.54, KEY_NAMES, as its documentation lists them). */
export const PYAUTOGUI_KEYS: ReadonlySet<string> = new Set([
  ...'\t\n\r !"#$%&\'()*+,-./0123456789:;<=>?@[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~',
  'accept', 'add', 'alt', 'altleft', 'altright', 'apps', 'backspace', 'browserback', 'browserfavorites', 'browserforward',
  'browserhome', 'browserrefresh', 'browsersearch', 'browserstop', 'capslock', 'clear', 'convert', 'ctrl', 'ctrlleft',
  'ctrlright', 'decimal', 'del', 'delete', 'divide', 'down', 'end', 'enter', 'esc', 'escape', 'execute',
  ...Array.from({ length: 24 }, (_, i) => `f${i + 1}`),
  'final', 'fn', 'hanguel', 'hangul', 'hanja', 'help', 'home', 'insert', 'junja', 'kana', 'kanji', 'launchapp1', 'launchapp2',
  'launchmail', 'launchmediaselect', 'left', 'modechange', 'multiply', 'nexttrack', 'nonconvert',
  ...Array.from({ length: 10 }, (_, i) => `num${i}`),
  'numlock', 'pagedown', 'pageup', 'pause', 'pgdn', 'pgup', 'playpause', 'prevtrack', 'print', 'printscreen', 'prntscrn',
  'prtsc', 'prtscr', 'return', 'right', 'scrolllock', 'select', 'separator', 'shift', 'shiftleft', 'shiftright', 'sleep',
  'space', 'stop', 'subtract', 'tab', 'up', 'volumedown', 'volumemute', 'volumeup', 'win', 'winleft', 'winright', 'yen',
  'command', 'option', 'optionleft', 'optionright',
]);

/** KeyboardEvent.key names whose pyautogui name is not just the name in lower case. */
const PYAUTOGUI_NAME: Record<string, string> = {
  Control: 'ctrl', Meta: 'command', Alt: 'alt', AltGraph: 'altright', Shift: 'shift', Escape: 'esc', ArrowUp: 'up', ArrowDown: 'down',
  ArrowLeft: 'left', ArrowRight: 'right', Space: 'space', ' ': 'space', ContextMenu: 'apps', AudioVolumeUp: 'volumeup',
  AudioVolumeDown: 'volumedown', AudioVolumeMute: 'volumemute', MediaPlayPause: 'playpause', MediaTrackNext: 'nexttrack',
  MediaTrackPrevious: 'prevtrack', MediaStop: 'stop', BrowserBack: 'browserback', BrowserForward: 'browserforward',
};

/** pyautogui's name for a key, or null when it has none (a dead key, a key only some layouts have). */
export function pyAutoGuiKey(k: string): string | null {
  const name = PYAUTOGUI_NAME[k] ?? k.toLowerCase();
  return PYAUTOGUI_KEYS.has(name) ? name : null;
}

/** What pyautogui.write() types: characters that are key names of their own. */
const WRITABLE = /^[\t\n\r\x20-\x7e]*$/;

/** pyautogui's call for a step, in pixels of the screenshot. */
export function pyAutoGuiAction(step: Styled, previousScroll?: { x: number; y: number }): string {
  const a = step.action;
  const p = a.coordinates ?? centre(step.target?.bbox);
  const point = p ? `x=${px(p[0])}, y=${px(p[1])}` : '';
  switch (a.type) {
    case 'click': case 'submit': case 'check': case 'select': case 'file':
      return `pyautogui.click(${point})`;
    case 'double_click': return `pyautogui.doubleClick(${point})`;
    case 'right_click': return `pyautogui.rightClick(${point})`;
    case 'type': {
      const text = a.text ?? '';
      // write() skips characters it has no key for (é, ü, 你): those go through the clipboard.
      return WRITABLE.test(text) ? `pyautogui.write(${pyString(text)})` : `pyperclip.copy(${pyString(text)}); pyautogui.hotkey('ctrl', 'v')`;
    }
    case 'key': {
      const keys = chordKeys(a.key ?? '');
      const names = keys.map(pyAutoGuiKey);
      if (!keys.length || names.some((n) => n === null)) return `# key ${pyString(a.key ?? '')}: pyautogui has no name for it`;
      const quoted = (names as string[]).map(pyString);
      return quoted.length > 1 ? `pyautogui.hotkey(${quoted.join(', ')})` : `pyautogui.press(${quoted[0]!})`;
    }
    case 'scroll': {
      // pyautogui scrolls in wheel clicks, up (and left) positive: one click is about 100 CSS pixels; any scroll is one at least.
      const clicks = (d: number): number => (d === 0 ? 0 : -Math.sign(d) * Math.max(1, Math.round(Math.abs(d) / 100)));
      const dy = clicks((a.scroll?.y ?? 0) - (previousScroll?.y ?? 0));
      const dx = clicks((a.scroll?.x ?? 0) - (previousScroll?.x ?? 0));
      const calls = [...(dy || !dx ? [`pyautogui.scroll(${dy})`] : []), ...(dx ? [`pyautogui.hscroll(${-dx})`] : [])];
      return calls.join('; ');
    }
    case 'drag': return p && a.to ? `pyautogui.moveTo(${point}); pyautogui.dragTo(x=${px(a.to[0])}, y=${px(a.to[1])})` : '# drag: no end point was recorded';
    case 'navigate': return a.navigation === 'back_forward' ? "pyautogui.hotkey('alt', 'left')" : `pyautogui.hotkey('ctrl', 'l'); pyautogui.write(${pyString(a.url ?? '')}); pyautogui.press('enter')`;
    case 'tab_switch': return "pyautogui.hotkey('ctrl', 'tab')";
  }
}

/** The terminal action a trainer expects after a task's last step (`DONE`: a pseudo-action, see above). */
export const DONE_ACTIONS = { browsergym: 'send_msg_to_user(\'done\')', pyautogui: 'DONE' } as const;
