// BrowserGym and pyautogui renderings of recorded actions: the examples from
// BrowserGym's action space, Python-parsable literals, normalised coordinates.
import { describe, expect, it } from 'vitest';
import {
  BROWSERGYM_SUBSETS, browserGymAction, browserGymSubset, chordKeys, PYAUTOGUI_KEYS, pyAutoGuiAction, pyString,
} from '../../src/core/agent-action-styles';
import type { Action, ActionJson, Step } from '../../src/core/schema';

const obs = { url: 'https://shop.example/search', viewport: { width: 1280, height: 800 } } as Step['observation'];
const step = (a: Partial<ActionJson> & Pick<Action, 'type'>): Pick<Step, 'action' | 'observation'> =>
  ({ action: { coordinates: null, element_id: null, ...a } as Action, observation: obs });

describe('BrowserGym actions', () => {
  it.each([
    [step({ type: 'click', element_id: 12, coordinates: [240, 157] }), "click('12')"],
    [step({ type: 'type', element_id: 13, text: 'usb c cable' }), "fill('13', 'usb c cable')"],
    [step({ type: 'select', element_id: 17, value: 'price-asc', label: 'Price: low to high' }), "select_option('17', 'Price: low to high')"],
    [step({ type: 'key', element_id: 13, key: 'Enter' }), "press('13', 'Enter')"],
    [step({ type: 'navigate', url: 'https://shop.example/cart', navigation: 'link' }), "goto('https://shop.example/cart')"],
    [step({ type: 'check', element_id: 4, checked: false }), "click('4')"],
    [step({ type: 'check', element_id: null, checked: true, coordinates: [30, 40] }), 'mouse_click(30, 40)'],
    [step({ type: 'key', element_id: null, key: 'Escape' }), "keyboard_press('Escape')"],
    [step({ type: 'select', element_id: null, label: 'Red' }), 'noop()'],
    [step({ type: 'file', element_id: null, files: ['cv.pdf'], coordinates: [10.4, 20.6] }), "mouse_upload_file(10, 21, 'cv.pdf')"],
    [step({ type: 'double_click', element_id: 9 }), "dblclick('9')"],
    [step({ type: 'type', element_id: 2, text: "it's \\ done" }), "fill('2', 'it\\'s \\\\ done')"],
  ])('%#: %s', (s, expected) => expect(browserGymAction(s)).toBe(expected));

  it('scrolls by the delta from the previous offset', () => {
    expect(browserGymAction(step({ type: 'scroll', scroll: { x: 0, y: 400 } }))).toBe('scroll(0, 400)');
    expect(browserGymAction(step({ type: 'scroll', scroll: { x: 0, y: 400 } }), { x: 0, y: 600 })).toBe('scroll(0, -200)');
  });
});

describe('pyautogui actions', () => {
  it('clicks in pixels of the screenshot, at the target box centre when there is no point', () => {
    expect(pyAutoGuiAction(step({ type: 'click', element_id: 12, coordinates: [240, 157] }))).toBe('pyautogui.click(x=240, y=157)');
    const select = { ...step({ type: 'select', element_id: 17, value: 'red' }), target: { bbox: { x: 100, y: 200, width: 80, height: 20 } } as Step['target'] };
    expect(pyAutoGuiAction(select)).toBe('pyautogui.click(x=140, y=210)');
  });
  it('splits chords safely and maps keys to pyautogui names, or leaves them out as a comment', () => {
    expect(chordKeys('Control++')).toEqual(['Control', '+']);
    expect(chordKeys('+')).toEqual(['+']);
    expect(pyAutoGuiAction(step({ type: 'key', key: '+' }))).toBe("pyautogui.press('+')");
    expect(pyAutoGuiAction(step({ type: 'key', key: 'Control++' }))).toBe("pyautogui.hotkey('ctrl', '+')");
    expect(pyAutoGuiAction(step({ type: 'key', key: 'ContextMenu' }))).toBe("pyautogui.press('apps')");
    expect(pyAutoGuiAction(step({ type: 'key', key: 'AudioVolumeUp' }))).toBe("pyautogui.press('volumeup')");
    expect(pyAutoGuiAction(step({ type: 'key', key: 'Dead' }))).toBe("# key 'Dead': pyautogui has no name for it");
  });
  it('types what write() can type, and the rest through the clipboard', () => {
    expect(pyAutoGuiAction(step({ type: 'type', text: 'Zürich' }))).toBe("pyperclip.copy('Zürich'); pyautogui.hotkey('ctrl', 'v')");
  });
  it('a small scroll is a click of the wheel, not none; sideways is hscroll', () => {
    expect(pyAutoGuiAction(step({ type: 'scroll', scroll: { x: 0, y: 30 } }))).toBe('pyautogui.scroll(-1)');
    expect(pyAutoGuiAction(step({ type: 'scroll', scroll: { x: 250, y: 0 } }))).toBe('pyautogui.hscroll(3)');
  });
  it('a drag without an end is a comment, not a bare name', () => {
    expect(pyAutoGuiAction(step({ type: 'drag', coordinates: [1, 2] }))).toBe('# drag: no end point was recorded');
  });
  it('types, presses and chords keys', () => {
    expect(pyAutoGuiAction(step({ type: 'type', text: 'usb c cable' }))).toBe("pyautogui.write('usb c cable')");
    expect(pyAutoGuiAction(step({ type: 'key', key: 'Enter' }))).toBe("pyautogui.press('enter')");
    expect(pyAutoGuiAction(step({ type: 'key', key: 'Control+a' }))).toBe("pyautogui.hotkey('ctrl', 'a')");
  });
  it('scrolls in clicks, down is negative', () => {
    expect(pyAutoGuiAction(step({ type: 'scroll', scroll: { x: 0, y: 400 } }))).toBe('pyautogui.scroll(-4)');
  });
});

/** Every action type, with and without an element id, point and box. */
const EVERY = (['click', 'submit', 'double_click', 'right_click', 'type', 'key', 'select', 'check', 'scroll', 'navigate', 'tab_switch', 'file', 'drag'] as const)
  .flatMap((type) => [
    step({ type, element_id: 7, coordinates: [10, 20], text: 'a', key: 'Control+a', label: 'x', files: ['f'], url: 'https://e.example/', scroll: { x: 0, y: 10 }, to: [5, 6] }),
    step({ type, element_id: null, coordinates: null, text: 'é', key: 'Dead', files: [], scroll: { x: 40, y: 0 } }),
  ]);

describe('every action parses in the real grammars', () => {
  // BrowserGym: name(args) with a name in one of its subsets (browsergym-core's ACTION_SUBSETS) and never an empty bid.
  it.each(EVERY.map((s) => [browserGymAction(s)]))('BrowserGym %s', (call) => {
    expect(call).toMatch(/^[a-z_]+\(.*\)$/);
    expect(browserGymSubset(call)).not.toBeNull();
    expect(call).not.toMatch(/\(''/);
  });
  it('subsets name only actions BrowserGym has', () => {
    expect(Object.values(BROWSERGYM_SUBSETS).flat()).not.toContain('check');
  });
  // pyautogui: each call's function exists in pyautogui (or pyperclip), with keys from its KEY_NAMES; or a comment.
  it.each(EVERY.map((s) => [pyAutoGuiAction(s)]))('pyautogui %s', (line) => {
    if (line.startsWith('# ')) return;
    for (const call of line.split('; ')) {
      const m = /^(pyautogui|pyperclip)\.([a-zA-Z]+)\((.*)\)$/.exec(call);
      expect(m, call).not.toBeNull();
      expect(['click', 'doubleClick', 'rightClick', 'write', 'press', 'hotkey', 'scroll', 'hscroll', 'moveTo', 'dragTo', 'copy']).toContain(m![2]);
      if (m![2] === 'press' || m![2] === 'hotkey') {
        for (const k of m![3]!.split(', ')) expect(PYAUTOGUI_KEYS.has(k.slice(1, -1)), k).toBe(true);
      }
    }
  });
});

describe('Python literals', () => {
  it('quote and escape like repr', () => {
    expect(pyString('a\'b"c\n')).toBe("'a\\'b\"c\\n'");
  });
});
