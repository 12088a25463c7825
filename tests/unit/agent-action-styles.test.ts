// BrowserGym and pyautogui renderings of recorded actions: the examples from
// BrowserGym's action space, Python-parsable literals, normalised coordinates.
import { describe, expect, it } from 'vitest';
import { browserGymAction, pyAutoGuiAction, pyString } from '../../src/core/agent-action-styles';
import type { Action, Step } from '../../src/core/schema';

const obs = { url: 'https://shop.example/search', viewport: { width: 1280, height: 800 } } as Step['observation'];
const step = (a: Partial<Action> & Pick<Action, 'type'>): Pick<Step, 'action' | 'observation'> =>
  ({ action: { coordinates: null, element_id: null, ...a } as Action, observation: obs });

describe('BrowserGym actions', () => {
  it.each([
    [step({ type: 'click', element_id: 12, coordinates: [240, 157] }), "click('12')"],
    [step({ type: 'type', element_id: 13, text: 'usb c cable' }), "fill('13', 'usb c cable')"],
    [step({ type: 'select', element_id: 17, value: 'price-asc', label: 'Price: low to high' }), "select_option('17', 'Price: low to high')"],
    [step({ type: 'key', element_id: 13, key: 'Enter' }), "press('13', 'Enter')"],
    [step({ type: 'navigate', url: 'https://shop.example/cart', navigation: 'link' }), "goto('https://shop.example/cart')"],
    [step({ type: 'check', element_id: 4, checked: false }), "uncheck('4')"],
    [step({ type: 'double_click', element_id: 9 }), "dblclick('9')"],
    [step({ type: 'type', element_id: 2, text: "it's \\ done" }), "fill('2', 'it\\'s \\\\ done')"],
  ])('%#: %s', (s, expected) => expect(browserGymAction(s)).toBe(expected));

  it('scrolls by the delta from the previous offset', () => {
    expect(browserGymAction(step({ type: 'scroll', scroll: { x: 0, y: 400 } }))).toBe('scroll(0, 400)');
    expect(browserGymAction(step({ type: 'scroll', scroll: { x: 0, y: 400 } }), { x: 0, y: 600 })).toBe('scroll(0, -200)');
  });
});

describe('pyautogui actions', () => {
  it('normalises coordinates to the screenshot', () => {
    expect(pyAutoGuiAction(step({ type: 'click', element_id: 12, coordinates: [240, 157] }))).toBe('pyautogui.click(x=0.188, y=0.196)');
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

describe('Python literals', () => {
  it('quote and escape like repr', () => {
    expect(pyString('a\'b"c\n')).toBe("'a\\'b\"c\\n'");
  });
});
