// Export zips for CLI tests, written by the extension's own export writer,
// with whatever manifest values, steps and screenshots a test needs.
import { writeFileSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';
import { PNG } from 'pngjs';
import { writeExport, inBatches, type ExportSettings } from '../../src/core/export-writer';
import type { Step } from '../../src/core/schema';
import type { Task } from '../../src/core/task';

export async function writeTestExport(
  path: string,
  tasks: { task: Task; steps: Step[] }[],
  o: { image?: (path: string) => Uint8Array; settings?: Partial<ExportSettings> } = {},
): Promise<string> {
  const chunks: Uint8Array[] = [];
  await writeExport(
    {
      tasks: tasks.map((t) => t.task),
      steps: (id) => inBatches(tasks.find((t) => t.task.id === id)!.steps.map((s) => ({ step: s, imageId: s.observation.screenshot_path, redactions: {} }))),
      image: async (p) => (o.image ?? (() => smallPng()))(p),
    },
    { formats: ['sharegpt'], actionStyle: 'json', includeDom: false, extensionVersion: '0.1.0', configHash: '0123456789abcdef', now: new Date(0), ...o.settings },
    (chunk) => { chunks.push(chunk); },
  );
  writeFileSync(path, Buffer.concat(chunks));
  return path;
}

export function smallPng(shade = 90): Uint8Array {
  const p = new PNG({ width: 8, height: 6 });
  p.data.fill(shade);
  return PNG.sync.write(p);
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A real PNG of `width` x `height` grey pixels, all black, whose IDAT inflates to the whole image: a
 * decompression bomb when large (10,000 x 10,000 is about 100 KB here and 400 MB as the RGBA a decoder makes).
 */
export function greyPng(width: number, height: number, interlaced = false): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey
  ihdr[12] = interlaced ? 1 : 0;
  // A filter byte per row, then the row: all zero.
  const raw = Buffer.alloc((width + 1) * height);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array(0)),
  ]);
}
