import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { parse } from '@puppeteer/replay';
import { inBatches, writeExport } from '../../src/core/export-writer';
import { validateExport } from '../../src/core/validate-export';
import { taskExamples } from '../../src/core/formatters';
import {
  DIALOGUES, DIALOGUE_FORMAT_IDS, FORMATS, FORMAT_IDS, FORMAT_LIST, datasetInfo, formatsIn, unknownFormat, type DialogueFormat, type DialogueFormatId, type Format, type FormatId,
} from '../../src/core/formats/registry';
import { step, task, TASK_ID } from './fixtures';

/** A real 1x1 RGB PNG: OpenAI's rules read an inline image's header (fake bytes are refused, as they should be). */
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC';

/** Every file a format writes for these task ids. */
function filesOf(f: Format, taskIds: string[]): string[] {
  switch (f.kind) {
    case 'dialogue': return [f.file];
    case 'task-files': return taskIds.flatMap((id) => [`replay/${id}.json`, `replay/${id}.puppeteer.js`]);
    case 'index': return [f.file];
    default: return unknownFormat(f);
  }
}

async function exportWithEveryFormat(): Promise<JSZip> {
  const chunks: Uint8Array[] = [];
  const steps = [step(1), step(2), step(3)].map((s) => ({ step: s, imageId: s.observation.screenshot_path, redactions: {} }));
  await writeExport(
    { tasks: [task({ status: 'confirmed', stepCount: 3 })], steps: () => inBatches(steps, 2), image: async () => Uint8Array.from(Buffer.from(PNG_1PX, 'base64')) },
    { formats: [...DIALOGUE_FORMAT_IDS], replay: true, detail: 'low', actionStyle: 'json', includeDom: true, window: 2, maxImages: 2, extensionVersion: '0.1.0', configHash: 'h', now: new Date(0) },
    (c) => chunks.push(c),
  );
  return JSZip.loadAsync(Buffer.concat(chunks));
}

// Checked by the compiler (npm run typecheck): the tables' types refuse a missing entry and an entry under another id.
// @ts-expect-error replay's and dataset_info's entries are missing
export const missing: Record<FormatId, Format> = { ...DIALOGUES };
// @ts-expect-error the messages entry filed under openai
export const misfiled: { [K in DialogueFormatId]: DialogueFormat<K> } = { ...DIALOGUES, openai: DIALOGUES.messages };

describe('formats registry', () => {
  it('has one entry per format id, each under its own id, in writing order', () => {
    expect(Object.keys(FORMATS)).toEqual([...FORMAT_IDS]);
    for (const id of FORMAT_IDS) expect(FORMATS[id].id).toBe(id);
    expect(Object.keys(DIALOGUES)).toEqual([...DIALOGUE_FORMAT_IDS]);
    expect(FORMAT_LIST.map((f) => f.id)).toEqual([...FORMAT_IDS]);
  });

  it('writes every entry into the zip, and the validator accepts every dialogue file as written', async () => {
    const zip = await exportWithEveryFormat();
    const names = new Set(Object.keys(zip.files));
    for (const f of FORMAT_LIST) for (const file of filesOf(f, [TASK_ID])) expect(names, `${f.id}: ${file}`).toContain(file);
    const lines: Partial<Record<DialogueFormatId, string>> = {};
    for (const f of Object.values(DIALOGUES)) lines[f.id] = await zip.file(f.file)!.async('string');
    const report = validateExport({ files: names, trajectory: await zip.file('trajectory.jsonl')!.async('string'), manifest: await zip.file('manifest.json')!.async('string'), ...lines });
    expect(report.errors).toEqual([]);
    // Three steps in windows of two, and the done turn of a confirmed task: two lines per dialogue file.
    for (const f of Object.values(DIALOGUES)) expect(lines[f.id]!.trim().split('\n'), f.id).toHaveLength(2);
    // The replay flow is one @puppeteer/replay parses; dataset_info.json names the sharegpt file.
    expect(parse(JSON.parse(await zip.file(`replay/${TASK_ID}.json`)!.async('string'))).steps.length).toBeGreaterThan(0);
    expect(JSON.parse(await zip.file('dataset_info.json')!.async('string'))).toEqual(datasetInfo({ sharegpt: 'sharegpt.jsonl' }));
    // Written again (scrub, replay --annotate), a zip asks for the formats it holds.
    expect(formatsIn(names)).toEqual({ formats: [...DIALOGUE_FORMAT_IDS], replay: true });
  });

  it('leaves out what is not chosen: no replay, no dataset_info.json without a format LLaMA-Factory loads', async () => {
    const chunks: Uint8Array[] = [];
    await writeExport(
      { tasks: [task()], steps: () => inBatches([{ step: step(1), imageId: 'a', redactions: {} }]), image: async () => new Uint8Array([1]) },
      { formats: ['messages'], actionStyle: 'json', includeDom: false, extensionVersion: '0.1.0', configHash: 'h', now: new Date(0) },
      (c) => chunks.push(c),
    );
    const names = Object.keys((await JSZip.loadAsync(Buffer.concat(chunks))).files);
    expect(names).toContain('messages.jsonl');
    expect(names.filter((n) => n.startsWith('replay/') || n === 'dataset_info.json' || n === 'sharegpt.jsonl')).toEqual([]);
    expect(formatsIn(new Set(names))).toEqual({ formats: ['messages'], replay: false });
  });
});

describe('each dialogue format checks its own lines', () => {
  const example = taskExamples(task(), [step(1)], { actionStyle: 'json', includeDom: false })[0]!;
  const files = new Set([step(1).observation.screenshot_path!]);
  const good = (id: DialogueFormatId): Record<string, unknown> =>
    JSON.parse(JSON.stringify(DIALOGUES[id].line(example, (p) => (id === 'openai' ? `data:image/png;base64,${PNG_1PX}` : p)))) as Record<string, unknown>;

  it.each(DIALOGUE_FORMAT_IDS.map((id) => [id]))('%s: a line as written passes', (id) => {
    expect(DIALOGUES[id].check(good(id), 'x line 1', { files })).toEqual([]);
  });

  it.each<[DialogueFormatId, (line: Record<string, unknown>) => unknown, RegExp]>([
    ['sharegpt', (l) => ({ ...l, images: [] }), /1 <image> placeholders for 0 images/],
    ['sharegpt', (l) => ({ ...l, conversations: (l.conversations as unknown[]).slice(1) }), /alternate human, gpt/],
    ['sharegpt', () => ({ conversations: 'no' }), /needs "conversations" and "images" lists/],
    ['messages', (l) => ({ ...l, messages: (l.messages as unknown[]).slice(0, 2) }), /end with assistant/],
    ['messages', (l) => ({ ...l, messages: [{ role: 'robot', content: 'x' }, { role: 'user', content: 'y' }] }), /messages\.0\.role/],
    ['messages', (l) => JSON.parse(JSON.stringify(l).replace(/images\/[^"]+\.png/, 'images/gone.png')) as unknown, /image images\/gone\.png is missing/],
    ['openai', (l) => ({ ...l, id: 'x' }), /Unrecognized key/],
    ['openai', (l) => JSON.parse(JSON.stringify(l).replace(/data:image\/png;base64,[\w+/=]+/, 'images/a.png')) as unknown, /neither an http\(s\) URL nor a JPEG, PNG or WEBP base64 data URL/],
    ['openai', (l) => JSON.parse(JSON.stringify(l).replace(/data:image\/png;base64,[\w+/=]+/, 'data:image/png;base64,aGVsbG8h')) as unknown, /the data is not a png image/],
  ])('%s: a broken line is named (%#)', (id, broken, message) => {
    const errors = DIALOGUES[id].check(broken(good(id)), 'x line 1', { files });
    expect(errors.join('\n')).toMatch(message);
    expect(errors.every((e) => e.startsWith('x line 1: '))).toBe(true);
  });
});

describe('dataset_info.json', () => {
  it('maps the system column, so LLaMA-Factory keeps the exporter\'s system prompt', () => {
    expect(datasetInfo({ sharegpt: 'sharegpt.jsonl' })).toEqual({
      alien_dataflow: {
        file_name: 'sharegpt.jsonl', formatting: 'sharegpt', columns: { messages: 'conversations', system: 'system', images: 'images' },
        tags: { role_tag: 'from', content_tag: 'value', user_tag: 'human', assistant_tag: 'gpt' },
      },
    });
  });
});
