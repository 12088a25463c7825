// `format --openai` output against OpenAI's documented fine-tuning rules
// (src/core/formats/openai-rules.ts, with the pages cited there), and its shape
// against the `openai` package's own types at compile time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { main } from '../../src/cli/main';
import type { Step } from '../../src/core/schema';
import { step, task } from './fixtures';
import { greyPng, smallPng, writeTestExport } from './cli-exports';
import { OPENAI_RULES, openAiFileProblems, openAiLineProblems } from '../../src/core/formats/openai-rules';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'adf-openai-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 12-step task of every kind of action (OpenAI wants 10 examples at least), with RGBA screenshots. */
const STEPS: Step[] = [
  step(1),
  step(2, { action: { type: 'type', coordinates: null, element_id: 42, text: 'Zürich "quoted" \\ it\'s' } }),
  step(3, { action: { type: 'key', coordinates: null, element_id: 42, key: 'Control++' } }),
  step(4, { action: { type: 'select', coordinates: null, element_id: 42, value: 'exp', label: 'Express' } }),
  step(5, { action: { type: 'check', coordinates: [20, 30], element_id: 42, checked: true } }),
  step(6, { action: { type: 'scroll', coordinates: null, element_id: null, scroll: { x: 0, y: 400 } } }),
  step(7, { action: { type: 'navigate', coordinates: null, element_id: null, url: 'https://shop.example/cart', navigation: 'typed' } }),
  step(8, { action: { type: 'tab_switch', coordinates: null, element_id: null, url: 'https://shop.example/', navigation: 'new_tab' } }),
  step(9, { action: { type: 'file', coordinates: [5, 6], element_id: null, files: ['cv.pdf'] } }),
  step(10, { action: { type: 'drag', coordinates: [5, 6], element_id: null, to: [300, 200] } }),
  step(11, { action: { type: 'double_click', coordinates: [60, 35], element_id: 42 } }),
  step(12, { action: { type: 'right_click', coordinates: [60, 35], element_id: 42 } }),
];

async function formatOpenAi(name: string, flags: string[], image = (): Uint8Array => smallPng()): Promise<unknown[]> {
  const zip = await writeTestExport(join(dir, `${name}.zip`), [{ task: task({ status: 'confirmed', stepCount: STEPS.length }), steps: STEPS }], { image });
  const out = join(dir, name);
  expect(await main(['format', zip, '--openai', '--out', out, ...flags])).toBe(0);
  return readFileSync(join(out, 'openai.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown);
}

describe('format --openai follows OpenAI\'s documented rules', () => {
  it.each([
    ['defaults', []],
    ['browsergym, low detail', ['--action-style', 'browsergym', '--detail', 'low']],
    ['pyautogui, dom', ['--action-style', 'pyautogui', '--include-dom']],
    ['one example per task, 10 screenshots', ['--window', '0', '--max-images', '10']],
    ['images by URL', ['--image-url-prefix', 'https://cdn.example/ds/']],
  ])('%s', async (name, flags) => {
    const lines = await formatOpenAi(name.replace(/\W+/g, '-'), flags);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.flatMap((l, i) => openAiLineProblems(l, `line ${i + 1}`))).toEqual([]);
    if (!flags.includes('--window')) expect(openAiFileProblems(lines)).toEqual([]);
  });

  it('a line has the shape of the openai package\'s ChatCompletionMessageParam', async () => {
    // Checked by the compiler against openai's own types: the shape our lines have.
    const sample = {
      messages: [
        { role: 'system', content: 'You are a web agent.' },
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } }, { type: 'text', text: 'Task: …' }] },
        { role: 'assistant', content: 'Thought: …\nAction: click(element_id=42)' },
      ],
    } satisfies { messages: ChatCompletionMessageParam[] };
    const skeleton = (v: unknown): unknown => (Array.isArray(v) ? v.map(skeleton)
      : typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'role' || k === 'type' || k === 'detail' ? x : skeleton(x)]))
        : typeof v);
    const [line] = await formatOpenAi('shape', ['--detail', 'low']);
    expect(skeleton(line)).toEqual(skeleton(sample));
  });
});

describe('the rules refuse what OpenAI refuses', () => {
  const png = `data:image/png;base64,${Buffer.from(smallPng()).toString('base64')}`;
  const user = (url = png): unknown => ({ role: 'user', content: [{ type: 'text', text: 'Task' }, { type: 'image_url', image_url: { url } }] });
  const good = { messages: [{ role: 'system', content: 'S' }, user(), { role: 'assistant', content: 'A', weight: 1 }] };

  it('takes a documented line', () => expect(openAiLineProblems(good)).toEqual([]));
  it.each([
    ['an extra key', { ...good, id: 'x' }, 'line: unknown key id'],
    ['a GIF', { messages: [user('data:image/gif;base64,R0lGODlh'), { role: 'assistant', content: 'A' }] }, 'line message 0 part 1: data:image/gif;base64,R0lGODlh… is neither an http(s) URL nor a JPEG, PNG or WEBP base64 data URL'],
    ['a relative path', { messages: [user('images/a.png'), { role: 'assistant', content: 'A' }] }, 'line message 0 part 1: images/a.png… is neither an http(s) URL nor a JPEG, PNG or WEBP base64 data URL'],
    ['a grey PNG', { messages: [user(`data:image/png;base64,${Buffer.from(greyPng(4, 4)).toString('base64')}`), { role: 'assistant', content: 'A' }] }, 'line message 0 part 1: PNG colour type 0 is not RGB or RGBA'],
    ['a JPEG that is a PNG', { messages: [user(png.replace('png', 'jpeg')), { role: 'assistant', content: 'A' }] }, 'line message 0 part 1: the data is not a jpeg image'],
    ['an image from the assistant', { messages: [user(), { role: 'assistant', content: [{ type: 'image_url', image_url: { url: png } }] }] }, 'line message 1 part 0: images are not allowed in assistant messages'],
    ['weight 2', { messages: [user(), { role: 'assistant', content: 'A', weight: 2 }] }, 'line message 1: weight is neither 0 nor 1'],
    ['weight on a user', { messages: [{ role: 'user', content: 'U', weight: 1 }, { role: 'assistant', content: 'A' }] }, 'line message 0: user messages have no key weight'],
    ['no assistant', { messages: [user()] }, 'line: no assistant message to learn from'],
    ['a detail OpenAI has not', { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: png, detail: 'medium' } }] }, { role: 'assistant', content: 'A' }] }, 'line message 0 part 0: detail medium is not low, high or auto'],
    ['11 images', { messages: [{ role: 'user', content: Array.from({ length: 11 }, () => ({ type: 'image_url', image_url: { url: png } })) }, { role: 'assistant', content: 'A' }] }, 'line: 11 images, over 10 per example'],
  ])('%s', (_name, line, problem) => expect(openAiLineProblems(line)).toContain(problem));

  it('an image over 10 MB', () => {
    const big = Buffer.alloc(OPENAI_RULES.maxImageBytes + 1);
    Buffer.from(smallPng()).copy(big);
    expect(openAiLineProblems({ messages: [user(`data:image/png;base64,${big.toString('base64')}`), { role: 'assistant', content: 'A' }] }))
      .toContain(`line message 0 part 1: the image is ${big.length} bytes, over 10 MB`);
  });

  it('fewer than 10 examples in a file', () => expect(openAiFileProblems([good])).toEqual(['1 examples, OpenAI needs at least 10']));
});
