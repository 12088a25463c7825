// `alien-dataflow pack` end to end on real export zips (written by the
// extension's own export writer): two exports, one of them given twice, a
// corrupt zip and an empty folder. The dataset is read back with two
// independent readers, DuckDB and hyparquet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { parse as parseYaml } from 'yaml';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { spawnSync } from 'node:child_process';
import { main } from '../../src/cli/main';
import { writeExport, inBatches } from '../../src/core/export-writer';
import type { Step } from '../../src/core/schema';
import { step, task } from './fixtures';

let dir: string;
const CONFIG_HASH = 'c0ffee00c0ffee00';
/** A demonstrator hash (64 hex digits) per seed. */
const demonstrator = (seed: number): string => `${'d'.repeat(63)}${seed}`;

/** A flat 8x6 PNG, or a `noisy` one that does not compress (about 16 KB), to make output that fills a disk. */
function png(shade: number, noisy = false): Uint8Array {
  const p = noisy ? new PNG({ width: 64, height: 64 }) : new PNG({ width: 8, height: 6 });
  let x = shade + 1;
  if (noisy) p.data.forEach((_v, i) => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; p.data[i] = x >>> 24; });
  else p.data.fill(shade);
  return PNG.sync.write(p);
}

/** An export zip of `tasks` tasks with `steps` steps each; task ids and URLs come from `seed`. */
async function exportZip(name: string, seed: number, tasks: number, steps: number, host = 'shop.example.co.uk', noisy = false): Promise<string> {
  const list = Array.from({ length: tasks }, (_v, t) => {
    const id = `${String(seed).padStart(8, '0')}-0000-4000-8000-${String(t).padStart(12, '0')}`;
    const ss: Step[] = Array.from({ length: steps }, (_w, i) => {
      const base = step(i + 1);
      return {
        ...base, task_id: id, timestamp: 1_700_000_000_000 + seed * 1000 + t * 100 + i,
        observation: { ...base.observation, url: `https://www.${host}/p/${t}`, screenshot_path: `images/${id}/step_${i + 1}.png` },
        action: i === steps - 1 ? { type: 'scroll', coordinates: null, element_id: null, scroll: { x: 0, y: 400 } } : base.action,
      };
    });
    return { task: task({ id, instruction: `Task ${seed}.${t}`, stepCount: steps }), steps: ss };
  });
  const chunks: Uint8Array[] = [];
  await writeExport(
    {
      tasks: list.map((l) => l.task),
      steps: (id) => inBatches(list.find((l) => l.task.id === id)!.steps.map((s) => ({ step: s, imageId: s.observation.screenshot_path, redactions: {} }))),
      image: async (path) => png(Number(path.match(/step_(\d+)/)?.[1] ?? 0) * 20, noisy),
    },
    { formats: ['sharegpt', 'messages'], actionStyle: 'json', includeDom: false, extensionVersion: '0.1.0', configHash: CONFIG_HASH, now: new Date(0), demonstratorHash: demonstrator(seed) },
    (chunk) => { chunks.push(chunk); },
  );
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat(chunks));
  return path;
}

beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'adf-pack-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pack', () => {
  it('packs unique tasks whole into splits, reports bad sources, and reads back in DuckDB and hyparquet', async () => {
    const a = await exportZip('a.zip', 1, 6, 3);
    const b = await exportZip('b.zip', 2, 4, 2, 'other.example.com');
    mkdirSync(join(dir, 'copies'));
    writeFileSync(join(dir, 'copies', 'a-again.zip'), readFileSync(a));
    writeFileSync(join(dir, 'broken.zip'), 'PK\u0003\u0004 not really a zip');
    mkdirSync(join(dir, 'empty'));
    const out = join(dir, 'dataset');

    expect(await main(['pack', a, b, join(dir, 'copies'), join(dir, 'broken.zip'), join(dir, 'empty'), '--out', out, '--split', '0.5,0.25,0.25', '--dialogues', 'sharegpt,messages'])).toBe(0);

    const stats = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8'));
    expect(stats.tasks).toBe(10);
    expect(stats.steps).toBe(6 * 3 + 4 * 2);
    expect(stats.duplicates.filter((d: { kind: string }) => d.kind === 'same id')).toHaveLength(6);
    const errors = Object.fromEntries(stats.sources.filter((s: { error?: string }) => s.error).map((s: { file: string; error: string }) => [s.file, s.error]));
    expect(Object.keys(errors).sort()).toEqual(['broken.zip', join(dir, 'empty')].sort());
    expect(errors['broken.zip']).toMatch(/not a readable export zip/);
    expect(stats.domains).toEqual({ 'example.co.uk': 18, 'example.com': 8 });

    // The card's configs point at files that exist, and its split counts add up.
    const card = readFileSync(join(out, 'README.md'), 'utf8');
    const front = parseYaml(card.split('---')[1]!) as { configs: { config_name: string; data_files: { split: string; path: string }[] }[]; dataset_info: { config_name: string; features: { name: string; dtype?: string; sequence?: string }[]; splits?: { name: string; num_examples: number }[] }[] };
    expect(front.configs.map((c) => c.config_name)).toEqual(['default', 'sharegpt', 'messages']);
    for (const c of front.configs.slice(1)) {
      for (const f of c.data_files) {
        const [folder, pattern] = f.path.split('/');
        expect(readdirSync(join(out, folder!)).some((n) => n.startsWith(pattern!.replace('*.parquet', '')))).toBe(true);
      }
    }
    expect(JSON.parse(readFileSync(join(out, 'dataset_info.json'), 'utf8')).alien_dataflow).toMatchObject({ file_name: 'sharegpt', columns: { system: 'system' } });
    const files: string[] = [];
    for (const f of front.configs[0]!.data_files) {
      const matching = stats.splits[f.split].files as string[];
      expect(matching.length).toBeGreaterThan(0);
      for (const m of matching) expect(existsSync(join(out, m))).toBe(true);
      files.push(...matching);
    }
    // One dataset_info entry per config, each typing its screenshots as images (issue 27).
    expect(front.dataset_info.map((c) => c.config_name)).toEqual(['default', 'sharegpt', 'messages']);
    const info = Object.fromEntries(front.dataset_info.map((c) => [c.config_name, c]));
    expect(info.default!.splits!.reduce((n, s) => n + s.num_examples, 0)).toBe(26);
    expect(info.default!.features.find((f) => f.name === 'image')).toEqual({ name: 'image', dtype: 'image' });
    for (const d of ['sharegpt', 'messages']) expect(info[d]!.features.find((f) => f.name === 'images')).toEqual({ name: 'images', sequence: 'image' });
    expect(front).toMatchObject({ license: 'other', license_name: expect.any(String), license_link: expect.any(String) });

    // DuckDB: exactly the unique steps, each task in one split, whole; images decode; actions queryable.
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const all = `read_parquet('${join(out, 'data')}/*.parquet', filename = true)`;
    const q = async (sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJson();
    expect(await q(`SELECT count(*)::INT n, count(DISTINCT task_id)::INT t FROM ${all}`)).toEqual([{ n: 26, t: 10 }]);
    expect(await q(`SELECT count(*)::INT n FROM (SELECT task_id FROM ${all} GROUP BY task_id HAVING count(DISTINCT regexp_extract(filename, '(train|validation|test)-')) > 1)`)).toEqual([{ n: 0 }]);
    expect(await q(`SELECT count(*)::INT n FROM (SELECT task_id, max(step_id) m, count(*) c FROM ${all} GROUP BY 1) WHERE m <> c`)).toEqual([{ n: 0 }]);
    expect(await q(`SELECT DISTINCT demonstrator_hash AS h FROM ${all} ORDER BY 1`)).toEqual([{ h: demonstrator(1) }, { h: demonstrator(2) }]);
    expect(await q(`SELECT action.type AS type, count(*)::INT n FROM ${all} GROUP BY 1 ORDER BY 1`)).toEqual([{ type: 'click', n: 16 }, { type: 'scroll', n: 10 }]);
    expect(await q(`SELECT action_browsergym b, action_pyautogui p FROM ${all} WHERE action.type = 'click' LIMIT 1`)).toEqual([{ b: "click('42')", p: 'pyautogui.click(x=60, y=35)' }]);
    const joined = await q(`SELECT count(DISTINCT s.instruction)::INT n FROM ${all} s JOIN (SELECT DISTINCT task_id FROM ${all} WHERE step_id = 1) t USING (task_id)`);
    expect(joined).toEqual([{ n: 10 }]);
    const bytes = (await db.runAndReadAll(`SELECT image.bytes AS b FROM ${all} WHERE step_id = 2 LIMIT 1`)).getRowObjects()[0]!.b as { bytes: Uint8Array };
    const decoded = PNG.sync.read(Buffer.from(bytes.bytes));
    expect([decoded.width, decoded.height, decoded.data[0]]).toEqual([8, 6, 40]);

    // The dialogue configs: one example per step, turns in order, screenshots inline.
    const share = `read_parquet('${join(out, 'sharegpt')}/*.parquet')`;
    expect(await q(`SELECT count(*)::INT n, sum(len(images))::INT i, min(len(conversations))::INT c FROM ${share}`)).toEqual([{ n: 26, i: 26, c: 2 }]);
    expect(await q(`SELECT conversations[1]."from" AS f, conversations[2]."from" AS g FROM ${share} LIMIT 1`)).toEqual([{ f: 'human', g: 'gpt' }]);
    const inline = (await db.runAndReadAll(`SELECT images[1].bytes AS b FROM ${share} LIMIT 1`)).getRowObjects()[0]!.b as { bytes: Uint8Array };
    expect(PNG.sync.read(Buffer.from(inline.bytes)).width).toBe(8);
    expect(await q(`SELECT messages[1].role AS r FROM read_parquet('${join(out, 'messages')}/*.parquet') LIMIT 1`)).toEqual([{ r: 'system' }]);

    // hyparquet, a second reader: the same row count, provenance columns present.
    let rows = 0;
    for (const f of files) {
      const buf = readFileSync(join(out, f));
      const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
      rows += Number((await parquetMetadataAsync(file)).num_rows);
      const objects = await parquetReadObjects({ file, columns: ['task_id', 'source_zip', 'site', 'scrub_config_hash'] });
      for (const o of objects) expect(o).toMatchObject({ source_zip: expect.stringMatching(/^(a|b)\.zip$/), scrub_config_hash: CONFIG_HASH });
    }
    expect(rows).toBe(26);
  });

  it('keeps or drops whole tasks by site, and refuses a folder that is not empty', async () => {
    const a = await exportZip('c.zip', 3, 2, 2);
    const b = await exportZip('d.zip', 4, 2, 2, 'blocked.example.org');
    writeFileSync(join(dir, 'deny.txt'), '# never release\nexample.org\n');
    const out = join(dir, 'filtered');
    expect(await main(['pack', a, b, '--out', out, '--exclude-domains', join(dir, 'deny.txt')])).toBe(0);
    const stats = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8'));
    expect(stats.tasks).toBe(2);
    expect(stats.filtered).toHaveLength(2);
    expect(Object.keys(stats.domains)).toEqual(['example.co.uk']);
    expect(await main(['pack', a, '--out', out])).toBe(1);
  });

  it('stops with the file it could not write when the output runs out of room, blaming no source', async () => {
    const a = await exportZip('full-a.zip', 5, 1, 150, 'shop.example.co.uk', true);
    const b = await exportZip('full-b.zip', 6, 2, 2);
    const out = join(dir, 'no-room');
    // A file size limit stands in for a full disk: writes past 4 KB fail with EFBIG (the signal is ignored so they return an error).
    const run = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f 4; exec "${process.execPath}" --import tsx src/cli/entry.ts pack "${a}" "${b}" --out "${out}"`], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/cannot write .*\.parquet.*(EFBIG|too large)/i);
    expect(run.stdout + run.stderr).not.toMatch(/skipped full-[ab]\.zip/);
    expect(existsSync(out), 'no half-written dataset is left').toBe(false);
  }, 60_000); // a child node compiling the CLI through tsx: seconds on a loaded machine

  it('says why when nothing can be packed', async () => {
    writeFileSync(join(dir, 'junk.zip'), 'junk');
    expect(await main(['pack', join(dir, 'junk.zip'), '--out', join(dir, 'none')])).toBe(1);
    expect(existsSync(join(dir, 'none'))).toBe(false);
  });
});
