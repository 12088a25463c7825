// Every action our BrowserGym and pyautogui styles write, checked against
// their real grammars: tables taken from browsergym-core 0.14.3's and
// pyautogui 0.9.54's sources (tests/fixtures/action-grammars), since neither
// installs here. The steps are the e2e recorder's every-action recording
// (tests/e2e/recorder.test.ts, as its export holds them) and every action type
// of the registry with the edge cases a person's input brings.
import { describe, expect, it } from 'vitest';
import {
  BROWSERGYM_SUBSETS, browserGymAction, browserGymSubset, DONE_ACTIONS, PYAUTOGUI_KEYS, pyAutoGuiAction,
} from '../../src/core/agent-action-styles';
import { ACTIONS } from '../../src/core/actions/registry';
import type { Action, ActionJson, ActionType, Step } from '../../src/core/schema';
import { PLAYWRIGHT_KEYS } from '../../src/core/actions/python';
import { BROWSERGYM, browserGymActions, browserGymProblems, hasType, PLAYWRIGHT, PYAUTOGUI, pyAutoGuiProblems } from './action-grammars/grammars';
import { parsePython } from './action-grammars/python-call';

type Styled = Pick<Step, 'action' | 'observation'> & Partial<Pick<Step, 'target'>>;
const obs = (url = 'http://127.0.0.1:8080/recorder/actions.html'): Step['observation'] =>
  ({ url, viewport: { width: 1280, height: 800 } }) as Step['observation'];
const box = (x: number, y: number, width: number, height: number): Step['target'] => ({ bbox: { x, y, width, height } }) as Step['target'];
const step = (a: Partial<ActionJson> & { type: ActionType }, target: Step['target'] | null = null, url?: string): Styled =>
  ({ action: { coordinates: null, element_id: null, ...a } as Action, observation: obs(url), ...(target ? { target } : {}) });

/** The e2e recorder's every-action recording on tests/fixtures/recorder/actions.html, as exported. */
const RECORDING: Styled[] = [
  step({ type: 'click', element_id: 9, coordinates: [140, 28] }, box(80, 16, 160, 24)),
  step({ type: 'type', element_id: 9, text: 'usb cable' }, box(80, 16, 160, 24)),
  step({ type: 'key', element_id: 9, key: 'Enter' }, box(80, 16, 160, 24)),
  step({ type: 'select', element_id: 14, value: 'exp', label: 'Express' }, box(90, 60, 100, 22)),
  step({ type: 'check', element_id: 17, checked: true, coordinates: [210, 71] }, box(204, 65, 13, 13)),
  step({ type: 'click', element_id: 21, coordinates: [60, 112] }, box(20, 100, 90, 24)),
  step({ type: 'click', element_id: 30, coordinates: [66, 166] }, box(20, 150, 120, 30)),
  // A cross-origin frame's button: no id in the top page's dom_tree.
  step({ type: 'click', element_id: null, coordinates: [366, 166] }, box(320, 150, 120, 30)),
  step({ type: 'click', element_id: 41, coordinates: [40, 240] }, box(20, 230, 50, 20)),
  step({ type: 'navigate', url: 'http://127.0.0.1:8080/recorder/actions.html', navigation: 'back_forward' }),
  step({ type: 'right_click', element_id: 46, coordinates: [70, 282] }, box(20, 270, 110, 26)),
  step({ type: 'double_click', element_id: 47, coordinates: [180, 282] }, box(140, 270, 90, 26)),
  step({ type: 'scroll', scroll: { x: 0, y: 500 } }),
  step({ type: 'navigate', url: 'http://127.0.0.1:8080/demo/index.html', navigation: 'typed' }),
  step({ type: 'navigate', url: 'http://127.0.0.1:8080/demo/index.html', navigation: 'reload' }, null, 'http://127.0.0.1:8080/demo/index.html'),
];

/** Keys a person's input reports (KeyboardEvent.key, chords as the recorder joins them). */
const KEYS = [
  'Enter', 'Escape', 'Tab', 'Shift+Tab', 'Backspace', 'Delete', 'ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'PageDown',
  'Home', 'End', 'F5', 'F13', 'Control+a', 'Control+Shift+Z', 'Meta+c', 'Alt+ArrowLeft', '+', 'Control++', 'Control+-', 'Shift++',
  ' ', 'Space', 'Dead', 'AltGraph+e', 'ContextMenu', 'AudioVolumeUp', 'MediaPlayPause', 'Unidentified', 'Process', 'ß', 'é',
  'Control+é', 'CapsLock', 'PrintScreen', 'Insert', "'", '\\',
];
const TEXTS = ['usb cable', 'Zürich', '你好', "it's \\ done", 'line one\nline two', 'tab\there', '', 'emoji 👍', 'CAPS and 123 !@#'];
const SCROLLS = [{ x: 0, y: 500 }, { x: 0, y: 1 }, { x: 0, y: -30 }, { x: 250, y: 0 }, { x: -3, y: 0 }, { x: 40, y: 900 }, { x: 0, y: 0 }];
const FILES = [['cv.pdf'], ['a.png', 'b.png'], [], ["o'brien résumé.pdf"]];

/** Each action type with an element id and a point, with a box only, and with neither. */
function everyType(type: ActionType): Styled[] {
  const with_ = (a: Partial<ActionJson>, target: Step['target'] | null = null): Styled => step({ type, ...a }, target);
  return [
    with_({ element_id: 7, coordinates: [10.4, 20.6] }, box(0, 10, 30, 20)),
    with_({ element_id: 7 }, box(100, 200, 80, 20)),
    with_({ element_id: null }, box(100, 200, 80, 20)),
    with_({ element_id: null }),
    with_({ element_id: 0, coordinates: [0, 0] }),
  ];
}

const EDGE_CASES: Styled[] = [
  ...(Object.keys(ACTIONS) as ActionType[]).flatMap(everyType),
  ...KEYS.flatMap((key) => [step({ type: 'key', element_id: 3, key }), step({ type: 'key', element_id: null, key })]),
  ...TEXTS.flatMap((text) => [step({ type: 'type', element_id: 3, text }), step({ type: 'type', element_id: null, text })]),
  ...SCROLLS.map((scroll) => step({ type: 'scroll', scroll })),
  ...FILES.flatMap((files) => [step({ type: 'file', element_id: 5, files }), step({ type: 'file', element_id: null, files, coordinates: [50, 60] })]),
  step({ type: 'select', element_id: 4, value: 'v', label: '' }),
  step({ type: 'select', element_id: 4, value: 'only-a-value' }),
  step({ type: 'select', element_id: 4 }),
  step({ type: 'check', element_id: 4, checked: false }),
  step({ type: 'drag', coordinates: [10, 20], to: [300, 400] }, box(0, 0, 40, 40)),
  step({ type: 'drag', coordinates: [10, 20] }, box(0, 0, 40, 40)),
  step({ type: 'drag', element_id: 8, coordinates: [10, 20], to: [300, 400] }),
  step({ type: 'navigate', url: 'https://shop.example/cart?q=\'x\'', navigation: 'link' }),
  step({ type: 'navigate', navigation: 'other' }),
  step({ type: 'navigate', url: 'https://exämple.org/ü', navigation: 'typed' }),
  step({ type: 'tab_switch', url: 'https://shop.example/', navigation: 'new_tab' }),
  step({ type: 'tab_switch', url: 'https://shop.example/' }),
];

const ALL = [...RECORDING, ...EDGE_CASES];
const label = (s: Styled): string => JSON.stringify(s.action);

/** The subsets a dataset in our BrowserGym style needs, all at once (README, docs/datasets.md). */
const NAMED_SUBSETS = ['chat', 'bid', 'coord', 'nav', 'tab'] as const;

describe(`BrowserGym ${BROWSERGYM.source.version} (${BROWSERGYM.source.commit.slice(0, 7)})`, () => {
  it('every action parses and binds in the subset it names, and in the named set', () => {
    const failed: string[] = [];
    for (const s of ALL) {
      const call = browserGymAction(s);
      const own = browserGymSubset(call);
      const problems = [
        ...(own === null ? ['names no subset'] : browserGymProblems(call, own === 'any' ? ['chat'] : [own])),
        ...browserGymProblems(call, NAMED_SUBSETS),
      ];
      if (problems.length) failed.push(`${call} from ${label(s)}: ${[...new Set(problems)].join('; ')}`);
    }
    expect(failed).toEqual([]);
    expect(ALL.length).toBeGreaterThan(150);
  });

  it("our Playwright key list is the one BrowserGym's pinned Playwright resolves", () => {
    expect([...PLAYWRIGHT_KEYS].sort()).toEqual([...PLAYWRIGHT.keys].sort());
  });

  it('the task end parses in the chat subset', () => {
    expect(browserGymProblems(DONE_ACTIONS.browsergym, ['chat'])).toEqual([]);
  });

  it("our subset table lists each function in BrowserGym's own subset", () => {
    for (const [subset, names] of Object.entries(BROWSERGYM_SUBSETS)) {
      for (const name of names) expect(BROWSERGYM.subsets[subset], `${name} in ${subset}`).toContain(name);
    }
  });

  it('the checker refuses what BrowserGym refuses', () => {
    expect(browserGymProblems("check('22')", NAMED_SUBSETS)).toEqual(['check is not in the subsets chat, bid, coord, nav, tab']);
    expect(browserGymProblems("keyboard_press('Enter')", ['bid'])).toEqual(['keyboard_press is not in the subsets bid']);
    expect(browserGymProblems("select_option('', 'Red')", ['bid'])).toEqual(['select_option has an empty bid']);
    expect(browserGymProblems("click('1', 'left', [], 3)", ['bid'])).toEqual(['click takes 3 positional arguments, 4 given']);
    expect(browserGymProblems("fill('1')", ['bid'])).toEqual(['fill is missing value']);
    expect(browserGymProblems('click(12)', ['bid'])).toEqual(['click(bid=…) is not str']);
    expect(browserGymProblems("click('1', button='top')", ['bid'])).toEqual(["click(button=…) is not Literal['left', 'middle', 'right']"]);
    expect(browserGymProblems("tab_focus('0')", ['tab'])).toEqual(['tab_focus(index=…) is not int']);
    expect(browserGymProblems('# nothing', ['bid'])).toEqual(['no call: BrowserGym raises "Received an empty action"']);
    expect(browserGymProblems("upload_file('3', ['a.pdf', 'b.pdf'])", ['bid'])).toEqual([]);
    expect(browserGymProblems('scroll(0, -200.5)', ['bid'])).toEqual([]);
    expect(browserGymActions(['coord']).has('scroll')).toBe(false);
    expect(browserGymProblems("keyboard_press('Dead')", ['coord'])).toEqual(['keyboard_press: Playwright 1.44.0 raises Unknown key: "Dead"']);
    expect(browserGymProblems("press('3', 'Control+é')", ['bid'])).toEqual(['press: Playwright 1.44.0 raises Unknown key: "é"']);
    expect(browserGymProblems("keyboard_press('')", ['coord'])).toEqual(['keyboard_press: Playwright 1.44.0 raises Unknown key: ""']);
    expect(browserGymProblems("press('3', 'Control++')", ['bid'])).toEqual([]);
    expect(browserGymProblems("keyboard_press('ControlOrMeta+Shift+T')", ['coord'])).toEqual([]);
  });

  it('reads the annotations of the table', () => {
    const [v] = parsePython("f(['Shift', 'Meta'])").flatMap((s) => ('call' in s ? s.call.args : []));
    expect(hasType(v!, "list[Literal['Alt', 'Control', 'ControlOrMeta', 'Meta', 'Shift']]")).toBe(true);
    expect(hasType(v!, 'str | list[str]')).toBe(true);
    expect(hasType(v!, 'str')).toBe(false);
  });
});

describe(`pyautogui ${PYAUTOGUI.source.version} (${PYAUTOGUI.source.commit.slice(0, 7)})`, () => {
  it('every action binds to its signatures with keys from KEY_NAMES, or is a note', () => {
    const failed: string[] = [];
    const notes: string[] = [];
    for (const s of ALL) {
      const code = pyAutoGuiAction(s);
      const { problems, notes: n } = pyAutoGuiProblems(code);
      notes.push(...n);
      if (problems.length) failed.push(`${code} from ${label(s)}: ${problems.join('; ')}`);
    }
    expect(failed).toEqual([]);
    // A note is only for what pyautogui cannot do (a dead key, no point, a drag without its end), not a way around the check.
    for (const n of notes) expect(n).toMatch(/^(key '.*': pyautogui has no name for it|[a-z ]+: no point was recorded|drag: no end point was recorded|scroll: the offset did not change)$/);
    expect(RECORDING.flatMap((s) => pyAutoGuiProblems(pyAutoGuiAction(s)).notes)).toEqual([]);
  });

  it("our key list is pyautogui's KEY_NAMES", () => {
    expect([...PYAUTOGUI_KEYS].sort()).toEqual([...PYAUTOGUI.KEY_NAMES].sort());
  });

  it('the task end is the documented pseudo-action', () => {
    expect(pyAutoGuiProblems(DONE_ACTIONS.pyautogui)).toEqual({ problems: [], notes: ['DONE'] });
  });

  it('the checker refuses what pyautogui would not do', () => {
    expect(pyAutoGuiProblems('pyautogui.click()').problems).toEqual(['pyautogui.click has no point: it would act wherever the pointer is']);
    expect(pyAutoGuiProblems("pyautogui.press('')").problems).toEqual(['pyautogui.press: "" is not in KEY_NAMES (or not mapped on Windows or Linux)']);
    expect(pyAutoGuiProblems("pyautogui.press('contextmenu')").problems).toEqual(['pyautogui.press: "contextmenu" is not in KEY_NAMES (or not mapped on Windows or Linux)']);
    expect(pyAutoGuiProblems("pyautogui.hotkey('ctrl', 'dead')").problems).toEqual(['pyautogui.hotkey: "dead" is not in KEY_NAMES (or not mapped on Windows or Linux)']);
    expect(pyAutoGuiProblems("pyautogui.write('Zürich')").problems).toEqual(['pyautogui.write would skip characters of "Zürich"']);
    expect(pyAutoGuiProblems('pyautogui.scroll(0)').problems).toEqual(['pyautogui.scroll(0) does nothing']);
    expect(pyAutoGuiProblems('WAIT').problems).toEqual(['not Python calls: expected ( at 4 in WAIT']);
    expect(pyAutoGuiProblems('pyautogui.click(x=1.5, y=2, clicks=2, z=3)').problems).toEqual(['pyautogui.click has no parameter z']);
    expect(pyAutoGuiProblems('pyautogui.scroll(clicks=3.0)').problems).toEqual(['pyautogui.scroll(clicks=…) has the wrong type']);
    expect(pyAutoGuiProblems("pyautogui.press('Enter'); pyautogui.hotkey('shift', 'tab', interval=0.1)").problems).toEqual([]);
    expect(pyAutoGuiProblems("pyautogui.hotkey('command', 'c')").problems).toEqual(['pyautogui.hotkey: "command" is not in KEY_NAMES (or not mapped on Windows or Linux)']);
    expect(pyAutoGuiProblems('pyautogui.typo(1)').problems).toEqual(['pyautogui.typo is not a pyautogui (or pyperclip) function']);
  });
});

describe('the Python parser', () => {
  it('reads literals as Python does', () => {
    expect(parsePython("f('a\\'b', \"c\", -1.5, 2, True, None, [1, 'x'], (3,), k='\\u00e9\\n')")).toEqual([{
      call: {
        name: 'f',
        args: [
          { value: "a'b", kind: 'str' }, { value: 'c', kind: 'str' }, { value: -1.5, kind: 'float' }, { value: 2, kind: 'int' },
          { value: true, kind: 'bool' }, { value: null, kind: 'None' },
          { value: [1, 'x'], kind: 'list', items: [{ value: 1, kind: 'int' }, { value: 'x', kind: 'str' }] },
          { value: [3], kind: 'tuple', items: [{ value: 3, kind: 'int' }] },
        ],
        kwargs: { k: { value: 'é\n', kind: 'str' } },
      },
    }]);
  });
  it('refuses what is not a literal call', () => {
    expect(() => parsePython('f(x)')).toThrow(SyntaxError);
    expect(() => parsePython("f('a)")).toThrow(SyntaxError);
    expect(() => parsePython('f(k=1, 2)')).toThrow(SyntaxError);
    expect(() => parsePython('f() g()')).toThrow(SyntaxError);
  });
});
