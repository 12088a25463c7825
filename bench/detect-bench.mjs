// Finding text in a screenshot's pixels: the PP-OCRv4 DB detector the
// extension ships (onnxruntime-web, WebAssembly, one thread, as in the
// offscreen document) against its peer, tesseract.js reading the same frame
// whole (tesseract.js has no layout-only call: its layout analysis comes with
// recognition). Same process, same 1280x800 screenshot, alternating rounds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { createWorker } from 'tesseract.js';
import { ROOT } from '../tests/e2e/harness.ts';
import { detectionMap, loadDetector, scaledPixels, WORLD_SCREEN } from '../tests/unit/shipped-detector.ts';
import { boxesFromMap, detectorInput, detectorSize } from '../src/core/text-detection.ts';
import { round, stats } from './lib.mjs';

const ROUNDS = 5;

export async function runDetectBench() {
  const png = PNG.sync.read(readFileSync(WORLD_SCREEN));
  const session = await loadDetector();
  const tesseract = await createWorker('eng', 1, { langPath: join(ROOT, 'node_modules/@tesseract.js-data/eng/4.0.0_best_int'), gzip: true, cacheMethod: 'none' });
  const rows = [];
  const times = { detect_075: [], detect_band: [], tesseract: [] };
  let lines = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, scale, height] of [['detect_075', 0.75, png.height], ['detect_band', 0.75, 256]]) {
      const size = detectorSize(png.width, height, scale);
      const input = detectorInput(scaledPixels(png, detectorSize(png.width, png.height, scale)).subarray(0, size.width * size.height * 4), size.width, size.height);
      const t = performance.now();
      const map = await detectionMap(session, input);
      if (name === 'detect_075') lines = boxesFromMap(map, size.width, size.height).length;
      times[name].push(performance.now() - t);
    }
    const t = performance.now();
    await tesseract.recognize(WORLD_SCREEN);
    times.tesseract.push(performance.now() - t);
  }
  await tesseract.terminate();
  const med = (k) => round(stats(times[k]).median, 0);
  rows.push(
    { method: 'DB detector, whole frame at 0.75x (960x608)', p50_ms: med('detect_075'), vs_tesseract: round(med('detect_075') / med('tesseract'), 2), lines_found: lines },
    { method: 'DB detector, one 256 px band (960x192): a frame with one changed band', p50_ms: med('detect_band'), vs_tesseract: round(med('detect_band') / med('tesseract'), 2), lines_found: '-' },
    { method: 'tesseract.js, whole frame read (peer)', p50_ms: med('tesseract'), vs_tesseract: 1, lines_found: '-' },
  );
  // No target here: the targets are per step, in the pipeline bench (bands, caches and all).
  return { rows, targets: [] };
}
