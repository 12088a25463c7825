// A key press outside typing (Enter, Escape, a shortcut such as Control+a).
import { z } from 'zod';
import type { ActionKind, ActionOf } from './kind';
import { stringColumn } from './kind';
import { describeTarget } from './words';
import { chordKeys, playwrightChord, playwrightKey, pyAutoGuiKey, pyString } from './python';
import { flowKeys } from './replay-parts';

export const fields = {
  key: z.string().optional().describe('key name for key presses, e.g. Enter, Control+a'),
};
export type KeyAction = ActionOf<'key', typeof fields>;

export const key: ActionKind<KeyAction> = {
  type: 'key', fields,
  scrubbed: { key: { kept: 'a key name; no key typed in a sensitive field is recorded' } },
  columns: { key: [stringColumn('key', 'key name, e.g. Enter, Control+a', (a: KeyAction) => a.key)] },
  causesNavigation: true,
  thought: (a, target) => `Press ${a.key ?? 'a key'}${target ? ` in ${describeTarget(target)}` : ''}.`,
  browserGym: (a, at) => {
    const k = playwrightKey(a.key ?? '');
    if (playwrightChord(k)) return at.bid ? `press(${at.bid}, ${pyString(k)})` : `keyboard_press(${pyString(k)})`;
    // One character Playwright has no key for (é, ß) is typed as text; anything else it cannot press is nothing.
    return [...k].length === 1 ? `keyboard_type(${pyString(k)})` : 'noop()';
  },
  pyAutoGui: (a) => {
    const keys = chordKeys(a.key ?? '');
    const names = keys.map(pyAutoGuiKey);
    if (!keys.length || names.some((n) => n === null)) return `# key ${pyString(a.key ?? '')}: pyautogui has no name for it`;
    const quoted = (names as string[]).map(pyString);
    return quoted.length > 1 ? `pyautogui.hotkey(${quoted.join(', ')})` : `pyautogui.press(${quoted[0]!})`;
  },
  replay: (a) => {
    const k = flowKeys(a.key ?? '');
    if (!k.length) return { skip: 'no key was recorded' };
    return { flow: [...k.map((key) => ({ type: 'keyDown', key })), ...[...k].reverse().map((key) => ({ type: 'keyUp', key }))] };
  },
};
