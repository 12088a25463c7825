// What a config's ocr.upscale and an image within the CLI's input limits can do to the CLI's screenshot scrub.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { parseScrubConfig, type ScrubConfig } from '../../src/core/scrub/config';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { createImageScrubber } from '../../src/cli/image-scrub';
import { DEFAULT_INPUT_LIMITS } from '../../src/cli/input-limits';

const ROOT = join(import.meta.dirname, '../..');
const YAML = readFileSync(join(ROOT, 'config/scrubber.yaml'), 'utf8');
const parsed = parseScrubConfig(YAML);
if (!parsed.ok) throw new Error('config/scrubber.yaml is invalid');
const CONFIG = parsed.config;

describe('ocr.upscale in a config', () => {
  for (const bad of ['.nan', '.inf', '-.inf', '-2', '0', '0.4', '3.01', '1e9', '"2"']) {
    it(`upscale: ${bad} is refused, naming ocr.upscale`, () => {
      const r = parseScrubConfig(YAML.replace(/^(\s+)upscale: 2$/m, `$1upscale: ${bad}`));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.map((e) => e.path)).toContain('ocr.upscale');
    });
  }
});

async function blurredRows(config: ScrubConfig, png: PNG): Promise<{ rows: number[]; redactions: Record<string, number> }> {
  const images = await createImageScrubber(config, createScrubber(config, null), DEFAULT_INPUT_LIMITS);
  try {
    const out = await images.scrub(new Uint8Array(PNG.sync.write(png)), 'images/step_1.png');
    const after = PNG.sync.read(Buffer.from(out.png));
    const rows = new Set<number>();
    for (let i = 0; i < png.data.length; i++) if (png.data[i] !== after.data[i]) rows.add(Math.floor(i / 4 / png.width));
    return { rows: [...rows], redactions: out.redactions };
  } finally {
    await images.close();
  }
}

describe('a screenshot within --max-image-side (default 16,384)', () => {
  it('1x1, 1x2, 3x1 and 10922x1 screenshots scrub without a throw, unchanged', async () => {
    for (const [w, h] of [[1, 1], [1, 2], [3, 1], [10_922, 1]] as const) {
      const png = new PNG({ width: w, height: h });
      png.data.fill(128);
      const { rows } = await blurredRows(CONFIG, png);
      expect(rows).toEqual([]);
    }
  }, 60_000);
});
