// Helpers for the rendering-paths suite: OCR readers in more than one page
// segmentation mode (tesseract's automatic layout drops some isolated lines
// that its sparse-text mode keeps, and the other way round, so a leak must
// survive neither), a tolerant search for a secret in OCR text, and a check
// that each planted secret is one the shipped scrubber rules catch.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { createWorker, PSM } from 'tesseract.js';
import { ocrInput } from '../../src/cli/image-scrub';
import { parseScrubConfig } from '../../src/core/scrub/config';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { ROOT } from './harness';
import type { Box } from './ocr-reader';

export interface PsmReader {
  /** The text tesseract reads in `png`, enlarged `scale` times and made grey as the extension does. */
  read(png: Uint8Array, scale: number): Promise<string>;
  close(): Promise<void>;
}

/** A reader in one page segmentation mode (ocr-reader.ts keeps tesseract's default, AUTO, and has no option). */
export async function createPsmReader(psm: PSM): Promise<PsmReader> {
  const worker = await createWorker('eng', 1, { langPath: join(ROOT, 'node_modules/@tesseract.js-data/eng/4.0.0_best_int'), gzip: true, cacheMethod: 'none' });
  await worker.setParameters({ tessedit_pageseg_mode: psm });
  return {
    async read(png, scale) {
      return (await worker.recognize(ocrInput(PNG.sync.read(Buffer.from(png)), scale))).data.text;
    },
    close: () => worker.terminate().then(() => undefined),
  };
}

export { PSM };

/** Text as OCR's words compare: lower case, letters, digits and '@' only (OCR splits and joins groups at will). */
export const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9@]/g, '');

/**
 * Whether `secret` is readable in `text`: its squashed form occurs with at most one wrong, missing or extra
 * character per ten (OCR misreads an 'l' as '1' or drops a dot; a secret read that well is still a leak).
 * A blurred area reads as noise, far more than that away.
 */
export function readable(text: string, secret: string): boolean {
  const hay = squash(text);
  const needle = squash(secret);
  if (hay.includes(needle)) return true;
  const allowed = Math.floor(needle.length / 10);
  if (allowed === 0) return false;
  // Approximate substring match (Sellers): the edit distance from `needle` to the best substring of `hay`.
  let prev = new Array<number>(hay.length + 1).fill(0);
  for (let i = 1; i <= needle.length; i++) {
    const cur = new Array<number>(hay.length + 1);
    cur[0] = i;
    for (let j = 1; j <= hay.length; j++) {
      const cost = needle[i - 1] === hay[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j - 1]! + cost, prev[j]! + 1, cur[j - 1]! + 1);
    }
    prev = cur;
  }
  return Math.min(...prev) <= allowed;
}

/** The shipped config's scrubber (config/scrubber.yaml), without name recognition: what "a default rule" means here. */
export function defaultRules(): (text: string) => string[] {
  const parsed = parseScrubConfig(readFileSync(join(ROOT, 'config/scrubber.yaml'), 'utf8'));
  if (!parsed.ok) throw new Error(`config/scrubber.yaml does not parse: ${JSON.stringify(parsed.errors)}`);
  const scrubber = createScrubber(parsed.config, null);
  return (text) => scrubber.find(text).map((s) => `${s.rule}:${text.slice(s.start, s.end)}`);
}

export type { Box };

function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * `box` grown by `pad` on every side and cut to the image (its size as given, or read from the PNG header), or
 * null when nothing of it is in the image: a box measured before a scroll can lie below the viewport.
 */
export function cropBox(image: Uint8Array | { width: number; height: number }, box: Box, pad: number): Box | null {
  const { width, height } = image instanceof Uint8Array ? pngSize(image) : image;
  const x = Math.max(0, Math.floor(box.x - pad));
  const y = Math.max(0, Math.floor(box.y - pad));
  const right = Math.min(width, Math.ceil(box.x + box.width + pad));
  const bottom = Math.min(height, Math.ceil(box.y + box.height + pad));
  return right - x >= 8 && bottom - y >= 8 ? { x, y, width: right - x, height: bottom - y } : null;
}
