// Shared by the unit tests of the OCR input: a tesseract worker with the bundled English data, and the input
// tesseract was given before the PGM (an RGBA PNG of the same grey pixels), to compare reads against.
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { createWorker, type Worker } from 'tesseract.js';
import { upscaleGrey } from '../../src/core/pixel-scale';

const ROOT = join(import.meta.dirname, '../..');

/** A tesseract worker as the CLI makes one (the package's English data, no cache, no network). */
export function englishWorker(): Promise<Worker> {
  return createWorker('eng', 1, { langPath: join(ROOT, 'node_modules/@tesseract.js-data/eng/4.0.0_best_int'), gzip: true, cacheMethod: 'none' });
}

/** The input before the PGM (88f5437^): the same grey pixels as an RGBA PNG. */
export function pngOcrInput(image: PNG, scale: number): Buffer {
  const grey = upscaleGrey(image.data, image.width, image.height, scale);
  const big = new PNG({ width: grey.width, height: grey.height });
  for (let i = 0; i < grey.data.length; i++) big.data.set([grey.data[i]!, grey.data[i]!, grey.data[i]!, 255], i * 4);
  return PNG.sync.write(big);
}
