// Re-scrub screenshots in Node: OCR each PNG with the same bundled English
// data the extension ships (no network), find words a rule of the new config
// matches, and blur them with the extension's own pixel blur. A PNG's header
// is checked against the image limits before it is decoded.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PNG } from 'pngjs';
import { createWorker, type Worker } from 'tesseract.js';
import type { ScrubConfig } from '../core/scrub/config';
import type { Scrubber } from '../core/scrub/scrubber';
import { linesFromBlocks, secretWordBoxes, type TesseractBlock } from '../core/scrub/ocr-words';
import { regionsToPixels } from '../core/blur-regions';
import { blurPixels } from '../core/pixel-blur';
import { pgmBytes, upscaleGrey } from '../core/pixel-scale';
import { PNG_HEADER_BYTES } from '../core/png-header';
import { checkPngHeader, LimitError, type InputLimits } from './input-limits';

export interface ImageScrubber {
  /** `name` (the entry) is what a limit's error names. */
  scrub(png: Uint8Array, name: string): Promise<{ png: Uint8Array; redactions: Record<string, number> }>;
  close(): Promise<void>;
}

function engDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

/** The image tesseract reads best: enlarged `scale` times and grey (small screen text is missed at 1x), as a PGM. */
export function ocrInput(image: PNG, scale: number): Buffer {
  const pgm = pgmBytes(upscaleGrey(image.data, image.width, image.height, scale));
  return Buffer.from(pgm.buffer, pgm.byteOffset, pgm.byteLength);
}

/** Tesseract refuses an image with a side longer than this ("Image too large"). */
export const TESSERACT_MAX_SIDE = 32767;

/**
 * `upscale`, lowered for an image whose longer side it would take past what tesseract reads (a 16,384 px side, the
 * default --max-image-side, is 32,768 at 2x): that image is read at just under 2x rather than not at all. An image
 * too long to read even at 1x is refused, naming it.
 */
export function ocrScale(name: string, width: number, height: number, upscale: number): number {
  const side = Math.max(width, height);
  const scale = Math.min(upscale, TESSERACT_MAX_SIDE / side);
  if (scale < 1) throw new LimitError(`${name} (${width} x ${height} pixels) is longer than the ${TESSERACT_MAX_SIDE.toLocaleString('en-US')} px a side OCR reads: lower --max-image-side, or scrub with --text-only`);
  return scale;
}

export async function createImageScrubber(config: ScrubConfig, scrubber: Scrubber, limits: InputLimits): Promise<ImageScrubber> {
  // A job tesseract rejects is rejected here, with the entry named; without a handler tesseract.js also throws the
  // error from its worker's message handler, where nothing catches it and the process ends unexplained.
  const worker: Worker = await createWorker('eng', 1, { langPath: engDataDir(), gzip: true, cacheMethod: 'none', errorHandler: () => undefined });
  return {
    async scrub(input, name) {
      checkPngHeader(name, input.subarray(0, PNG_HEADER_BYTES), limits);
      const image = PNG.sync.read(Buffer.from(input));
      const scale = ocrScale(name, image.width, image.height, config.ocr.upscale);
      const { data } = await worker.recognize(ocrInput(image, scale), {}, { blocks: true }).catch((error: unknown) => {
        throw new Error(`OCR could not read ${name} (${image.width} x ${image.height} pixels at ${scale.toFixed(2)}x): ${error instanceof Error ? error.message : String(error)}`);
      });
      const found = secretWordBoxes(linesFromBlocks((data.blocks ?? []) as unknown as TesseractBlock[], scale), (t) => scrubber.find(t));
      if (found.regions.length === 0) return { png: input, redactions: {} };
      for (const rect of regionsToPixels(found.regions, 1, config.blur.padding, image.width, image.height)) {
        blurPixels(image.data, image.width, image.height, rect, { mode: config.blur.mode, strength: config.blur.strength });
      }
      const redactions = Object.fromEntries(Object.entries(found.redactions).map(([rule, n]) => [`ocr:${rule}`, n]));
      return { png: new Uint8Array(PNG.sync.write(image)), redactions };
    },
    close: () => worker.terminate().then(() => undefined),
  };
}
