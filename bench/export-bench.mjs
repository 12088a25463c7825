// Export speed and memory: the extension's streaming writer (fflate, images
// stored, JSONL deflated, steps read task by task) against JSZip used the
// usual way (add every entry, then generate a stream) on the same synthetic
// 1,000-step dataset. Each run is its own process so its peak RSS is its own;
// the two alternate so machine noise hits both alike.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { round, stats } from './lib.mjs';

const STEPS = 1000;
const IMAGE_KB = 300; // a 1280x800 screenshot PNG is typically 100-500 KB
const RUNS = 3;

function run(impl, steps) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'export-worker.mjs'), impl, String(steps), String(IMAGE_KB)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop());
}

function row(label, runs) {
  const ms = stats(runs.map((r) => r.ms)).median;
  const mb = runs[0].bytes / 1e6;
  return {
    writer: label, steps: runs[0].steps, zip_mb: round(mb, 1), median_s: round(ms / 1000, 2), mb_per_s: round(mb / (ms / 1000), 1),
    peak_rss_mb: Math.round(Math.max(...runs.map((r) => r.peakRssMb))), baseline_rss_mb: Math.round(runs[0].rssBeforeMb),
  };
}

export function runExportBench() {
  const ours = [];
  const jszip = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(run('ours', STEPS));
    jszip.push(run('jszip', STEPS));
  }
  const double = [run('ours', STEPS * 2)];
  const rows = [row('ours (fflate, streamed)', ours), row('JSZip (peer)', jszip), row('ours, twice the data', double)];
  const [o, j, d] = rows;
  const ratios = {
    time_vs_jszip: round(o.median_s / j.median_s, 2),
    peak_rss_vs_jszip: round(o.peak_rss_mb / j.peak_rss_mb, 2),
    peak_growth_at_2x_data_mb: d.peak_rss_mb - o.peak_rss_mb,
  };
  const targets = [
    { target: 'export peak RSS grows < 25% of the data when the data doubles', value: `${ratios.peak_growth_at_2x_data_mb} MB for +${o.zip_mb} MB`, pass: ratios.peak_growth_at_2x_data_mb < o.zip_mb * 0.25 },
    { target: 'export no slower than JSZip', value: ratios.time_vs_jszip, pass: ratios.time_vs_jszip <= 1.1 },
  ];
  return { image_kb: IMAGE_KB, rows, ratios, targets };
}
