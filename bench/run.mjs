// npm run bench: prints tables and writes bench/results.json. Figures are
// ratios against a peer measured in the same process where one exists.
// Never run as part of npm test: timings are not assertions.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '../scripts/fixture-server.mjs';
import { CHROME_BUILD } from '../scripts/build-paths.mjs';
import { printTable } from './lib.mjs';
import { runSnapshotBench } from './snapshot-bench.mjs';
import { runPrivacyBench } from './privacy-bench.mjs';
import { runExportBench } from './export-bench.mjs';
import { runBrowserExportBench } from './browser-export-bench.mjs';
import { runPipelineBench } from './pipeline-bench.mjs';
import { runPackBench } from './pack-bench.mjs';
import { runParquetWritersBench } from './parquet-writers-bench.mjs';
import { runBrowsersBench } from './browsers-bench.mjs';
import { runDetectBench } from './detect-bench.mjs';
import { runPageLoadBench } from './page-load-bench.mjs';
import { runWorkerWakeBench } from './worker-wake-bench.mjs';

const root = resolve(import.meta.dirname, '..');

/** Rows of measures, a column per evaluation set: "now (before)". */
function setsTable(sets) {
  const names = Object.keys(sets);
  const cell = (now, before) => (now === undefined ? '' : before === undefined || before === null ? String(now) : `${now} (${before})`);
  const row = (measure, get) => Object.fromEntries([['measure', measure], ...names.map((n) => [n, cell(get(sets[n]), sets[n].before ? get(sets[n].before) : null)])]);
  const types = [...new Set(names.flatMap((n) => Object.keys(sets[n].per_type)))].sort();
  return [
    Object.fromEntries([['measure', 'texts / values / negatives'], ...names.map((n) => [n, `${sets[n].split_items} / ${sets[n].labelled} / ${sets[n].negatives}`])]),
    row('strict recall', (s) => s.strict_recall),
    row('lenient recall', (s) => s.lenient_recall),
    ...types.map((t) => row(`  ${t}`, (s) => s.per_type[t]?.strict)),
    row('hard negatives unchanged', (s) => s.negatives_unchanged),
    row('over-redaction', (s) => s.over_redaction),
  ];
}
const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);

const server = await serveStatic(join(root, 'tests/fixtures'));
const results = { machine: { node: process.version, cpus: (await import('node:os')).cpus().length }, ran_at: new Date().toISOString() };
const targets = [];
try {
  if (want('pipeline')) {
    const r = await runPipelineBench();
    results.pipeline = r;
    targets.push(...r.targets);
    printTable('Step pipeline: 40 clicks at 2/s on the text-dense privacy page, then Stop (same run, per OCR scope)', r.scopes);
    printTable('Page main-thread time per step: 16k elements, one row changed between steps', [r.page]);
  }
  if (want('detect')) {
    const r = await runDetectBench();
    results.detect = r;
    targets.push(...r.targets);
    printTable('Text detection on a 1280x800 screenshot, one thread, 5 alternating rounds (median): the shipped DB detector vs a whole-frame tesseract.js read', r.rows);
  }
  if (want('page-load')) {
    const r = await runPageLoadBench({ fixturesUrl: server.url, dist: join(root, CHROME_BUILD) });
    results.page_load = r;
    targets.push(...r.targets);
    printTable('A page load while not recording: main-thread ms with the extension vs the same browser without it (median of 12 loads)', r.rows);
  }
  if (want('worker-wake')) {
    const r = await runWorkerWakeBench({ dist: join(root, CHROME_BUILD) });
    results.worker_wake = r;
    targets.push(...r.targets);
    printTable(`A stopped worker woken by a message, until its reply (${r.ratio}x the peer's, ${r.rows.length} workers in one browser, 14 alternating wakes)`, r.rows);
  }
  if (want('snapshot')) {
    const r = await runSnapshotBench({ fixturesUrl: server.url, dist: join(root, CHROME_BUILD) });
    results.snapshot = r;
    targets.push(...r.targets);
    printTable('DOM snapshot: critical path vs rrweb-snapshot and outerHTML (same page, same browser)', r.snapshots);
    printTable('Input delay: event creation to the page\'s pointerdown handler (2 alternating rounds of 80 clicks per condition)', [r.delay]);
  }
  if (want('privacy')) {
    const r = await runPrivacyBench({ fixturesUrl: server.url, dist: join(root, CHROME_BUILD) });
    results.privacy = r;
    targets.push(...r.targets);
    printTable('Text scrub of a real 10k-element dom_tree (median of runs) vs one email regex over the same string', [r.scrub]);
    printTable('Scrub time per MB as the page grows (the 10k-element tree repeated)', r.linearity);
    const c = r.corpus;
    printTable(`Independent corpus, test split (${c.test_items} of ${c.items} texts, ${c.locales} locales, ${c.labelled} labelled values, ${c.test_negatives} hard negatives): strict recall ${c.strict_recall}, lenient ${c.lenient_recall}, negatives unchanged ${c.negatives_unchanged}, over-redaction ${c.over_redaction}`, c.per_type);
    printTable('Three evaluation sets side by side, test halves (now / before issue 23 item 5, same run): strict recall overall and per type, hard negatives unchanged, over-redaction', setsTable(r.sets));
    printTable(`Authors' own sample (${r.quality.items} texts, ${r.quality.labelled} labelled secrets; shares the rules' blind spots): recall ${r.quality.recall}, precision ${r.quality.precision}`, r.quality.per_kind);
    if (r.quality.false_positive_examples.length) console.log(`false positives, e.g.:\n  ${r.quality.false_positive_examples.join('\n  ')}`);
    printTable('Hostile text, 1 MB each, rules + NER + the custom rule (a+)+$ (linear-time), vs the real page above', r.adversarial);
    printTable('Hostile URL-like text: URL pieces and the whole scrub, at 200k repeats, time per character vs 50k', r.hostile_urls);
    printTable('Whole-frame image work per 1280x800 screenshot in the offscreen document (ocr.scope full) vs the 500 ms capture interval', r.ocr);
  }
  if (want('pack')) {
    const w = runParquetWritersBench();
    results.parquet_writers = w;
    printTable(`Parquet writers on the same 2,000 step-shaped rows (100 KB screenshot + 20 KB dom_tree each), own process each: parquet-wasm took ${w.ratios.time_wasm_vs_hyparquet}x the time and ${w.ratios.rss_wasm_vs_hyparquet}x the peak RSS of hyparquet-writer`, w.rows);
    const r = await runPackBench();
    results.pack = r;
    targets.push(...r.targets);
    printTable('pack: the real command on 2,000 tasks / 40,000 steps (20 zips) and twice that, 3 alternating rounds (median, range, first round); peer: copying the same bytes', r.rows);
  }
  if (want('export')) {
    const r = runExportBench();
    results.export = r;
    targets.push(...r.targets);
    printTable(`Export of a synthetic dataset (${r.image_kb} KB images, ~25 KB dom_trees), output counted not written: time ${r.ratios.time_vs_jszip}x JSZip, peak memory ${r.ratios.peak_rss_vs_jszip}x`, r.rows);
  }
  if (want('browser-export')) {
    const r = await runBrowserExportBench();
    results.browser_export = r;
    printTable(`In the extension: a ${r.steps}-step task with ${r.image_kb} KB screenshots, review page and export`, [{ ...r.review, ...r.export }]);
    targets.push({ target: 'offscreen peak JS heap < 25% of the zip it writes', value: r.export.heap_vs_zip, pass: r.export.heap_vs_zip < 0.25 });
  }
  if (want('browsers')) {
    const r = await runBrowsersBench();
    results.browsers = r;
    printTable(`Chromium and Firefox, same run: capture quota (${r.capture_calls} calls back to back), storage.session size, click to stored step at one click a second; Firefox p50 ${r.firefox_vs_chromium_p50 ?? '?'}x Chromium's`, r.rows);
  }
} finally {
  await server.close();
}
results.targets = targets;
printTable('Targets', targets.map((t) => ({ ...t, pass: t.pass ? 'yes' : 'NO' })));
// A run of some benches keeps the others' last results in the file (another engineer's, or an earlier run's).
const file = join(root, 'bench/results.json');
const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
if (only.length > 0) results.targets = [...(previous.targets ?? []).filter((t) => !targets.some((n) => n.target === t.target)), ...targets];
writeFileSync(file, `${JSON.stringify({ ...previous, ...results }, null, 2)}\n`);
console.log('\nwrote bench/results.json');
