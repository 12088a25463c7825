// OCR for the tests' own checks, as strong as the extension's: the image is
// enlarged 2x and made grey first (tesseract misses most small screen text at
// 1x, so a 1x check would call an unblurred screenshot clean).
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { createWorker } from 'tesseract.js';
import { upscaleGrey } from '../../src/core/pixel-scale';
import { ROOT } from './harness';

export interface OcrReader { read(png: Uint8Array): Promise<string>; close(): Promise<void> }

export async function createOcrReader(): Promise<OcrReader> {
  const worker = await createWorker('eng', 1, { langPath: join(ROOT, 'node_modules/@tesseract.js-data/eng/4.0.0_best_int'), gzip: true, cacheMethod: 'none' });
  return {
    async read(png) {
      const image = PNG.sync.read(Buffer.from(png));
      const grey = upscaleGrey(image.data, image.width, image.height, 2);
      const big = new PNG({ width: grey.width, height: grey.height });
      big.data = Buffer.from(grey.data.buffer, grey.data.byteOffset, grey.data.byteLength);
      return (await worker.recognize(PNG.sync.write(big))).data.text;
    },
    close: () => worker.terminate().then(() => undefined),
  };
}
