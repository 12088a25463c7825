// Pieces the agent action styles share (moved from agent-action-styles.ts):
// Python literals, BrowserGym's mouse calls, key names for Playwright and
// pyautogui. Strings are Python literals (repr-style quoting).

/** A Python string literal. */
export function pyString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

export const px = (n: number): number => Math.round(n);

/** A BrowserGym `coord` call at a point, or nothing when the action has no point. */
export function mouse(fn: string, p: readonly [number, number] | null, extra = ''): string {
  return p ? `${fn}(${px(p[0])}, ${px(p[1])}${extra})` : 'noop()';
}

/** pyautogui's keyword arguments for a point ("x=240, y=157"), or none. */
export function pyPoint(p: readonly [number, number] | null): string {
  return p ? `x=${px(p[0])}, y=${px(p[1])}` : '';
}

/**
 * A pyautogui mouse call at a point. Without one (no coordinates, no target box) pyautogui would act wherever
 * the pointer happens to be, so the action is a note instead.
 */
export function pyAt(fn: 'click' | 'doubleClick' | 'rightClick', p: readonly [number, number] | null, what: string): string {
  return p ? `pyautogui.${fn}(${pyPoint(p)})` : `# ${what}: no point was recorded`;
}

/** What pyautogui.write() types: characters that are key names of their own (KEY_NAMES and shifted capitals). */
const WRITABLE = /^[\t\n\r\x20-\x7e]*$/;

/** pyautogui typing `text`: write() skips characters it has no key for (é, ü, 你), those go through the clipboard. */
export function pyWrite(text: string): string {
  return WRITABLE.test(text) ? `pyautogui.write(${pyString(text)})` : `pyperclip.copy(${pyString(text)}); pyautogui.hotkey('ctrl', 'v')`;
}

/** "Control+a" (the recorder's key names) as Playwright writes them: "Control+a" already is; "Space" is " ". */
export function playwrightKey(key: string): string {
  return key === 'Space' ? ' ' : key;
}

const range = (prefix: string, from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

/**
 * The key names Playwright 1.44 (the version browsergym-core 0.14.3 pins) resolves in keyboard.press(): its US
 * layout's codes and aliases, printable ASCII and Enter's "\n" "\r". Any other raises "Unknown key" in
 * BrowserGym's press() and keyboard_press() (F13, AudioVolumeUp, Dead, é).
 */
export const PLAYWRIGHT_KEYS: ReadonlySet<string> = new Set([
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)), '\n', '\r',
  ...range('F', 1, 12), ...range('Digit', 0, 9), ...range('Numpad', 0, 9), ...[...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c) => `Key${c}`),
  'NumpadAdd', 'NumpadDecimal', 'NumpadDivide', 'NumpadEnter', 'NumpadMultiply', 'NumpadSubtract',
  'Alt', 'AltGraph', 'AltLeft', 'AltRight', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'Backquote', 'Backslash',
  'Backspace', 'BracketLeft', 'BracketRight', 'CapsLock', 'Comma', 'ContextMenu', 'Control', 'ControlLeft', 'ControlOrMeta',
  'ControlRight', 'Delete', 'End', 'Enter', 'Equal', 'Escape', 'Home', 'Insert', 'Meta', 'MetaLeft', 'MetaRight', 'Minus',
  'NumLock', 'PageDown', 'PageUp', 'Pause', 'Period', 'PrintScreen', 'Quote', 'ScrollLock', 'Semicolon', 'Shift',
  'ShiftLeft', 'ShiftRight', 'Slash', 'Space', 'Tab',
]);

/** Whether Playwright resolves every key of a chord, split as its keyboard.press() splits it (chordKeys does the same). */
export function playwrightChord(chord: string): boolean {
  return chord !== '' && chordKeys(chord).every((k) => PLAYWRIGHT_KEYS.has(k));
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

/**
 * KeyboardEvent.key names whose pyautogui name is not just the name in lower case. Meta is `win`: the style's
 * shortcuts are Windows' and Linux's (ctrl+v), where pyautogui maps `win` and not `command` (macOS only).
 */
const PYAUTOGUI_NAME: Record<string, string> = {
  Control: 'ctrl', Meta: 'win', Alt: 'alt', AltGraph: 'altright', Shift: 'shift', Escape: 'esc', ArrowUp: 'up', ArrowDown: 'down',
  ArrowLeft: 'left', ArrowRight: 'right', Space: 'space', ' ': 'space', ContextMenu: 'apps', AudioVolumeUp: 'volumeup',
  AudioVolumeDown: 'volumedown', AudioVolumeMute: 'volumemute', MediaPlayPause: 'playpause', MediaTrackNext: 'nexttrack',
  MediaTrackPrevious: 'prevtrack', MediaStop: 'stop', BrowserBack: 'browserback', BrowserForward: 'browserforward',
};

/** pyautogui's name for a key, or null when it has none (a dead key, a key only some layouts have). */
export function pyAutoGuiKey(k: string): string | null {
  const name = PYAUTOGUI_NAME[k] ?? k.toLowerCase();
  return PYAUTOGUI_KEYS.has(name) ? name : null;
}

/** BrowserGym's click on the element, else at the point (a check or a submit is a click too). */
export function browserGymClick(at: { bid: string | null; point: [number, number] | null }): string {
  return at.bid ? `click(${at.bid})` : mouse('mouse_click', at.point);
}
