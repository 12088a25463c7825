import { describe, expect, it } from 'vitest';
import { toShareGpt, toChatMessages } from '../../src/core/formatters';
import { formatAction } from '../../src/core/action-format';
import { defaultThoughtTrace } from '../../src/core/thought-trace';
import { compactDom } from '../../src/core/dom-compact';
import { step, task } from './fixtures';

describe('ShareGPT', () => {
  it('alternates human/gpt turns with one <image> per image, in order', () => {
    const noShot = step(2, { observation: { ...step(2).observation, screenshot_path: null } });
    const rec = toShareGpt(task(), [step(1), noShot, step(3)], { actionStyle: 'json', includeDom: false });
    expect(rec.conversations.map((c) => c.from)).toEqual(['human', 'gpt', 'human', 'gpt', 'human', 'gpt']);
    const placeholders = rec.conversations.map((c) => (c.value.match(/<image>/g) ?? []).length).reduce((a, b) => a + b, 0);
    expect(placeholders).toBe(rec.images.length);
    expect(rec.images).toEqual([step(1).observation.screenshot_path, step(3).observation.screenshot_path]);
    expect(rec.conversations[0]!.value).toContain('Task: Buy a USB-C cable under $10');
    expect(rec.conversations[1]!.value).toContain('Action: {"type":"click","element_id":42,"coordinates":[60,35]}');
  });

  it('can include a compact DOM', () => {
    const rec = toShareGpt(task(), [step(1)], { actionStyle: 'call', includeDom: true });
    expect(rec.conversations[0]!.value).toContain('<button id="42">Add to cart</button>');
    expect(rec.conversations[1]!.value).toContain('Action: click(element_id=42, x=60, y=35)');
  });
});

describe('chat messages', () => {
  it('has a system prompt, then user/assistant pairs with image parts', () => {
    const rec = toChatMessages(task(), [step(1), step(2)], { actionStyle: 'json', includeDom: false });
    expect(rec.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant']);
    const user = rec.messages[1]!.content as { type: string }[];
    expect(user[0]!.type).toBe('image_url');
  });
});

describe('action serialisation', () => {
  it.each([
    [{ type: 'click', coordinates: [1, 2], element_id: 5 }, 'click(element_id=5, x=1, y=2)'],
    [{ type: 'type', coordinates: null, element_id: 7, text: "usb \"c\" it's" }, "type(element_id=7, text='usb \"c\" it\\'s')"],
    [{ type: 'key', coordinates: null, element_id: null, key: 'Enter' }, "key(key='Enter')"],
    [{ type: 'check', coordinates: null, element_id: 3, checked: false }, 'check(element_id=3, checked=False)'],
    [{ type: 'scroll', coordinates: null, element_id: null, scroll: { x: 0, y: 400 } }, 'scroll(scroll_x=0, scroll_y=400)'],
  ] as const)('%j -> %s', (action, expected) => {
    expect(formatAction(action as never, 'call')).toBe(expected);
  });
});

describe('default thought trace', () => {
  const target = step(1).target!;
  it.each([
    [{ type: 'click', coordinates: [0, 0], element_id: 42 }, target, "Click the 'Add to cart' button."],
    [{ type: 'type', coordinates: null, element_id: 3, text: 'usb cable' }, { ...target, tag: 'input', role: 'searchbox', name: 'Search' }, "Type 'usb cable' into the 'Search' search box."],
    [{ type: 'key', coordinates: null, element_id: null, key: 'Enter' }, null, 'Press Enter.'],
    [{ type: 'check', coordinates: null, element_id: 3, checked: false }, { ...target, role: 'checkbox', name: 'Gift wrap' }, "Uncheck the 'Gift wrap' checkbox."],
    [{ type: 'select', coordinates: null, element_id: 3, label: 'Express', value: 'exp' }, { ...target, role: 'combobox', name: 'Shipping' }, "Choose 'Express' in the 'Shipping' dropdown."],
  ] as const)('%j', (action, tgt, expected) => {
    expect(defaultThoughtTrace(action as never, tgt as never)).toBe(expected);
  });
});

describe('compactDom', () => {
  it('keeps ids and useful attributes, drops the rest', () => {
    expect(compactDom('<div id="1" dom-id="x" bbox="1,2,3,4"><a id="2" href="/a" lang="en">A</a></div>')).toBe('<div id="1"><a id="2" href="/a">A</a></div>');
  });
});
