import { describe, expect, it } from 'vitest';
import { toShareGpt, toChatMessages, toOpenAi, taskExamples, estimateTokens, CONTEXT_TOKENS } from '../../src/core/formatters';
import { formatAction } from '../../src/core/action-format';
import { defaultThoughtTrace } from '../../src/core/thought-trace';
import { compactDom } from '../../src/core/dom-compact';
import { step, task } from './fixtures';

/** LLaMA-Factory's and OpenAI's loader rules, as the exporter must meet them. */
function checkShareGpt(rec: ReturnType<typeof toShareGpt>): void {
  expect(rec.conversations.length % 2).toBe(0);
  rec.conversations.forEach((c, i) => expect(c.from).toBe(i % 2 === 0 ? 'human' : 'gpt'));
  const placeholders = rec.conversations.map((c) => (c.value.match(/<image>/g) ?? []).length).reduce((a, b) => a + b, 0);
  expect(placeholders).toBe(rec.images.length);
}

const longTask = (n: number) => Array.from({ length: n }, (_v, i) => step(i + 1));

describe('examples', () => {
  it('one example per step by default, each repeating the task and the earlier actions, with the current screenshot only', () => {
    const ex = taskExamples(task(), longTask(3), { actionStyle: 'json', includeDom: false });
    expect(ex).toHaveLength(3);
    const third = toShareGpt(ex[2]!);
    checkShareGpt(third);
    expect(third.images).toEqual([step(3).observation.screenshot_path]);
    expect(third.conversations[0]!.value).toContain('Task: Buy a USB-C cable under $10');
    expect(third.conversations[0]!.value).toMatch(/Previous actions:\n1\. \{"type":"click".*\n2\. /);
  });

  it('a 107-step task fits an 8k context per example with the defaults, unlike one example per task', () => {
    const steps = longTask(107);
    const windowed = taskExamples(task(), steps, { actionStyle: 'json', includeDom: false });
    expect(Math.max(...windowed.map((e) => estimateTokens(e)))).toBeLessThanOrEqual(CONTEXT_TOKENS);
    const whole = taskExamples(task(), steps, { actionStyle: 'json', includeDom: false, window: 0, maxImages: 10 });
    expect(whole).toHaveLength(1);
    expect(toShareGpt(whole[0]!).images).toHaveLength(10);
  });

  it('windows of K steps keep at most N screenshots, the latest', () => {
    const ex = taskExamples(task(), longTask(5), { actionStyle: 'call', includeDom: false, window: 3, maxImages: 2 });
    expect(ex.map((e) => e.turns.length)).toEqual([3, 2]);
    const first = toShareGpt(ex[0]!);
    checkShareGpt(first);
    expect(first.images).toEqual([step(2).observation.screenshot_path, step(3).observation.screenshot_path]);
  });

  it('ends a confirmed task with a done action in every style', () => {
    const confirmed = task({ status: 'confirmed' });
    const last = (style: 'json' | 'call' | 'browsergym' | 'pyautogui') => taskExamples(confirmed, longTask(2), { actionStyle: style, includeDom: false }).at(-1)!.turns.at(-1)!.answer;
    expect(last('browsergym')).toMatch(/Action: send_msg_to_user\('done'\)$/);
    expect(last('pyautogui')).toMatch(/Action: DONE$/);
    expect(last('json')).toMatch(/Action: \{"type":"done"\}$/);
    expect(taskExamples(task(), longTask(2), { actionStyle: 'json', includeDom: false })).toHaveLength(2);
  });

  it('gives the done turn to a confirmed task unless its reviewer labelled it failed or partly done', () => {
    const label = (outcome: 'succeeded' | 'failed' | 'partial') => ({ outcome: { outcome, failureSeq: null, note: '', labelledAt: 1 } });
    const turns = (t: ReturnType<typeof task>) => taskExamples(t, longTask(2), { actionStyle: 'json', includeDom: false, window: 0 })[0]!.turns;
    const endsDone = (t: ReturnType<typeof task>) => turns(t).at(-1)!.answer.startsWith('The task is complete.');
    expect(endsDone(task({ status: 'confirmed' }))).toBe(true); // unlabelled: confirming says the recording shows the task
    expect(endsDone(task({ status: 'confirmed', ...label('succeeded') }))).toBe(true);
    expect(endsDone(task({ status: 'confirmed', ...label('failed') }))).toBe(false);
    expect(endsDone(task({ status: 'confirmed', ...label('partial') }))).toBe(false);
    expect(endsDone(task({ status: 'review', ...label('succeeded') }))).toBe(false); // not confirmed: no claim either way
    expect(turns(task({ status: 'confirmed', ...label('failed') }))).toHaveLength(2);
  });

  it('can include a compact DOM', () => {
    const rec = toShareGpt(taskExamples(task(), [step(1)], { actionStyle: 'call', includeDom: true })[0]!);
    expect(rec.conversations[0]!.value).toContain('<button id="42">Add to cart</button>');
    expect(rec.conversations[1]!.value).toContain('Action: click(element_id=42, x=60, y=35)');
  });
});

describe('chat and OpenAI lines', () => {
  it('chat has a system prompt, then user/assistant pairs with image parts', () => {
    const rec = toChatMessages(taskExamples(task(), [step(1), step(2)], { actionStyle: 'json', includeDom: false, window: 2, maxImages: 2 })[0]!);
    expect(rec.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant']);
    expect((rec.messages[1]!.content as { type: string }[])[0]!.type).toBe('image_url');
  });
  it('chat content is a list of parts in every message, so each column keeps one type', () => {
    const rec = toChatMessages(taskExamples(task(), [step(1), step(2)], { actionStyle: 'json', includeDom: false, window: 2, maxImages: 2 })[0]!);
    for (const m of rec.messages) expect(Array.isArray(m.content), m.role).toBe(true);
    expect(rec.messages[0]!.content).toEqual([{ type: 'text', text: expect.stringContaining('web agent') }]);
  });
  it('OpenAI lines keep system and assistant content as strings', () => {
    const rec = toOpenAi(taskExamples(task(), [step(1)], { actionStyle: 'json', includeDom: false })[0]!, (p) => p);
    expect(rec.messages.map((m) => typeof m.content)).toEqual(['string', 'object', 'string']);
  });
  it('OpenAI lines hold only messages, with the given image URLs and detail', () => {
    const rec = toOpenAi(taskExamples(task(), [step(1)], { actionStyle: 'json', includeDom: false })[0]!, (p) => `data:image/png;base64,${p.length}`, 'low');
    expect(Object.keys(rec)).toEqual(['messages']);
    const part = (rec.messages[1]!.content as { type: string; image_url?: { url: string; detail?: string } }[])[0]!;
    expect(part.image_url).toEqual({ url: expect.stringMatching(/^data:image\/png;base64,/), detail: 'low' });
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

describe('normalised coordinates (issue 27, item 5)', () => {
  // The fixture's viewport is read from the step, so a resized screenshot keeps the same numbers.
  const s1 = step(1);
  const { width, height } = s1.observation.viewport;
  const [x, y] = s1.action.coordinates!;
  const drag = { ...step(2), action: { type: 'drag' as const, coordinates: [width / 4, height / 2] as [number, number], element_id: null, to: [width, height] as [number, number] } };
  const one = (style: 'json' | 'call' | 'pyautogui', coordinates?: 'pixels' | 'normalized') =>
    taskExamples(task({ status: 'review', stepCount: 2 }), [s1, drag], { actionStyle: style, includeDom: false, window: 0, coordinates });

  it('writes points as fractions of the screenshot in the json and call styles, and says so once per example', () => {
    const [e] = one('json', 'normalized');
    const answers = e!.turns.map((t) => JSON.parse(t.answer.split('Action: ')[1]!));
    const round = (v: number) => Math.round(v * 10_000) / 10_000;
    expect(answers[0].coordinates).toEqual([round(x / width), round(y / height)]);
    expect(answers[1]).toMatchObject({ coordinates: [0.25, 0.5], to: [1, 1] });
    expect(e!.turns[0]!.observation).toMatch(/Coordinates: fractions of the screenshot's width and height, from 0 to 1\./);
    expect(one('call', 'normalized')[0]!.turns[1]!.answer).toMatch(/drag\(x=0\.25, y=0\.5, to=\[1, 1\]\)/);
  });

  it('never writes a pixel under the note that says fractions: a point past the edge is at the edge, a step without a usable viewport gives none', () => {
    const outside = { ...drag, action: { ...drag.action, coordinates: [-40, height / 2] as [number, number], to: [width * 1.5, height + 300] as [number, number] } };
    const noViewport = { ...s1, observation: { ...s1.observation, viewport: { width: 0, height: -1 } } };
    const [e] = taskExamples(task({ status: 'review', stepCount: 2 }), [noViewport, outside], { actionStyle: 'json', includeDom: false, window: 0, coordinates: 'normalized' });
    const answers = e!.turns.map((t) => JSON.parse(t.answer.split('Action: ')[1]!));
    expect(answers[0].coordinates ?? null).toBeNull();
    expect(answers[1]).toMatchObject({ coordinates: [0, 0.5], to: [1, 1] });
  });

  it('keeps pixels by default, and for pyautogui, whose calls take pixels', () => {
    expect(JSON.parse(one('json')[0]!.turns[0]!.answer.split('Action: ')[1]!).coordinates).toEqual([x, y]);
    expect(one('json')[0]!.turns[0]!.observation).not.toMatch(/fractions/);
    expect(one('pyautogui', 'normalized')[0]!.turns.map((t) => t.answer).join('\n')).toEqual(one('pyautogui')[0]!.turns.map((t) => t.answer).join('\n'));
    expect(one('pyautogui', 'normalized')[0]!.turns[0]!.observation).not.toMatch(/fractions/);
  });
});
