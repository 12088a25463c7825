// OCR for the tests' own checks, as strong as the extension's: the image is
// enlarged 2x and made grey first (tesseract misses most small screen text at
// 1x, so a 1x check would call an unblurred screenshot clean).
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { createWorker } from 'tesseract.js';
import { ocrInput } from '../../src/cli/image-scrub';
import { after, before } from 'node:test';
import { launch, ROOT, type Session } from './harness';

export interface OcrReader { read(png: Uint8Array, scale?: number): Promise<string>; close(): Promise<void> }

export async function createOcrReader(): Promise<OcrReader> {
  const worker = await createWorker('eng', 1, { langPath: join(ROOT, 'node_modules/@tesseract.js-data/eng/4.0.0_best_int'), gzip: true, cacheMethod: 'none' });
  return {
    async read(png, scale = 2) {
      return (await worker.recognize(ocrInput(PNG.sync.read(Buffer.from(png)), scale))).data.text;
    },
    close: () => worker.terminate().then(() => undefined),
  };
}

/** A suite's browser (with the extension) and OCR reader: started before its tests, closed after them. */
export function withBrowserAndOcr(ready: (session: Session, ocr: OcrReader) => void): void {
  let session: Session | undefined;
  let ocr: OcrReader | undefined;
  before(async () => {
    session = await launch();
    ocr = await createOcrReader();
    ready(session, ocr);
  });
  after(async () => {
    await ocr?.close();
    await session?.close();
  });
}

/** The PNG cut to `box` (CSS px = PNG px), for a closer read of one area. */
export function cropPng(png: Uint8Array, box: { x: number; y: number; width: number; height: number }): Uint8Array {
  const src = PNG.sync.read(Buffer.from(png));
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const w = Math.max(1, Math.min(src.width - x0, Math.ceil(box.width)));
  const h = Math.max(1, Math.min(src.height - y0, Math.ceil(box.height)));
  const out = new PNG({ width: w, height: h });
  PNG.bitblt(src, out, x0, y0, w, h, 0, 0);
  return PNG.sync.write(out);
}
