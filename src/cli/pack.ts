// `alien-dataflow pack <zip|dir>… --out <dir>`: many exports into one dataset
// in the Hugging Face layout, sharded Parquet per split plus a dataset card.
// Sources are read one at a time through the guarded zip reader and
// validated; a bad one is reported and skipped, the rest is packed. Rows are
// written in row groups as they come (hyparquet-writer, flushed to disk after
// each group), so memory stays flat however many zips there are.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { ParquetWriter } from 'hyparquet-writer';
import { ParquetFileWriter } from './parquet-file-writer';
import { growPagesInOneStep } from './parquet-page-growth';
import { ZIP_PATHS } from '../core/zip-layout';
import { SCHEMA_VERSION, type Step } from '../core/schema';
import { parseTrajectory, validateExport } from '../core/validate-export';
import { STEP_COLUMNS, parquetSchema, type Field } from '../core/dataset/columns';
import { datasetInfo, scrollsBefore, taskExamples } from '../core/formatters';
import { PARQUET_DIALOGUES, dialogueFormat, type DialogueFormat, type DialogueFormatId } from '../core/formats/registry';
import type { Task } from '../core/task';
import { stepRow } from '../core/dataset/step-row';
import { SPLITS, splitOf, type SplitName, type SplitRatios } from '../core/dataset/split';
import { siteMatches, siteOf } from '../core/dataset/site';
import { datasetCard, type PackSummary } from '../core/dataset/card';
import { rescrubStep } from '../core/rescrub';
import type { Scrubber } from '../core/scrub/scrubber';
import { openExport, type ExportZip } from './zip-input';

export interface PackOptions {
  out: string;
  split: SplitRatios;
  /** Bytes of row data per shard before a new shard starts. */
  shardSize: number;
  scrubber: Scrubber | null;
  scrubConfigHash: string | null;
  allowDomains: string[] | null;
  denyDomains: string[] | null;
  /** Dialogue configs to write beside the steps (sharegpt/, messages/): one row per training example. */
  dialogues: DialogueFormatId[];
  /** Steps per example and screenshots per example, as `format` takes them. */
  window?: number;
  maxImages?: number;
  log: (line: string) => void;
}

/** Row groups of about this much row data (or 128 rows): big enough for parallel readers, small enough to stay flat. */
const ROW_GROUP_BYTES = 4 * 1024 ** 2;
/**
 * Columns written PLAIN: screenshots and DOM trees are unique per row, so a
 * dictionary never pays and deciding that costs a hash of every value.
 * Screenshots are PNGs, already compressed: stored as they are.
 */
const COLUMN_OPTIONS: Record<string, { encoding?: 'PLAIN'; codec?: 'UNCOMPRESSED'; statistics?: false }> = {
  image: { encoding: 'PLAIN', codec: 'UNCOMPRESSED', statistics: false },
  images: { encoding: 'PLAIN', codec: 'UNCOMPRESSED', statistics: false },
  observation: { encoding: 'PLAIN' },
};
const ROW_GROUP_ROWS = 128;

/** Zip files named on the command line, and the .zip files inside folders named there. */
export async function expandSources(inputs: string[]): Promise<{ files: string[]; problems: { file: string; error: string }[] }> {
  const files: string[] = [];
  const problems: { file: string; error: string }[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (!info) problems.push({ file: input, error: 'no such file or folder' });
    else if (info.isDirectory()) {
      const zips = (await readdir(input)).filter((n) => n.toLowerCase().endsWith('.zip')).sort().map((n) => join(input, n));
      if (zips.length === 0) problems.push({ file: input, error: 'a folder with no .zip files in it' });
      files.push(...zips);
    } else files.push(input);
  }
  return { files, problems };
}

/** The dataset could not be written (disk full, no permission): the whole pack stops; no source is to blame. */
class OutputWriteError extends Error {}

/** Runs a write into the output, so that its failure stops the pack instead of being blamed on the zip being read. */
function writingOutput<T>(what: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    throw new OutputWriteError(`cannot write ${what}: ${(error as Error).message}`, { cause: error });
  }
}

/** One split's shards of one config: rows are buffered into row groups, and a shard is closed once it holds shardSize bytes. */
class ShardWriter {
  private writer: ParquetWriter | null = null;
  private file: ParquetFileWriter | null = null;
  private shardBytes = 0;
  private rows: Record<string, unknown>[] = [];
  private rowBytes = 0;
  readonly files: string[] = [];

  constructor(private readonly dir: string, private readonly split: SplitName, private readonly shardSize: number, private readonly columns: Field[] = STEP_COLUMNS) {}

  add(row: Record<string, unknown>, bytes: number): void {
    this.rows.push(row);
    this.rowBytes += bytes;
    if (this.rows.length >= ROW_GROUP_ROWS || this.rowBytes >= ROW_GROUP_BYTES) this.flush();
  }

  private flush(): void {
    if (this.rows.length === 0) return;
    if (!this.writer) {
      const path = join(this.dir, `${this.split}-${this.files.length}.parquet.partial`);
      this.files.push(path);
      this.writer = writingOutput(path, () => {
        this.file = new ParquetFileWriter(path);
        return new ParquetWriter({ writer: this.file, schema: parquetSchema(this.columns) as never, createdBy: 'alien-dataflow pack' });
      });
    }
    const rows = this.rows;
    const writer = this.writer;
    this.writing(() => writer.write({ columnData: this.columns.map((c) => ({ name: c.name, data: rows.map((r) => r[c.name]), ...COLUMN_OPTIONS[c.name] })), rowGroupSize: rows.length }));
    this.shardBytes += this.rowBytes;
    this.rows = [];
    this.rowBytes = 0;
    if (this.shardBytes >= this.shardSize) this.close();
  }

  /** A write into the open shard; when it fails, the shard's file is closed so the pack can remove it. */
  private writing(write: () => void): void {
    try {
      writingOutput(this.files.at(-1)!, write);
    } catch (error) {
      this.file?.abandon();
      throw error;
    }
  }

  close(): void {
    this.flush();
    const writer = this.writer;
    if (writer) this.writing(() => writer.finish());
    this.writer = null;
    this.file = null;
    this.shardBytes = 0;
  }
}

/** What makes two exports of one task the same: its instruction and every step's page, action and thought. */
function contentHash(instruction: string, steps: Step[]): string {
  const h = createHash('sha256').update(instruction);
  for (const s of steps) h.update(`\u0000${s.observation.url}\u0000${s.action.type}\u0000${JSON.stringify(s.action)}\u0000${s.thought_trace}\u0000${s.timestamp}`);
  return h.digest('hex');
}

function majorOf(version: string | undefined): number {
  return Number((version ?? '').split('.')[0]);
}

export async function pack(inputs: string[], o: PackOptions): Promise<PackSummary> {
  try {
    return await packInto(inputs, o);
  } catch (error) {
    // A dataset that could not be written whole is not left half-written: the folder was empty or new.
    if (error instanceof OutputWriteError) await rm(resolve(o.out), { recursive: true, force: true });
    throw error;
  }
}

async function packInto(inputs: string[], o: PackOptions): Promise<PackSummary> {
  growPagesInOneStep();
  const out = resolve(o.out);
  const existing = await readdir(out).catch(() => null);
  if (existing && existing.length > 0) throw new Error(`${o.out} is not empty: pack writes a new dataset into an empty or new folder`);
  const dataDir = join(out, 'data');
  await mkdir(dataDir, { recursive: true });

  const { files, problems } = await expandSources(inputs);
  const summary: PackSummary = {
    tasks: 0, steps: 0, screenshots: 0,
    splits: { train: { tasks: 0, steps: 0, files: [] }, validation: { tasks: 0, steps: 0, files: [] }, test: { tasks: 0, steps: 0, files: [] } },
    sources: problems.map((p) => ({ file: p.file, tasks: 0, steps: 0, error: p.error })),
    domains: {}, actionTypes: {}, scrubConfigHashes: [], rescrubbedWith: o.scrubConfigHash, extensionVersions: [], duplicates: [], filtered: [], dialogues: [],
  };
  for (const p of problems) o.log(`skipped ${p.file}: ${p.error}`);
  const writers = Object.fromEntries(SPLITS.map((s) => [s, new ShardWriter(dataDir, s, o.shardSize)])) as Record<SplitName, ShardWriter>;
  const dialogueWriters: { name: DialogueFormatId; dir: string; row: NonNullable<DialogueFormat['parquet']>['row']; writers: Record<SplitName, ShardWriter> }[] = [];
  for (const format of PARQUET_DIALOGUES.filter((f) => o.dialogues.includes(f.id))) {
    const dir = join(out, format.id);
    await mkdir(dir, { recursive: true });
    const { columns, row } = format.parquet!;
    dialogueWriters.push({ name: format.id, dir, row, writers: Object.fromEntries(SPLITS.map((sp) => [sp, new ShardWriter(dir, sp, o.shardSize, columns)])) as Record<SplitName, ShardWriter> });
  }
  const seenIds = new Map<string, string>();
  const seenContent = new Map<string, { taskId: string; source: string }>();
  let bytesIn = 0;

  for (const file of files) {
    const name = basename(file);
    const source = { file: name, tasks: 0, steps: 0 } as PackSummary['sources'][number];
    summary.sources.push(source);
    let exp: ExportZip | null = null;
    try {
      exp = await openExport(file);
      const manifestVersion = exp.manifest?.schema_version;
      if (manifestVersion && majorOf(manifestVersion) > majorOf(SCHEMA_VERSION)) {
        throw new Error(`written with step schema ${manifestVersion}, newer than this tool's ${SCHEMA_VERSION}: update alien-dataflow`);
      }
      const lines = await exp.lines(ZIP_PATHS.trajectory);
      if (!lines) throw new Error(`no ${ZIP_PATHS.trajectory}: not an ALIEN Dataflow export`);
      // Parsed once (and the text let go), then validated: one copy of a zip's steps in memory at a time.
      const parsed = parseTrajectory(lines);
      lines.length = 0;
      const report = validateExport({ files: exp.files, trajectory: parsed, sharegpt: await exp.lines(dialogueFormat('sharegpt').file), manifest: await exp.text(ZIP_PATHS.manifest) });
      if (!report.ok) throw new Error(`invalid export (${report.errors.length} problems; first: ${report.errors[0]}); run alien-dataflow validate on it`);
      const byTask = new Map<string, Step[]>();
      for (const s of parsed.steps) byTask.set(s.task_id, [...(byTask.get(s.task_id) ?? []), s]);
      parsed.steps.length = 0; // each task's steps are let go once written
      const manifest = exp.manifest;
      if (manifest?.config_hash && !summary.scrubConfigHashes.includes(manifest.config_hash)) summary.scrubConfigHashes.push(manifest.config_hash);
      if (manifest?.extension_version && !summary.extensionVersions.includes(manifest.extension_version)) summary.extensionVersions.push(manifest.extension_version);

      for (const [taskId, taskSteps] of byTask) {
        byTask.delete(taskId);
        const entry = manifest?.tasks.find((t) => t.task_id === taskId);
        let instruction = entry?.instruction ?? '';
        const keptFrom = seenIds.get(taskId);
        if (keptFrom) {
          summary.duplicates.push({ taskId, source: name, kind: 'same id', keptFrom });
          o.log(`${name}: task ${taskId} was already packed from ${keptFrom}; kept once`);
          continue;
        }
        const sites = [...new Set(taskSteps.map((s) => siteOf(s.observation.url)).filter((x): x is string => !!x))];
        if (o.allowDomains && !sites.every((x) => siteMatches(x, o.allowDomains!))) {
          summary.filtered.push({ taskId, source: name, reason: `a site not in --domains (${sites.filter((x) => !siteMatches(x, o.allowDomains!)).join(', ')})` });
          continue;
        }
        if (o.denyDomains && sites.some((x) => siteMatches(x, o.denyDomains!))) {
          summary.filtered.push({ taskId, source: name, reason: `a site in --exclude-domains (${sites.filter((x) => siteMatches(x, o.denyDomains!)).join(', ')})` });
          continue;
        }
        seenIds.set(taskId, name);
        const hash = contentHash(instruction, taskSteps);
        const twin = seenContent.get(hash);
        if (twin) {
          summary.duplicates.push({ taskId, source: name, kind: 'same content', keptFrom: `${twin.taskId} in ${twin.source}` });
          o.log(`${name}: task ${taskId} has the same content as task ${twin.taskId} in ${twin.source} (kept both: their ids differ)`);
        } else seenContent.set(hash, { taskId, source: name });

        let rows = taskSteps;
        if (o.scrubber) {
          const scrubber = o.scrubber;
          rows = taskSteps.map((s) => rescrubStep(s, scrubber).step);
          instruction = scrubber.redact(instruction).text;
        }
        const split = splitOf(taskId, o.split);
        const scrolls = scrollsBefore(rows);
        // A task's screenshots are read together: positional reads overlap instead of waiting one by one.
        const zip = exp;
        const images = await Promise.all(rows.map((st) => {
          const path = st.observation.screenshot_path;
          return path && zip.files.has(path) ? zip.bytes(path) : Promise.resolve(null);
        }));
        if (dialogueWriters.length) {
          const byPath = new Map<string, Uint8Array>();
          rows.forEach((st, k) => { if (st.observation.screenshot_path && images[k]) byPath.set(st.observation.screenshot_path, images[k]!); });
          const task: Task = { id: taskId, instruction, status: entry?.status ?? 'review', createdAt: 0, endedAt: null, stepCount: rows.length };
          for (const e of taskExamples(task, rows, { actionStyle: 'json', includeDom: false, window: o.window, maxImages: o.maxImages })) {
            const bytes = e.turns.reduce((n, t) => n + t.observation.length + t.answer.length + (t.image ? byPath.get(t.image)?.byteLength ?? 0 : 0), 0);
            for (const d of dialogueWriters) d.writers[split].add(d.row(e, byPath), bytes);
          }
        }
        for (const [i, step] of rows.entries()) {
          const image = images[i] ?? null;
          images[i] = null;
          const site = siteOf(step.observation.url);
          const row = stepRow({
            step, instruction, previousScroll: scrolls[i]!, image,
            provenance: {
              sourceZip: name, extensionVersion: manifest?.extension_version ?? null, scrubConfigHash: manifest?.config_hash ?? null,
              recordedAt: entry?.created_at ?? null, demonstratorHash: manifest?.demonstrator_hash ?? null, site,
            },
          });
          const bytes = (image?.byteLength ?? 0) + step.observation.dom_tree.length + 1024;
          bytesIn += bytes;
          writers[split].add(row, bytes);
          summary.steps++;
          source.steps++;
          summary.splits[split].steps++;
          if (image) summary.screenshots++;
          summary.actionTypes[step.action.type] = (summary.actionTypes[step.action.type] ?? 0) + 1;
          if (site) summary.domains[site] = (summary.domains[site] ?? 0) + 1;
        }
        summary.tasks++;
        source.tasks++;
        summary.splits[split].tasks++;
      }
      o.log(`packed ${name}: ${source.tasks} tasks, ${source.steps} steps`);
    } catch (error) {
      if (error instanceof OutputWriteError) throw error;
      source.error = (error as Error).message;
      o.log(`skipped ${name}: ${source.error}`);
    } finally {
      await exp?.close();
    }
  }

  // Close every shard, then give them their final names, which need the shard count.
  const finish = async (dir: string, w: ShardWriter, split: SplitName): Promise<string[]> => {
    w.close();
    const n = w.files.length;
    const names: string[] = [];
    for (let i = 0; i < n; i++) {
      const final = join(dir, `${split}-${String(i).padStart(5, '0')}-of-${String(n).padStart(5, '0')}.parquet`);
      await rename(w.files[i]!, final);
      names.push(`${basename(dir)}/${basename(final)}`);
    }
    return names;
  };
  for (const split of SPLITS) summary.splits[split].files.push(...await finish(dataDir, writers[split], split));
  for (const d of dialogueWriters) {
    for (const split of SPLITS) await finish(d.dir, d.writers[split], split);
    summary.dialogues.push(d.name);
  }
  if (summary.steps === 0) {
    await rm(out, { recursive: true, force: true });
    throw new Error(`nothing to pack: ${summary.sources.map((s) => `${s.file}: ${s.error ?? 'no tasks kept'}`).join('; ')}`);
  }
  const createdAt = new Date();
  await writeFile(join(out, 'README.md'), datasetCard(summary, createdAt));
  if (o.dialogues.includes('sharegpt')) await writeFile(join(out, 'dataset_info.json'), `${JSON.stringify(datasetInfo({ sharegpt: 'sharegpt' }), null, 2)}\n`);
  await writeFile(join(out, 'stats.json'), `${JSON.stringify({ created_at: createdAt.toISOString(), bytes_in: bytesIn, ...summary }, null, 2)}\n`);
  return summary;
}

/** Read a domain list file for --domains / --exclude-domains. */
export async function readDomainList(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => { throw new Error(`cannot read the domain list ${path}`); });
}
