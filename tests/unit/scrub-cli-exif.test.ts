// End to end: `alien-dataflow scrub in.zip out.zip --config upscale-1.yaml` (ocr.upscale: 1, which
// config/scrubber.yaml offers as "about 3x faster") on an export whose screenshot has ten near-black pixels in its
// top-left corner (greys 1 18 0 3 0 0 0 1 0 3). tesseract.js took them, in the PGM's first 500 bytes, for an EXIF
// orientation and read the image upside down: the bot token in the written zip was not blurred
// (ocr-input-exif.test.ts). The same export without those pixels is the control.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { inBatches } from '../../src/core/export-writer';
import { runCli, writeExportFile } from './cli-run';
import { step, task } from './fixtures';
import { WORLD_SCREEN } from './shipped-detector';

vi.mock('../../src/cli/load-scrubber', (real) => import('./quick-scrubber').then((m) => m.quickLoader(real)));

const ROOT = join(import.meta.dirname, '../..');
let dir: string;
let config: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'adf-scrub-exif-'));
  config = join(dir, 'upscale-1.yaml');
  const yaml = readFileSync(join(ROOT, 'config/scrubber.yaml'), 'utf8').replace(/^(\s+)upscale: 2$/m, '$1upscale: 1');
  if (!/upscale: 1$/m.test(yaml)) throw new Error('could not set ocr.upscale');
  writeFileSync(config, yaml);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const world = PNG.sync.read(readFileSync(WORLD_SCREEN));

async function scrubbedTokenRows(png: PNG, name: string): Promise<number> {
  const bytes = new Uint8Array(PNG.sync.write(png));
  const input = await writeExportFile(join(dir, `${name}.zip`), {
    tasks: [task({ stepCount: 1 })],
    steps: () => inBatches([{ step: step(1), imageId: step(1).observation.screenshot_path, redactions: {} }]),
    image: async () => bytes,
  });
  const output = join(dir, `${name}-out.zip`);
  const r = await runCli(['scrub', input, output, '--config', config]);
  expect(r.status, r.out).toBe(0);
  const files = unzipSync(readFileSync(output));
  const shot = Object.keys(files).find((k) => k.endsWith('.png'));
  expect(shot).toBeDefined();
  const after = PNG.sync.read(Buffer.from(files[shot!]!));
  let changed = 0;
  for (let i = 450 * png.width * 4; i < 470 * png.width * 4; i++) if (png.data[i] !== after.data[i]) changed++;
  return changed;
}

describe('scrub at ocr.upscale 1', () => {
  it('control: the bot token line of the screenshot is blurred', async () => {
    expect(await scrubbedTokenRows(world, 'clean')).toBeGreaterThan(1000);
  }, 60_000);

  it('the bot token line is blurred when the top-left ten pixels are near-black greys 1 18 0 3 0 0 0 1 0 3', async () => {
    const hostile = new PNG({ width: world.width, height: world.height });
    world.data.copy(hostile.data);
    [1, 18, 0, 3, 0, 0, 0, 1, 0, 3].forEach((v, x) => hostile.data.set([v, v, v, 255], x * 4));
    expect(await scrubbedTokenRows(hostile, 'hostile')).toBeGreaterThan(1000);
  }, 60_000);
});
