// Tesseract refuses an image wider or taller than 32,767 pixels ("Image too large: (32768, 160)"), and tesseract.js
// then failed the job with "SyntaxError: Unexpected end of JSON input" and, with no errorHandler given to
// createWorker, also threw it from the worker's message handler, uncaught. --max-image-side (default 16,384) times
// the default upscale 2 is 32,768: a screenshot the limits let through ended `alien-dataflow scrub` with a message
// naming neither the entry nor a limit. Such an image is now read at the largest scale tesseract takes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { parseScrubConfig, type ScrubConfig } from '../../src/core/scrub/config';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { createImageScrubber, ocrScale } from '../../src/cli/image-scrub';
import { DEFAULT_INPUT_LIMITS } from '../../src/cli/input-limits';
import { WORLD_SCREEN } from './shipped-detector';

const ROOT = join(import.meta.dirname, '../..');
const parsed = parseScrubConfig(readFileSync(join(ROOT, 'config/scrubber.yaml'), 'utf8'));
if (!parsed.ok) throw new Error('config/scrubber.yaml is invalid');
const CONFIG = parsed.config;
const world = PNG.sync.read(readFileSync(WORLD_SCREEN));

/** The bot token line (y 440-520 of the world page) on a white strip `width` wide. */
function strip(width: number): PNG {
  const png = new PNG({ width, height: 80 });
  png.data.fill(255);
  PNG.bitblt(world, png, 0, 440, 560, 80, 0, 0);
  return png;
}

describe('the CLI image scrubber on a screenshot at --max-image-side', () => {
  const cases: [string, ScrubConfig, number][] = [
    ['16,384 wide at the default upscale 2', CONFIG, 16_384],
  ];
  for (const [label, config, width] of cases) {
    it(`${label}: read at the largest scale tesseract takes, the bot token is blurred`, async () => {
      const images = await createImageScrubber(config, createScrubber(config, null), DEFAULT_INPUT_LIMITS);
      try {
        const png = strip(width);
        const out = await images.scrub(new Uint8Array(PNG.sync.write(png)), 'images/step_9.png');
        const after = PNG.sync.read(Buffer.from(out.png));
        let changed = 0;
        for (let i = 0; i < png.data.length; i++) if (png.data[i] !== after.data[i]) changed++;
        expect(changed).toBeGreaterThan(1000);
      } finally {
        await images.close();
      }
    }, 60_000);
  }
});

describe('ocrScale', () => {
  it('keeps the configured scale while the enlarged image fits, and lowers it to fit otherwise', () => {
    expect(ocrScale('a.png', 1280, 800, 2)).toBe(2);
    expect(ocrScale('a.png', 16_383, 10, 2)).toBe(2);
    expect(Math.round(16_384 * ocrScale('a.png', 16_384, 10, 2))).toBeLessThanOrEqual(32_767);
    expect(Math.round(11_000 * ocrScale('a.png', 10, 11_000, 3))).toBeLessThanOrEqual(32_767);
  });

  it('refuses an image too long to read even at 1x, naming it', () => {
    expect(() => ocrScale('images/step_4.png', 40_000, 10, 2)).toThrow(/images\/step_4\.png \(40000 x 10 pixels\).*32,767/);
  });
});
