// Bundles the CLI (src/cli) with the core into build/cli.mjs (and its chunks) for bin/alien-dataflow.mjs.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry hashes: last build's would pile up.
rmSync('build/chunks', { recursive: true, force: true });

await build({
  // pack's dialogue configs are written in a worker thread of their own (src/cli/dialogue-thread.ts finds it here).
  entryPoints: { cli: 'src/cli/entry.ts', 'dialogue-thread': 'src/cli/dialogue-thread-main.ts' },
  outdir: 'build',
  // Commands load what only they need (NER, date and phone parsers, replay) by dynamic import, as chunks of their
  // own: `pack` without --config never loads compromise (44 MB of resident memory).
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
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
