// Which Parquet writer packs datasets: hyparquet-writer (pure JS) against
// parquet-wasm (Rust's parquet crate in WebAssembly, fed Arrow tables built
// with apache-arrow), on the same rows shaped like packed steps: a 100 KB
// screenshot (incompressible bytes, as PNGs are), a 20 KB dom_tree and a few
// small columns. Each writer runs in its own child process so peak RSS is its own.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { round } from './lib.mjs';

const ROWS = 2000;

export function runParquetWritersBench() {
  const dir = mkdtempSync(join(tmpdir(), 'adf-pq-'));
  try {
    const rows = [];
    for (const writer of ['hyparquet-writer', 'parquet-wasm']) {
      const out = join(dir, `${writer}.parquet`);
      const json = execFileSync(process.execPath, [join(import.meta.dirname, 'parquet-writer-worker.mjs'), writer, out, String(ROWS)], { encoding: 'utf8', maxBuffer: 1e6 });
      const r = JSON.parse(json);
      const mb = r.input_bytes / 1e6;
      rows.push({ writer, rows: ROWS, input_mb: round(mb, 1), file_mb: round(statSync(out).size / 1e6, 1), ms: Math.round(r.ms), mb_s: round(mb / (r.ms / 1000), 1), peak_rss_mb: Math.round(r.peak_rss / 1e6) });
    }
    const [hy, wasm] = rows;
    return { rows, ratios: { time_wasm_vs_hyparquet: round(wasm.ms / hy.ms, 2), rss_wasm_vs_hyparquet: round(wasm.peak_rss_mb / hy.peak_rss_mb, 2) } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
