// Shared helpers for the benchmarks: statistics, a browser, bundles, the results table.
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { findChrome, INSTALL_HINT } from '../scripts/find-chrome.mjs';

export function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
  return { n: s.length, median: q(0.5), p95: q(0.95), min: s[0], max: s[s.length - 1] };
}

export const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export async function bundle(entry, globalName) {
  const out = await build({ entryPoints: [entry], bundle: true, write: false, format: 'iife', globalName, platform: 'browser', target: 'chrome116' });
  return out.outputFiles[0].text;
}

/** `extension`: a build folder, or several. */
export async function launchBrowser({ extension = null, headless = true } = {}) {
  const executablePath = findChrome();
  if (!executablePath) throw new Error(INSTALL_HINT);
  return puppeteer.launch({
    executablePath, headless, pipe: true,
    ...(extension ? { enableExtensions: [extension].flat() } : {}),
    defaultViewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update'],
  });
}

export function printTable(title, rows) {
  console.log(`\n${title}`);
  const keys = Object.keys(rows[0] ?? {});
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const line = (vals) => vals.map((v, i) => String(v).padEnd(widths[i])).join(' | ');
  console.log(line(keys));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(keys.map((k) => r[k])));
}

/** The loaded extension's id; the browser lists it a moment after launch. */
export async function extensionId(browser) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    for (const [id, ext] of await browser.extensions()) if (ext.name.startsWith('ALIEN Dataflow')) return id;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the extension did not load (is dist/chrome/ built?)');
}
