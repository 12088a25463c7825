// Bundles the CLI (src/cli) with the core into build/cli.mjs for bin/alien-dataflow.mjs.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/entry.ts'],
  outfile: 'build/cli.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // CommonJS dependencies bundled into ESM need a require().
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  // tesseract.js starts a worker thread from its own files and reads the bundled language data: loaded from node_modules.
  // puppeteer-core and @puppeteer/replay (replay) load their own files at run time: from node_modules too.
  external: ['tesseract.js', '@tesseract.js-data/eng', 'puppeteer-core', '@puppeteer/replay'],
  logLevel: 'warning',
});
