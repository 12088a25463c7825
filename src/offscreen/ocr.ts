// OCR in the offscreen document: tesseract.js with worker, core and English
// data shipped inside the extension (dist/ocr/), never fetched from a CDN.
// One worker: with OCR limited to media crops (and cached), OCR is a few ms
// of a step's image work at p50 (see the pipeline bench), so a second worker
// (~40 MB more) was not tried; it could only help ocr.scope: full.
import { extensionUrl } from '../platform/extension-info';
import { createWorker, type Worker } from 'tesseract.js';
import { linesFromBlocks, type OcrLine, type TesseractBlock } from '../core/scrub/ocr-words';
import { pgmBytes, upscaleGrey } from '../core/pixel-scale';

let worker: Promise<Worker> | null = null;

function ocrWorker(): Promise<Worker> {
  // Options go in the third argument; in the second they are ignored and the CDN defaults win.
  worker ??= createWorker('eng', 1, {
    workerPath: extensionUrl('ocr/worker.min.js'),
    corePath: extensionUrl('ocr/'),
    langPath: extensionUrl('ocr/'),
    workerBlobURL: false,
    gzip: true,
    cacheMethod: 'none',
  }).catch((error: unknown) => {
    worker = null;
    throw error;
  });
  return worker;
}

/** Start the OCR worker (its WebAssembly core and English data) ahead of the first crop. */
export async function warmOcr(): Promise<void> {
  await ocrWorker();
}

/**
 * Lines of words in a region of `source`, boxes relative to the region. The region
 * is enlarged by `scale` and made grey first: tesseract reads small screen
 * text far better that way.
 */
export async function readLines(
  source: HTMLCanvasElement, region: { x: number; y: number; width: number; height: number }, scale: number,
): Promise<OcrLine[]> {
  const w = await ocrWorker();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(region.width * scale);
  canvas.height = Math.round(region.height * scale);
  // Read back once, on the CPU: no GPU round trip for the pixels.
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('2D canvas unavailable');
  ctx.filter = 'grayscale(1)';
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, region.x, region.y, region.width, region.height, 0, 0, canvas.width, canvas.height);
  // The grey bytes as a PGM, not the canvas or a PNG: tesseract.js would encode a canvas with toBlob, which an
  // offscreen document runs once a second, and a PNG data URL costs an encode, a base64 round trip and a decode of
  // four channels where one will do (the same text; see docs/benchmarks.md).
  const { data: rgba } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const pgm = new Blob([pgmBytes(upscaleGrey(rgba, canvas.width, canvas.height, 1))]);
  const { data } = await w.recognize(pgm, {}, { blocks: true });
  return linesFromBlocks((data.blocks ?? []) as unknown as TesseractBlock[], scale);
}
