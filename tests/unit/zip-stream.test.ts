import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { ZipStream } from '../../src/core/zip-stream';
import { inBatches, writeExport } from '../../src/core/export-writer';
import { step, task } from './fixtures';

describe('ZipStream', () => {
  it('writes a zip that jszip reads back, with streamed and whole entries', async () => {
    const chunks: Uint8Array[] = [];
    const zip = new ZipStream((c) => chunks.push(c));
    zip.add('a.txt', 'hello');
    zip.add('b.bin', new Uint8Array([1, 2, 3]), false);
    const file = zip.open('c.jsonl', true);
    file.write('{"a":1}\n');
    file.write('{"a":2}\n');
    file.end();
    await zip.end();
    const read = await JSZip.loadAsync(Buffer.concat(chunks));
    expect(await read.file('a.txt')!.async('string')).toBe('hello');
    expect([...(await read.file('b.bin')!.async('uint8array'))]).toEqual([1, 2, 3]);
    expect(await read.file('c.jsonl')!.async('string')).toBe('{"a":1}\n{"a":2}\n');
  });
});

describe('writeExport', () => {
  it('writes every file of the layout, images under their screenshot paths', async () => {
    const chunks: Uint8Array[] = [];
    const steps = [step(1), step(2)].map((s, i) => ({ step: s, imageId: `img${i}`, redactions: { email: 1 } }));
    await writeExport(
      { tasks: [task()], steps: () => inBatches(steps, 1), image: async (id) => new TextEncoder().encode(id) },
      { formats: ['sharegpt', 'messages', 'openai'], detail: 'low', actionStyle: 'json', includeDom: false, extensionVersion: '0.1.0', configHash: 'h', now: new Date(0) },
      (c) => chunks.push(c),
    );
    const zip = await JSZip.loadAsync(Buffer.concat(chunks));
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir).sort();
    expect(names).toEqual([
      ...steps.map((s) => s.step.observation.screenshot_path!),
      'dataset_info.json', 'manifest.json', 'messages.jsonl', 'openai.jsonl', 'schema/step.schema.json', 'scrub_report.json', 'sharegpt.jsonl', 'trajectory.jsonl',
    ].sort());
    // OpenAI lines carry the screenshot itself, as a data URL, and nothing but `messages`.
    const openai = (await zip.file('openai.jsonl')!.async('string')).trim().split('\n').map((l) => JSON.parse(l) as { messages: { content: unknown }[] });
    expect(openai).toHaveLength(2);
    expect(Object.keys(openai[0]!)).toEqual(['messages']);
    const part = (openai[0]!.messages[1]!.content as { image_url: { url: string; detail: string } }[])[0]!.image_url;
    expect(part.detail).toBe('low');
    expect(Buffer.from(part.url.replace(/^data:image\/png;base64,/, ''), 'base64').toString()).toBe(steps[0]!.imageId);
    const info = JSON.parse(await zip.file('dataset_info.json')!.async('string')) as Record<string, { file_name: string; columns: Record<string, string> }>;
    expect(info.alien_dataflow).toMatchObject({ file_name: 'sharegpt.jsonl', columns: { system: 'system' } });
    const report = JSON.parse(await zip.file('scrub_report.json')!.async('string')) as { totals: Record<string, number> };
    expect(report.totals).toEqual({ email: 2 });
    expect((await zip.file('trajectory.jsonl')!.async('string')).trim().split('\n')).toHaveLength(2);
  });
});
