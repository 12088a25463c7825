// Datasets from real recordings: two tasks recorded through the popup and
// exported as two zips (the second export holds both tasks), plus the first
// zip given twice, packed by the built CLI into one dataset. DuckDB reads
// exactly the unique steps, every task whole and in one split, screenshots
// decode as PNG, and the card's configs point at files that exist.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { parse as parseYaml } from 'yaml';
import { DuckDBInstance } from '@duckdb/node-api';
import { launch, recorderStartedIn, startRecording, stopRecording, exportZip, trajectory, sleep, waitFor, storedStepCount, ROOT, type Session } from './harness';
import { loadPack, pythonTools } from './python-tools';

let session: Session;
/** The zips of the first test, for the real Python tools in the second. */
let recorded: string[] = [];
before(async () => {
  // Installing Python's tools (once per clone) overlaps the recording.
  void pythonTools();
  session = await launch();
});
after(async () => { await session?.close(); });

const newestZip = (dir: string): string => readdirSync(dir).filter((f) => f.endsWith('.zip')).map((f) => join(dir, f))
  .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!;

test('two recordings, three zips (one twice): pack keeps each step once, whole tasks per split, images that decode', async () => {
  const page = await session.browser.newPage();
  await page.goto(`${session.site.url}/demo/index.html`);
  const record = async (task: string): Promise<void> => {
    let stored = 0;
    await startRecording(session.browser, page, task);
    await recorderStartedIn(session.browser, page);
    for (const sel of ['#q', '#go']) {
      await page.click(sel);
      stored++;
      await waitFor(async () => (await storedStepCount(session.browser, page)) >= stored, 20_000);
      await sleep(300);
    }
    await stopRecording(session.browser, page);
  };
  await record('Search the shop');
  const first = await exportZip(session, page);
  const zipA = newestZip(session.downloads);
  await record('Search the shop again');
  const both = await trajectory(await exportZip(session, page));
  const zipB = newestZip(session.downloads);
  assert.notEqual(zipA, zipB);
  const unique = new Set(both.map((s) => `${s.task_id}/${s.step_id}`));
  assert.equal((await trajectory(first)).length, 2);
  assert.equal(unique.size, 4);
  const twice = join(session.downloads, 'again.zip');
  copyFileSync(zipA, twice);
  recorded = [zipA, zipB];

  const out = join(session.downloads, 'dataset');
  const printed = execFileSync(process.execPath, [join(ROOT, 'bin/alien-dataflow.mjs'), 'pack', zipA, zipB, twice, '--out', out], { encoding: 'utf8' });
  assert.match(printed, /2 tasks, 4 steps/);

  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const all = `read_parquet('${join(out, 'data')}/*.parquet', filename = true)`;
  const rows = (await db.runAndReadAll(`SELECT task_id, step_id, regexp_extract(filename, '(train|validation|test)-', 1) AS split, action.type AS type, action_browsergym AS bg FROM ${all} ORDER BY task_id, step_id`)).getRowObjectsJson();
  assert.equal(rows.length, 4, 'exactly the unique steps');
  assert.deepEqual(new Set(rows.map((r) => `${r.task_id}/${r.step_id}`)), unique);
  for (const id of new Set(rows.map((r) => r.task_id))) {
    const mine = rows.filter((r) => r.task_id === id);
    assert.equal(new Set(mine.map((r) => r.split)).size, 1, 'a task sits in one split');
    assert.deepEqual(mine.map((r) => r.step_id), [1, 2], 'and is whole');
  }
  assert.ok(rows.every((r) => /^click\('\d+'\)$/.test(String(r.bg))), 'BrowserGym actions name the dom_tree ids');
  const images = (await db.runAndReadAll(`SELECT image.bytes AS b FROM ${all}`)).getRowObjects();
  for (const { b } of images) {
    const png = PNG.sync.read(Buffer.from((b as { bytes: Uint8Array }).bytes));
    assert.ok(png.width > 100 && png.height > 100, 'a screenshot decodes');
  }

  const card = readFileSync(join(out, 'README.md'), 'utf8');
  const front = parseYaml(card.split('---')[1]!) as { configs: { data_files: { split: string; path: string }[] }[] };
  for (const f of front.configs[0]!.data_files) {
    const dir = join(out, 'data');
    const prefix = f.path.replace(/^data\//, '').replace(/\*\.parquet$/, '');
    assert.ok(readdirSync(dir).some((n) => n.startsWith(prefix) && existsSync(join(dir, n))), `${f.path} matches a file`);
  }
  const stats = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8'));
  assert.equal(stats.duplicates.filter((d: { kind: string }) => d.kind === 'same id').length, 2, 'task A seen twice more (in the second export and the copy), kept once');

  // --parallel writes the dialogue config in a worker thread of the built CLI: the same rows, image bytes and all.
  const parallel = join(session.downloads, 'dataset-parallel');
  execFileSync(process.execPath, [join(ROOT, 'bin/alien-dataflow.mjs'), 'pack', zipA, zipB, twice, '--out', parallel, '--parallel'], { encoding: 'utf8' });
  const dialogueRows = async (dir: string): Promise<string[]> => (await db.runAndReadAll(
    `SELECT id, md5(conversations::VARCHAR) AS c, list_transform(images, x -> md5(x.bytes)) AS i FROM read_parquet('${join(dir, 'sharegpt')}/*.parquet') ORDER BY id`,
  )).getRowObjectsJson().map((r) => JSON.stringify(r));
  const inProcess = await dialogueRows(out);
  assert.ok(inProcess.length >= 4, `a sharegpt row per step: ${inProcess.length}`);
  assert.deepEqual(await dialogueRows(parallel), inProcess);
  assert.deepEqual(readdirSync(join(parallel, 'sharegpt')).sort(), readdirSync(join(out, 'sharegpt')).sort(), 'the same shard files');
  await page.close();
});

test('the real datasets and pyarrow load a pack of those recordings: every config (grounding too) gives images, messages.jsonl reads', async (t) => {
  const py = await pythonTools();
  if ('skip' in py) {
    t.skip(py.skip);
    return;
  }
  assert.equal(recorded.length, 2, 'the recordings of the test above');
  const out = join(session.downloads, 'dataset-python');
  execFileSync(process.execPath, [join(ROOT, 'bin/alien-dataflow.mjs'), 'pack', ...recorded, '--out', out, '--formats', 'sharegpt,messages,grounding'], { encoding: 'utf8' });
  const front = parseYaml(readFileSync(join(out, 'README.md'), 'utf8').split('---')[1]!) as { configs: { config_name: string }[] };
  const configs = front.configs.map((c) => c.config_name);
  // grounding: one row per screenshot, its elements' boxes (issue 26, item 4), a config as the others.
  assert.deepEqual(configs, ['default', 'sharegpt', 'messages', 'grounding']);
  // messages.jsonl as exported, beside the zip: pyarrow's JSON reader wants one type per column across rows.
  const messages = join(session.downloads, 'messages.jsonl');
  const zip = await JSZip.loadAsync(readFileSync(recorded[1]!));
  writeFileSync(messages, await zip.file('messages.jsonl')!.async('uint8array'));
  const loaded = await loadPack(py.python, out, configs, [messages]);
  for (const c of configs) {
    assert.equal(loaded.configs[c], 'PIL', `load_dataset(dir, "${c}") gives images`);
    assert.equal(loaded.parquet[c], 'PIL', `load_dataset("parquet", data_dir=…) gives images for ${c}`);
  }
  // Each task's final state (issue 26, item 2) on its last row: an image for both loaders; outcome is null (unlabelled).
  assert.deepEqual(loaded.final, { configs: 'PIL', parquet: 'PIL' });
  assert.deepEqual(loaded.outcomes, { configs: ['None'], parquet: ['None'] });
  assert.equal(typeof loaded.messages[messages], 'number', `pyarrow reads messages.jsonl: ${loaded.messages[messages]}`);
  assert.ok(Number(loaded.messages[messages]) >= 4);
});
