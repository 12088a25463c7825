// OCR for the tests' own checks, as strong as the extension's: the image is
// enlarged 2x and made grey first (tesseract misses most small screen text at
// 1x, so a 1x check would call an unblurred screenshot clean).
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { createWorker } from 'tesseract.js';
import { ocrInput } from '../../src/cli/image-scrub';
import { ROOT } from './harness';

export interface OcrReader { read(png: Uint8Array): Promise<string>; close(): Promise<void> }

export async function createOcrReader(): Promise<OcrReader> {
  const worker = await createWorker('eng', 1, { langPath: join(ROOT, 'node_modules/@tesseract.js-data/eng/4.0.0_best_int'), gzip: true, cacheMethod: 'none' });
  return {
    async read(png) {
      return (await worker.recognize(ocrInput(PNG.sync.read(Buffer.from(png)), 2))).data.text;
    },
    close: () => worker.terminate().then(() => undefined),
  };
}
