// `alien-dataflow pack <zip|dir>… --out <dir>`: many exports into one dataset
// in the Hugging Face layout, sharded Parquet per split plus a dataset card.
// Sources are read one at a time through the guarded zip reader and
// validated; a bad one is reported and skipped, the rest is packed. Rows are
// written in row groups as they come (hyparquet-writer, flushed to disk after
// each group), so memory stays flat however many zips there are.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { OutputWriteError, ShardWriter } from './parquet-shards';
import { openDialogueSink } from './dialogue-thread';
import { GroundingShards } from './grounding-shards';
import type { DialogueSink } from './dialogue-shards';
import { growPagesInOneStep } from './parquet-page-growth';
import { ZIP_PATHS } from '../core/zip-layout';
import { SCHEMA_VERSION, type Step } from '../core/schema';
import { parseTrajectory, validateExport } from '../core/validate-export';
import { scrollsBefore } from '../core/formatters';
import { DIALOGUE_FORMATS, FORMAT_LIST, PARQUET_DIALOGUES } from '../core/formats/registry';
import type { ExportOptions } from '../core/export-options';
import { dialogueLines } from './dialogue-lines';
import type { Task } from '../core/task';
import { stepRow } from '../core/dataset/step-row';
import { SPLITS, splitOf, type SplitName, type SplitRatios } from '../core/dataset/split';
import { siteMatches, siteOf } from '../core/dataset/site';
import { datasetCard, type PackSummary } from '../core/dataset/card';
import { pageLanguage } from '../core/dataset/page-language';
import { rescrubStep } from '../core/rescrub';
import type { Scrubber } from '../core/scrub/scrubber';
import { finalOf, checkFinals, openExport, taskEntries, type ExportZip } from './zip-input';
import { rescrubFinal } from '../core/final-state';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from './input-limits';
import { checkFieldSizes } from './field-limits';
import { isHash } from '../core/safe-text';
import { groupBy } from '../core/group-by';
import { outcomeFromManifest, outcomeKept, type OutcomeFilter } from '../core/outcome';

/** Pack's own settings, and of the export options (core/export-options) the dialogue configs' formats and examples. */
export interface PackOptions extends Pick<ExportOptions, 'formats'>, Partial<Pick<ExportOptions, 'window' | 'maxImages' | 'coordinates' | 'grounding' | 'includeDom' | 'observation'>> {
  out: string;
  split: SplitRatios;
  /** Bytes of row data per shard before a new shard starts. */
  shardSize: number;
  scrubber: Scrubber | null;
  scrubConfigHash: string | null;
  allowDomains: string[] | null;
  denyDomains: string[] | null;
  /** Write the dialogue configs in a worker thread: faster on two cores, about 100 MB more memory. */
  parallel?: boolean;
  /** What one source may cost to read (bytes inflated, lines per file, screenshot pixels); the defaults when absent. */
  limits?: InputLimits;
  /** Only tasks with these reviewer's labels (`--outcome`); null: every task. */
  outcome?: OutcomeFilter[] | null;
  log: (line: string) => void;
}

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
    domains: {}, languages: {}, actionTypes: {}, scrubConfigHashes: [], rescrubbedWith: o.scrubConfigHash, extensionVersions: [], duplicates: [], filtered: [], dialogues: [], notHashes: [],
  };
  for (const p of problems) o.log(`skipped ${p.file}: ${p.error}`);
  const writers = Object.fromEntries(SPLITS.map((s) => [s, new ShardWriter(dataDir, s, o.shardSize)])) as Record<SplitName, ShardWriter>;
  let bytesIn: number;
  const dialogues = o.formats.length ? await openDialogueSink({ out, formats: o.formats, shardSize: o.shardSize, window: o.window, maxImages: o.maxImages, coordinates: o.coordinates, includeDom: o.includeDom, observation: o.observation }, o.parallel ?? false) : null;
  const grounding = o.grounding ? await GroundingShards.open(out, o.shardSize) : null;
  try {
    bytesIn = await packSources(files, o, summary, writers, dialogues, grounding);
    for (const split of SPLITS) summary.splits[split].files.push(...await writers[split].finish());
    await dialogues?.finish();
    await grounding?.finish();
    if (grounding) summary.grounding = grounding.rows;
  } catch (error) {
    await dialogues?.abort();
    throw error;
  }
  const configs = PARQUET_DIALOGUES.filter((f) => o.formats.includes(f.id));
  summary.dialogues.push(...configs.map((f) => f.id));
  if (summary.steps === 0) {
    await rm(out, { recursive: true, force: true });
    throw new Error(`nothing to pack: ${summary.sources.map((s) => `${s.file}: ${s.error ?? 'no tasks kept'}`).join('; ')}`);
  }
  const createdAt = new Date();
  await writeFile(join(out, 'README.md'), datasetCard(summary, createdAt));
  // Index files (dataset_info.json) describe the dialogue configs, each in its folder.
  for (const f of FORMAT_LIST) {
    if (f.kind !== 'index') continue;
    const content = f.content(configs.map((format) => ({ format, path: format.id })));
    if (content !== null) await writeFile(join(out, f.file), `${content}\n`);
  }
  await writeFile(join(out, 'stats.json'), `${JSON.stringify({ created_at: createdAt.toISOString(), bytes_in: bytesIn, ...summary }, null, 2)}\n`);
  return summary;
}

/**
 * Reads every source in turn into the step shards and the dialogue configs; a bad source is reported and
 * skipped. Returns the bytes of step data read.
 */
async function packSources(files: string[], o: PackOptions, summary: PackSummary, writers: Record<SplitName, ShardWriter>, dialogues: DialogueSink | null, grounding: GroundingShards | null): Promise<number> {
  let bytesIn = 0;
  const seenIds = new Map<string, string>();
  const seenContent = new Map<string, { taskId: string; source: string }>();

  for (const file of files) {
    const name = basename(file);
    const source = { file: name, tasks: 0, steps: 0 } as PackSummary['sources'][number];
    summary.sources.push(source);
    let exp: ExportZip | null = null;
    try {
      exp = await openExport(file, o.limits);
      const manifestVersion = exp.manifest?.schema_version;
      if (manifestVersion && majorOf(manifestVersion) > majorOf(SCHEMA_VERSION)) {
        throw new Error(`written with step schema ${manifestVersion}, newer than this tool's ${SCHEMA_VERSION}: update alien-dataflow`);
      }
      const lines = await exp.lines(ZIP_PATHS.trajectory);
      if (!lines) throw new Error(`no ${ZIP_PATHS.trajectory}: not an ALIEN Dataflow export`);
      // Parsed once (and the text let go), then validated: one copy of a zip's steps in memory at a time.
      const parsed = parseTrajectory(lines);
      lines.length = 0;
      // Lines that carry their screenshots (openai.jsonl) are as big as the screenshots: pack, which makes its
      // dialogues from the steps, leaves them to `validate` and keeps its memory flat.
      const dialogueText = await dialogueLines(exp, DIALOGUE_FORMATS.filter((f) => !f.inlineImages));
      const report = validateExport({ files: exp.files, trajectory: parsed, ...dialogueText, manifest: await exp.text(ZIP_PATHS.manifest), finals: await checkFinals(exp) });
      if (!report.ok) throw new Error(`invalid export (${report.errors.length} problems; first: ${report.errors[0]}); run alien-dataflow validate on it`);
      // With --config every field is scrubbed again: one too long to scrub refuses the source before any of its tasks is packed.
      if (o.scrubber) await checkSourceFields(exp, parsed.steps, o.limits ?? DEFAULT_INPUT_LIMITS);
      const byTask = groupBy(parsed.steps, (s) => s.task_id);
      parsed.steps.length = 0; // each task's steps are let go once written
      const manifest = exp.manifest;
      // Provenance that should be a hash is taken only as one: anything else (markup, a script) is left out, and said.
      const hashOf = (field: 'config_hash' | 'demonstrator_hash'): string | null => {
        const value = manifest?.[field];
        if (value === undefined || value === null || value === 'unknown' || isHash(value)) return isHash(value) ? value : null;
        summary.notHashes.push({ source: name, field });
        o.log(`${name}: manifest.${field} is not a hash (hex digits); left out of the rows and the card`);
        return null;
      };
      const configHash = hashOf('config_hash');
      const demonstratorHash = hashOf('demonstrator_hash');
      if (configHash && !summary.scrubConfigHashes.includes(configHash)) summary.scrubConfigHashes.push(configHash);
      if (manifest?.extension_version && !summary.extensionVersions.includes(manifest.extension_version)) summary.extensionVersions.push(manifest.extension_version);

      for (const [taskId, taskSteps] of byTask) {
        byTask.delete(taskId);
        const entry = taskEntries(manifest).get(taskId);
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
        // The label as the manifest has it: unlabelled stays unlabelled (null), never succeeded.
        const label = outcomeFromManifest(entry);
        if (!outcomeKept(label?.outcome, o.outcome ?? null)) {
          summary.filtered.push({ taskId, source: name, reason: `outcome ${label?.outcome ?? 'unlabelled'}, not in --outcome (${(o.outcome ?? []).join(', ')})` });
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
        // The final state (final/<task>.json), scrubbed again with --config like the steps; on the last row.
        let final = await finalOf(exp, taskId);
        if (final && o.scrubber) final = rescrubFinal(final, o.scrubber).state;
        const finalShot = final?.observation.screenshot_path;
        const finalImage = finalShot && exp.files.has(finalShot) ? await exp.image(finalShot) : null;
        const split = splitOf(taskId, o.split);
        const scrolls = scrollsBefore(rows);
        // A task's screenshots are read together: positional reads overlap instead of waiting one by one.
        const zip = exp;
        const images = await Promise.all(rows.map((st) => {
          const path = st.observation.screenshot_path;
          // The header against the image limits: whoever loads the dataset decodes these.
          return path && zip.files.has(path) ? zip.image(path) : Promise.resolve(null);
        }));
        if (dialogues) {
          const byPath: [string, Uint8Array][] = [];
          rows.forEach((st, k) => { if (st.observation.screenshot_path && images[k]) byPath.push([st.observation.screenshot_path, images[k]!]); });
          if (finalShot && finalImage) byPath.push([finalShot, finalImage]);
          const task: Task = { id: taskId, instruction, status: entry?.status ?? 'review', createdAt: 0, endedAt: null, stepCount: rows.length, ...(label ? { outcome: label } : {}) };
          // Examples leave the DOM out unless asked (`--observation dom|both`): not copying it to the dialogue thread
          // saves most of a step's text. The axtree, a fraction of its size, goes as it is.
          const keepDom = o.includeDom && o.observation !== 'axtree';
          const steps = keepDom ? rows : rows.map((st) => ({ ...st, observation: { ...st.observation, dom_tree: '' } }));
          await dialogues.add({ split, task, steps, images: byPath, final: final && { ...final, observation: { ...final.observation, dom_tree: '' } } });
        }
        for (const [i, step] of rows.entries()) {
          const image = images[i] ?? null;
          images[i] = null;
          const site = siteOf(step.observation.url);
          const row = stepRow({
            step, instruction, previousScroll: scrolls[i]!, image,
            outcome: label ? { outcome: label.outcome, failureStep: label.failureSeq } : null,
            final: final && i === rows.length - 1 ? { state: final, image: finalImage } : null,
            provenance: {
              sourceZip: name, extensionVersion: manifest?.extension_version ?? null, scrubConfigHash: configHash,
              recordedAt: entry?.created_at ?? null, demonstratorHash, site,
            },
          });
          const bytes = (image?.byteLength ?? 0) + step.observation.dom_tree.length + 1024;
          bytesIn += bytes;
          writers[split].add(row, bytes);
          grounding?.add(split, step, image);
          summary.steps++;
          source.steps++;
          summary.splits[split].steps++;
          if (image) summary.screenshots++;
          summary.actionTypes[step.action.type] = (summary.actionTypes[step.action.type] ?? 0) + 1;
          if (site) summary.domains[site] = (summary.domains[site] ?? 0) + 1;
          const lang = pageLanguage(step.observation.dom_tree);
          if (lang) summary.languages[lang] = (summary.languages[lang] ?? 0) + 1;
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

  return bytesIn;
}

/** A source's steps, final states and instructions against --max-field-chars (see field-limits). */
async function checkSourceFields(exp: ExportZip, steps: readonly Step[], limits: InputLimits): Promise<void> {
  const ids = [...new Set(steps.map((s) => s.task_id))];
  const tasks = ids.map((id) => {
    const entry = taskEntries(exp.manifest).get(id);
    return { id, instruction: entry?.instruction ?? '' };
  });
  checkFieldSizes({ steps, finals: [], tasks }, limits);
  for (const id of ids) {
    const final = await finalOf(exp, id);
    if (final) checkFieldSizes({ steps: [], finals: [final], tasks: [] }, limits);
  }
}

/** Read a domain list file for --domains / --exclude-domains. */
export async function readDomainList(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => { throw new Error(`cannot read the domain list ${path}`); });
}
