// OCR for the tests' own checks, as strong as the extension's: the image is
// enlarged 2x and made grey first (tesseract misses most small screen text at
// 1x, so a 1x check would call an unblurred screenshot clean).
//
// A reader is a pool of tesseract workers with one queue: a suite that hands it
// many reads at once keeps every worker busy (two cores, two workers). Each
// distinct read is done once: reads are keyed by a hash of the decoded pixels
// (not the PNG bytes: a stored and an exported frame may be encoded apart),
// the scale and the segmentation mode, and tesseract gives the same text for
// the same input, so a second read of the same pixels is the first one's text.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { createWorker, PSM, type RecognizeOptions, type Worker } from 'tesseract.js';
import { ocrInput } from '../../src/cli/image-scrub';
import { after, before } from 'node:test';
import { launch, ROOT, type Session } from './harness';

export { PSM };

export interface Box { x: number; y: number; width: number; height: number }

export interface OcrReader {
  /**
   * The text tesseract reads in `png`, enlarged `scale` times and made grey as the extension does, in page
   * segmentation mode `psm` (tesseract's own default when not given).
   */
  read(png: Uint8Array, scale?: number, psm?: PSM): Promise<string>;
  /** The same for the area `box` of `png` (CSS px = PNG px), cut from the decoded pixels. */
  readArea(png: Uint8Array, box: Box, scale?: number, psm?: PSM): Promise<string>;
  /** `png` decoded once, for several reads of it (whole and by area). */
  open(png: Uint8Array): OcrImage;
  /** Reads done and reads answered from the cache, for a suite's report. */
  counts(): { read: number; cached: number };
  close(): Promise<void>;
}

/** One decoded image: its reads as OcrReader's, without decoding it again for each. */
export interface OcrImage {
  readonly width: number;
  readonly height: number;
  read(scale?: number, psm?: PSM): Promise<string>;
  readArea(box: Box, scale?: number, psm?: PSM): Promise<string>;
}

function pixelKey(image: PNG): string {
  return createHash('sha256').update(`${image.width}x${image.height}:`).update(image.data).digest('hex');
}

/** `box` cut to the image: whole pixels, at least 1x1. */
function cut(src: PNG, box: Box): PNG {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const w = Math.max(1, Math.min(src.width - x0, Math.ceil(box.width)));
  const h = Math.max(1, Math.min(src.height - y0, Math.ceil(box.height)));
  const out = new PNG({ width: w, height: h });
  PNG.bitblt(src, out, x0, y0, w, h, 0, 0);
  return out;
}

/**
 * Recognize options that set the segmentation mode for one read: tesseract.js passes any option it does not know
 * to tesseract for that read and restores the parameters after (worker-script recognize); its types list only its
 * own options, hence the cast.
 */
const modeOnly = (psm: PSM): Partial<RecognizeOptions> => ({ tessedit_pageseg_mode: psm }) as Partial<RecognizeOptions>;

interface Job { input: () => Buffer; psm: PSM | undefined; resolve: (text: string) => void; reject: (e: unknown) => void }

/** `workers` tesseract workers (2 fills both cores; 1 is the old single reader). */
export async function createOcrReader(opts: { workers?: number } = {}): Promise<OcrReader> {
  const langPath = join(ROOT, 'node_modules/@tesseract.js-data/eng/4.0.0_best_int');
  const workers = await Promise.all(Array.from({ length: opts.workers ?? 1 }, () => createWorker('eng', 1, { langPath, gzip: true, cacheMethod: 'none' })));
  const idle: Worker[] = [...workers];
  const queue: Job[] = [];
  const cache = new Map<string, Promise<string>>();
  let done = 0;
  let cached = 0;

  const pump = (): void => {
    while (idle.length && queue.length) {
      const worker = idle.pop()!;
      const job = queue.shift()!;
      // The enlarged input is made only when a worker takes the job, so a long queue holds small PNGs only.
      // A mode given per read is set for that read alone (tesseract.js restores the worker's parameters after).
      Promise.resolve().then(() => worker.recognize(job.input(), job.psm === undefined ? {} : modeOnly(job.psm)))
        .then((r) => job.resolve(r.data.text), job.reject)
        .finally(() => {
          done++;
          idle.push(worker);
          pump();
        });
    }
  };

  const once = (pixels: PNG, key: string, scale: number, psm: PSM | undefined): Promise<string> => {
    const id = `${key}@${scale}:${psm ?? 'default'}`;
    const hit = cache.get(id);
    if (hit) {
      cached++;
      return hit;
    }
    const text = new Promise<string>((resolve, reject) => {
      queue.push({ input: () => ocrInput(pixels, scale), psm, resolve, reject });
    });
    cache.set(id, text);
    pump();
    return text;
  };

  const open = (png: Uint8Array): OcrImage => {
    const image = PNG.sync.read(Buffer.from(png));
    let key: string | undefined;
    return {
      width: image.width,
      height: image.height,
      read: (scale = 2, psm) => once(image, key ??= pixelKey(image), scale, psm),
      readArea: (box, scale = 3, psm) => {
        const area = cut(image, box);
        return once(area, pixelKey(area), scale, psm);
      },
    };
  };

  return {
    read: (png, scale = 2, psm) => open(png).read(scale, psm),
    readArea: (png, box, scale = 3, psm) => open(png).readArea(box, scale, psm),
    open,
    counts: () => ({ read: done, cached }),
    close: () => Promise.all(workers.map((w) => w.terminate())).then(() => undefined),
  };
}

/** `fn` over `items`, at most `atOnce` at a time, the results in the items' order. */
export async function inTurn<T, R>(items: readonly T[], atOnce: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, items.length) }, lane));
  return out;
}

/** A suite's browser (with the extension) and OCR reader: started before its tests, closed after them. */
export function withBrowserAndOcr(ready: (session: Session, ocr: OcrReader) => void, opts: { workers?: number } = {}): void {
  let session: Session | undefined;
  let ocr: OcrReader | undefined;
  before(async () => {
    [session, ocr] = await Promise.all([launch(), createOcrReader(opts)]);
    ready(session, ocr);
  });
  after(async () => {
    await ocr?.close();
    await session?.close();
  });
}

/** The PNG cut to `box` (CSS px = PNG px), for a closer read of one area. */
export function cropPng(png: Uint8Array, box: Box): Uint8Array {
  return PNG.sync.write(cut(PNG.sync.read(Buffer.from(png)), box));
}
