#!/usr/bin/env node
// The ALIEN Dataflow command line. The bundle is made by `npm run build`.
import { existsSync } from 'node:fs';

const bundle = new URL('../build/cli.mjs', import.meta.url);
if (!existsSync(bundle)) {
  console.error('alien-dataflow: the CLI is not built yet; run `npm run build` in the package folder.');
  process.exit(1);
}
await import(bundle.href);
