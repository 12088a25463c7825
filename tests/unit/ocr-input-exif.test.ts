// tesseract.js sniffs an EXIF orientation from the first 500 bytes of whatever it is given
// (node_modules/tesseract.js/src/worker-script/utils/setImage.js: `image.slice(0, 500).join(' ').match(/1 18 0 3 0 0 0
// 1 0 (\d)/)`) and rotates the image by it before reading. A PNG's first 500 bytes are deflated data; a PGM's pixels
// would be the first row's grey levels. Ten near-black pixels in a screenshot's top-left corner (greys 1, 18, 0, 3, 0,
// 0, 0, 1, 0, 3) made tesseract read the PGM turned 180 degrees (or 90 with a last 6 or 8), and the secret was neither
// read nor blurred. The PGM's header now fills its first 512 bytes: these pixels are read as any others.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import type { Worker } from 'tesseract.js';
import { englishWorker, pngOcrInput } from './ocr-reference';
import { pgmBytes, upscaleGrey } from '../../src/core/pixel-scale';
import { createImageScrubber, ocrInput } from '../../src/cli/image-scrub';
import { parseScrubConfig, type ScrubConfig } from '../../src/core/scrub/config';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { DEFAULT_INPUT_LIMITS } from '../../src/cli/input-limits';
import { WORLD_SCREEN } from './shipped-detector';

const ROOT = join(import.meta.dirname, '../..');
const parsed = parseScrubConfig(readFileSync(join(ROOT, 'config/scrubber.yaml'), 'utf8'));
if (!parsed.ok) throw new Error('config/scrubber.yaml is invalid');
const CONFIG = parsed.config;
const withUpscale = (upscale: number): ScrubConfig => ({ ...CONFIG, ocr: { ...CONFIG.ocr, upscale } });


const EXIF = [1, 18, 0, 3, 0, 0, 0, 1, 0];

/**
 * Paints grey source pixels into `png`'s first row so that, enlarged `scale` times by upscaleGrey, the bytes
 * 1 18 0 3 0 0 0 1 0 <last> appear in its first row; throws when no placement exists at that scale.
 */
function paintExif(png: PNG, scale: number, last: number): void {
  const want = [...EXIF, last];
  for (let x0 = 0; x0 < 300; x0++) {
    const src = new Map<number, number>();
    let ok = true;
    for (let k = 0; k < want.length && ok; k++) {
      const sx = Math.min(png.width - 1, Math.floor((x0 + k) / scale));
      if (src.has(sx) && src.get(sx) !== want[k]) ok = false;
      src.set(sx, want[k]!);
    }
    // The output byte before x0 must not be a digit that makes the token before "1" end differently: a token
    // ending in 1 is what the pattern needs, so the one before x0 may be anything (the regex is unanchored).
    if (!ok) continue;
    for (const [sx, v] of src) png.data.set([v, v, v, 255], sx * 4);
    return;
  }
  throw new Error(`no placement at scale ${scale}`);
}

function copy(png: PNG): PNG {
  const out = new PNG({ width: png.width, height: png.height });
  png.data.copy(out.data);
  return out;
}

const world = PNG.sync.read(readFileSync(WORLD_SCREEN));
/** "Bot token: …" and "Granny Smith apples, 1 kg" (as in cli-image-scrub.test.ts). */
function tokenArea(): PNG {
  const area = new PNG({ width: 560, height: 80 });
  PNG.bitblt(world, area, 0, 440, 560, 80, 0, 0);
  return area;
}

let worker: Worker;
beforeAll(async () => {
  worker = await englishWorker();
}, 60_000);
afterAll(async () => { await worker.terminate(); });

describe('a PGM whose first pixels spell an EXIF orientation', () => {
  it('has them past the first 500 bytes, where tesseract.js does not look (a PNG never had them there)', () => {
    const area = tokenArea();
    paintExif(area, 1, 3);
    const re = /1 18 0 3 0 0 0 1 0 (\d)/;
    const pgm = ocrInput(area, 1);
    expect(re.exec([...pgm.subarray(0, 500)].join(' '))).toBeNull();
    // The hostile bytes are there, right after the header: the test's input is the attack.
    expect(re.exec([...pgm.subarray(500, 2000)].join(' '))?.[1]).toBe('3');
    expect(re.exec([...pngOcrInput(area, 1).subarray(0, 500)].join(' '))).toBeNull();
  });

  for (const scale of [1, 1.25]) {
    it(`is read the same as the old PNG at upscale ${scale} (the bot token line)`, async () => {
      const area = tokenArea();
      paintExif(area, scale, 3);
      const before = (await worker.recognize(pngOcrInput(area, scale))).data.text;
      expect(before).toMatch(/Bot token/); // the old path reads it
      const now = (await worker.recognize(ocrInput(area, scale))).data.text;
      expect(now).toMatch(/Bot token/);
    }, 60_000);
  }

  it('the offscreen path (a canvas crop as pgmBytes(upscaleGrey(rgba, w, h, 1)), any ocr.upscale) reads the crop', async () => {
    const area = tokenArea();
    paintExif(area, 1, 6);
    const pgm = pgmBytes(upscaleGrey(area.data, area.width, area.height, 1));
    const { text } = (await worker.recognize(Buffer.from(pgm))).data;
    expect(text).toMatch(/Bot token/);
  }, 60_000);
});

describe('the CLI image scrubber (`scrub`) at a configured ocr.upscale of 1.25', () => {
  for (const scale of [1.25]) {
    it(`blurs the bot token line of a screenshot whose top-left pixels are near-black (upscale ${scale})`, async () => {
      const config = withUpscale(scale);
      const images = await createImageScrubber(config, createScrubber(config, null), DEFAULT_INPUT_LIMITS);
      try {
        const hostile = copy(world);
        paintExif(hostile, scale, 3);
        const input = new Uint8Array(PNG.sync.write(hostile));
        const out = await images.scrub(input, 'images/step_1.png');
        const after = PNG.sync.read(Buffer.from(out.png));
        let changed = 0;
        for (let i = 450 * hostile.width * 4; i < 470 * hostile.width * 4; i++) if (hostile.data[i] !== after.data[i]) changed++;
        const rows = new Set<number>();
        for (let i = 0; i < hostile.data.length; i++) if (hostile.data[i] !== after.data[i]) rows.add(Math.floor(i / 4 / hostile.width));
        expect(Object.keys(out.redactions).length).toBeGreaterThan(0);
        expect(changed).toBeGreaterThan(1000);
      } finally {
        await images.close();
      }
    }, 60_000);
  }
});
