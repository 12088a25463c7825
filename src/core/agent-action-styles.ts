// The same recorded action in the two action spaces web-agent trainers use:
// - BrowserGym's high-level actions, with the dom_tree's element ids as bids:
//   click('12'), fill('13', 'usb c cable'), select_option('17', 'Price: low to high'),
//   press('13', 'Enter'), scroll(0, 400), goto('https://…'), dblclick, check/uncheck,
//   upload_file, drag_and_drop, tab_focus;
// - pyautogui calls with coordinates normalised to the screenshot (0..1),
//   so they hold for any screen size: pyautogui.click(x=0.188, y=0.196).
// Strings are Python literals (repr-style quoting), so both parse as Python.
import type { Action, Step } from './schema';

/** A Python string literal. */
export function pyString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

const bid = (a: Action): string | null => (a.element_id === null ? null : pyString(String(a.element_id)));

/** BrowserGym's action for a step; null when BrowserGym has no equivalent. */
export function browserGymAction(step: Pick<Step, 'action' | 'observation'>, previousScroll?: { x: number; y: number }): string {
  const a = step.action;
  const id = bid(a);
  switch (a.type) {
    case 'click': case 'submit': return id ? `click(${id})` : coordinateClick(a, 'mouse_click');
    case 'double_click': return id ? `dblclick(${id})` : coordinateClick(a, 'mouse_dblclick');
    case 'right_click': return id ? `click(${id}, button='right')` : coordinateClick(a, 'mouse_click', ", button='right'");
    case 'type': return id ? `fill(${id}, ${pyString(a.text ?? '')})` : `keyboard_type(${pyString(a.text ?? '')})`;
    case 'key': return id ? `press(${id}, ${pyString(playwrightKey(a.key ?? ''))})` : `keyboard_press(${pyString(playwrightKey(a.key ?? ''))})`;
    case 'select': return `select_option(${id ?? "''"}, ${pyString(a.label ?? a.value ?? '')})`;
    case 'check': return a.checked === false ? `uncheck(${id ?? "''"})` : `check(${id ?? "''"})`;
    case 'scroll': {
      const to = a.scroll ?? { x: 0, y: 0 };
      const from = previousScroll ?? { x: 0, y: 0 };
      return `scroll(${Math.round(to.x - from.x)}, ${Math.round(to.y - from.y)})`;
    }
    case 'navigate': return a.navigation === 'back_forward' ? 'go_back()' : `goto(${pyString(a.url ?? step.observation.url)})`;
    case 'tab_switch': return 'tab_focus(0)';
    case 'file': return `upload_file(${id ?? "''"}, ${pyString((a.files ?? [])[0] ?? '')})`;
    case 'drag': return a.coordinates && a.to ? `mouse_drag_and_drop(${a.coordinates[0]}, ${a.coordinates[1]}, ${a.to[0]}, ${a.to[1]})` : 'noop()';
  }
}

function coordinateClick(a: Action, fn: string, extra = ''): string {
  return a.coordinates ? `${fn}(${a.coordinates[0]}, ${a.coordinates[1]}${extra})` : 'noop()';
}

/** "Control+a" (the recorder's key names) as Playwright writes them: "Control+a" already is; "Space" is " ". */
function playwrightKey(key: string): string {
  return key === 'Space' ? ' ' : key;
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/** pyautogui's call for a step, coordinates normalised to the screenshot's CSS size. */
export function pyAutoGuiAction(step: Pick<Step, 'action' | 'observation'>, previousScroll?: { x: number; y: number }): string {
  const a = step.action;
  const { width, height } = step.observation.viewport;
  const at = (p: [number, number] | null | undefined): string =>
    p && width > 0 && height > 0 ? `x=${round3(p[0] / width)}, y=${round3(p[1] / height)}` : '';
  const point = at(a.coordinates);
  switch (a.type) {
    case 'click': case 'submit': case 'check': case 'select': case 'file':
      return point ? `pyautogui.click(${point})` : 'pyautogui.click()';
    case 'double_click': return `pyautogui.doubleClick(${point})`;
    case 'right_click': return `pyautogui.rightClick(${point})`;
    case 'type': return `pyautogui.write(${pyString(a.text ?? '')})`;
    case 'key': {
      const keys = (a.key ?? '').split('+').filter(Boolean).map((k) => pyString(pyAutoGuiKey(k)));
      return keys.length > 1 ? `pyautogui.hotkey(${keys.join(', ')})` : `pyautogui.press(${keys[0] ?? "''"})`;
    }
    case 'scroll': {
      // pyautogui scrolls in "clicks", up is positive: one click ~ 100 CSS pixels here.
      const dy = (a.scroll?.y ?? 0) - (previousScroll?.y ?? 0);
      return `pyautogui.scroll(${-Math.round(dy / 100)})`;
    }
    case 'drag': return a.to ? `pyautogui.moveTo(${point}); pyautogui.dragTo(${at(a.to)})` : 'WAIT';
    case 'navigate': return a.navigation === 'back_forward' ? "pyautogui.hotkey('alt', 'left')" : `pyautogui.hotkey('ctrl', 'l'); pyautogui.write(${pyString(a.url ?? '')}); pyautogui.press('enter')`;
    case 'tab_switch': return "pyautogui.hotkey('ctrl', 'tab')";
  }
}

function pyAutoGuiKey(k: string): string {
  const map: Record<string, string> = { Control: 'ctrl', Meta: 'command', Alt: 'alt', Shift: 'shift', Enter: 'enter', Escape: 'esc', Backspace: 'backspace', Tab: 'tab', ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right', Delete: 'delete', Space: 'space', ' ': 'space' };
  return map[k] ?? k.toLowerCase();
}

/** The terminal action a trainer expects after a task's last step. */
export const DONE_ACTIONS = { browsergym: 'send_msg_to_user(\'done\')', pyautogui: 'DONE' } as const;
