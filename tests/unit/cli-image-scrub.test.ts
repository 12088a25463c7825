// The CLI's screenshot scrub (`alien-dataflow scrub`): tesseract reads each image enlarged and grey, given as a
// PGM, and what a rule finds there is blurred in the PNG written out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { englishWorker } from './ocr-reference';
import { pgmBytes, upscaleGrey } from '../../src/core/pixel-scale';
import { createImageScrubber, ocrInput } from '../../src/cli/image-scrub';
import { loadScrubber, readScrubConfig } from '../../src/cli/load-scrubber';
import { DEFAULT_INPUT_LIMITS } from '../../src/cli/input-limits';
import { WORLD_SCREEN } from './shipped-detector';

const ROOT = join(import.meta.dirname, '../..');

describe('the grey enlargement tesseract reads', () => {
  it('is nearest neighbour in Rec. 601 luma, one byte per pixel', () => {
    // 2x1 RGBA: pure red, then white.
    const grey = upscaleGrey(new Uint8Array([255, 0, 0, 255, 255, 255, 255, 255]), 2, 1, 2);
    expect([grey.width, grey.height]).toEqual([4, 2]);
    expect([...grey.data]).toEqual([76, 76, 255, 255, 76, 76, 255, 255]);
  });

  it('keeps an odd size and a fractional factor inside the source', () => {
    const rgba = new Uint8Array(3 * 3 * 4).map((_v, i) => (i % 4 === 3 ? 255 : Math.floor(i / 4) * 20));
    const grey = upscaleGrey(rgba, 3, 3, 1.5);
    expect([grey.width, grey.height]).toEqual([5, 5]);
    // The last column and row are the source's last, never past it.
    expect(grey.data[4]).toBe(40);
    expect(grey.data[24]).toBe(160);
  });

  it('is a binary PGM whose header names its size, fills its first 512 bytes, and whose body is the grey bytes', () => {
    const file = pgmBytes({ data: new Uint8Array([0, 128, 255, 7, 8, 9]), width: 3, height: 2 });
    const head = /^P5\n#[ ]*\n3 2\n255\n/.exec(new TextDecoder().decode(file.subarray(0, 600)));
    expect(head).not.toBeNull();
    expect(head![0].length).toBeGreaterThanOrEqual(512);
    expect([...file.subarray(head![0].length)]).toEqual([0, 128, 255, 7, 8, 9]);
  });

  it('is read by tesseract as the page shows it', async () => {
    const worker = await englishWorker();
    try {
      const png = PNG.sync.read(readFileSync(WORLD_SCREEN));
      const area = new PNG({ width: 560, height: 80 });
      PNG.bitblt(png, area, 0, 440, 560, 80, 0, 0); // "Bot token: …" and "Granny Smith apples, 1 kg"
      const { text } = (await worker.recognize(ocrInput(area, 2))).data;
      expect(text).toMatch(/Bot token/);
      expect(text).toMatch(/Granny Smith apples/);
    } finally {
      await worker.terminate();
    }
  }, 60_000);
});

describe('the CLI image scrubber', () => {
  it('blurs a secret OCR finds in a screenshot and leaves the rest of the picture', async () => {
    const { config } = await readScrubConfig(join(ROOT, 'config/scrubber.yaml'));
    const images = await createImageScrubber(config, await loadScrubber(config), DEFAULT_INPUT_LIMITS);
    try {
      const input = readFileSync(WORLD_SCREEN);
      const out = await images.scrub(new Uint8Array(input), 'images/step_1.png');
      expect(Object.keys(out.redactions).length).toBeGreaterThan(0);
      const before = PNG.sync.read(input);
      const after = PNG.sync.read(Buffer.from(out.png));
      const changed = (y0: number, y1: number): number => {
        let n = 0;
        for (let i = y0 * before.width * 4; i < y1 * before.width * 4; i++) if (before.data[i] !== after.data[i]) n++;
        return n;
      };
      // The bot token's line (y 450–470) is blurred; the heading (y 40–80) is as it was.
      expect(changed(450, 470)).toBeGreaterThan(1000);
      expect(changed(40, 80)).toBe(0);
    } finally {
      await images.close();
    }
  }, 120_000);
});
