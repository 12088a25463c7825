// Packing speed and memory: a synthetic 2,000-task / 40,000-step input (20
// export zips, generated here, never committed) and twice that, packed in one
// run with the default layout (steps + the sharegpt config), and once with
// steps only, each pack in its own process. The peer is reading the same zips and
// writing their bytes out again (the disk's own pace for this much data).
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { round } from './lib.mjs';

const ZIPS_1X = 20;

function du(dir) {
  return readdirSync(dir, { recursive: true }).reduce((n, f) => {
    const s = statSync(join(dir, String(f)));
    return s.isFile() ? n + s.size : n;
  }, 0);
}

async function copyPeer(files, dir) {
  const t = performance.now();
  for (const f of files) await pipeline(createReadStream(f), createWriteStream(join(dir, 'copy.bin')));
  return performance.now() - t;
}

export async function runPackBench() {
  const dir = mkdtempSync(join(tmpdir(), 'adf-packbench-'));
  try {
    const input = join(dir, 'in');
    execFileSync('mkdir', ['-p', input]);
    execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'pack-input-worker.mjs'), input, '0', String(ZIPS_1X * 2)], { stdio: 'inherit' });
    const zips = readdirSync(input).sort().map((f) => join(input, f));
    const rows = [];
    // The last run: the default layout with --parallel (dialogue configs in a worker thread).
    const runs = [['1x', zips.slice(0, ZIPS_1X), 'sharegpt'], ['2x', zips, 'sharegpt'], ['1x', zips.slice(0, ZIPS_1X), 'none'], ['1x', zips.slice(0, ZIPS_1X), 'sharegpt', '--parallel']];
    for (const [label, files, dialogues, ...extra] of runs) {
      const out = join(dir, `out-${label}-${dialogues}${extra.join('')}`);
      // Gigabytes of the generated input, or of the last run's output, may still be on their way to the disk:
      // flushed first, so each pack is timed on a quiet disk rather than behind the previous step's writeback.
      execFileSync('sync');
      // The real command, as built: node bin/alien-dataflow.mjs pack …, with its peak RSS reported at exit.
      const t = performance.now();
      const run = spawnSync(process.execPath, ['--require', join(import.meta.dirname, 'report-peak-rss.cjs'), join(import.meta.dirname, '../bin/alien-dataflow.mjs'), 'pack', ...files, '--out', out, '--dialogues', dialogues, ...extra], { encoding: 'utf8', maxBuffer: 1e8 });
      if (run.status !== 0) throw new Error(`pack failed: ${run.stderr}`);
      const stats = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8'));
      const r = { ms: performance.now() - t, bytes: files.reduce((n, f) => n + statSync(f).size, 0), tasks: stats.tasks, steps: stats.steps, peak_rss: Number(/peak_rss_bytes=(\d+)/.exec(run.stderr)?.[1]) };
      execFileSync('sync');
      const peerMs = await copyPeer(files, dir);
      const mb = r.bytes / 1e6;
      rows.push({
        input: label, dialogues: `${dialogues}${extra.length ? ` ${extra.join(' ')}` : ''}`, zips: files.length, tasks: r.tasks, steps: r.steps, input_mb: round(mb, 0), dataset_mb: round(du(out) / 1e6, 0),
        pack_s: round(r.ms / 1000, 1), pack_mb_s: round(mb / (r.ms / 1000), 0), peak_rss_mb: Math.round(r.peak_rss / 1e6),
        copy_peer_mb_s: round(mb / (peerMs / 1000), 0), vs_copy: round(peerMs / r.ms, 2),
      });
      rmSync(out, { recursive: true, force: true });
    }
    const [one, two, stepsOnly, parallel] = rows;
    return {
      rows,
      targets: [
        { target: 'pack >= 100 MB/s (1x input, steps only: --dialogues none)', value: stepsOnly.pack_mb_s, pass: stepsOnly.pack_mb_s >= 100 },
        { target: 'pack >= 100 MB/s (1x input, default: steps + sharegpt config, twice the output)', value: one.pack_mb_s, pass: one.pack_mb_s >= 100 },
        { target: 'pack --parallel >= 100 MB/s (1x input, default layout, dialogue configs in a worker thread)', value: parallel.pack_mb_s, pass: parallel.pack_mb_s >= 100 },
        { target: 'pack --parallel peak RSS < 300 MB (1x input)', value: parallel.peak_rss_mb, pass: parallel.peak_rss_mb < 300 },
        { target: 'pack peak RSS < 300 MB (1x input, default)', value: one.peak_rss_mb, pass: one.peak_rss_mb < 300 },
        { target: 'pack peak RSS at 2x input <= 1.1x of 1x', value: round(two.peak_rss_mb / one.peak_rss_mb, 2), pass: two.peak_rss_mb <= one.peak_rss_mb * 1.1 },
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
