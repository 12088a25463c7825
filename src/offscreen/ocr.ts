// OCR in the offscreen document: tesseract.js with worker, core and English
// data shipped inside the extension (dist/ocr/), never fetched from a CDN.
// Finds words whose line text a scrub rule matches and returns their boxes.
import { createWorker, type Worker } from 'tesseract.js';
import type { Box } from '../core/schema';
import type { ScrubConfig } from '../core/scrub/config';
import { createScrubber } from '../core/scrub/scrubber';
import { CompromiseRecognizer } from '../core/scrub/entities';
import { linesFromBlocks, secretWordBoxes, type TesseractBlock } from '../core/scrub/ocr-words';

let worker: Promise<Worker> | null = null;
const ner = new CompromiseRecognizer();

function ocrWorker(): Promise<Worker> {
  // Options go in the third argument; in the second they are ignored and the CDN defaults win.
  worker ??= createWorker('eng', 1, {
    workerPath: chrome.runtime.getURL('ocr/worker.min.js'),
    corePath: chrome.runtime.getURL('ocr/'),
    langPath: chrome.runtime.getURL('ocr/'),
    workerBlobURL: false,
    gzip: true,
    cacheMethod: 'none',
  }).catch((error: unknown) => {
    worker = null;
    throw error;
  });
  return worker;
}

/** The screenshot enlarged and grey, as tesseract reads screen text best (see ocr.upscale in the config). */
async function prepare(image: string, scale: number): Promise<Blob | string> {
  if (scale === 1) return image;
  const bitmap = await createImageBitmap(await (await fetch(image)).blob());
  const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable');
  ctx.filter = 'grayscale(1)';
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return canvas.convertToBlob({ type: 'image/png' });
}

export async function findSecretRegions(image: string, config: ScrubConfig): Promise<{ regions: Box[]; redactions: Record<string, number>; words: number }> {
  const w = await ocrWorker();
  const scale = config.ocr.upscale;
  const { data } = await w.recognize(await prepare(image, scale), {}, { blocks: true });
  const lines = linesFromBlocks((data.blocks ?? []) as unknown as TesseractBlock[], scale);
  const scrubber = createScrubber(config, config.ner.enabled ? ner : null);
  return secretWordBoxes(lines, (text) => scrubber.find(text));
}
