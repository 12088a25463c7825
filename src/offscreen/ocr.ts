// OCR in the offscreen document: tesseract.js with worker, core and English
// data shipped inside the extension (dist/ocr/), never fetched from a CDN.
// Finds words whose line text a scrub rule matches and returns their boxes.
import { createWorker, type Worker } from 'tesseract.js';
import type { Box } from '../core/schema';
import type { ScrubConfig } from '../core/scrub/config';
import { createScrubber } from '../core/scrub/scrubber';
import { CompromiseRecognizer } from '../core/scrub/entities';
import { secretWordBoxes, type OcrLine } from '../core/scrub/ocr-words';

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

interface TesseractWord { text: string; bbox: { x0: number; y0: number; x1: number; y1: number } }
interface TesseractLine { text: string; words: TesseractWord[] }
interface TesseractBlock { paragraphs: { lines: TesseractLine[] }[] }

export async function findSecretRegions(image: string, config: ScrubConfig): Promise<{ regions: Box[]; redactions: Record<string, number>; words: number }> {
  const w = await ocrWorker();
  const { data } = await w.recognize(image, {}, { blocks: true });
  const lines: OcrLine[] = [];
  for (const block of (data.blocks ?? []) as unknown as TesseractBlock[]) {
    for (const p of block.paragraphs) {
      for (const l of p.lines) {
        lines.push({ words: l.words.map((wd) => ({ text: wd.text, box: { x: wd.bbox.x0, y: wd.bbox.y0, width: wd.bbox.x1 - wd.bbox.x0, height: wd.bbox.y1 - wd.bbox.y0 } })) });
      }
    }
  }
  const scrubber = createScrubber(config, config.ner.enabled ? ner : null);
  return secretWordBoxes(lines, (text) => scrubber.find(text));
}
