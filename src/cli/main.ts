// alien-dataflow: the command line over the same core the extension uses.
//   validate <zip>                       schema, element ids, image references, counts
//   stats <zip> [--json]                 tasks, steps, actions, screenshots
//   format <zip> [--out DIR] [--action-style json|call|browsergym|pyautogui] [--include-dom] [--window N] [--max-images N] [--coordinates pixels|normalized]
//          [--formats sharegpt,messages,openai] [--openai] [--image-url-prefix URL] [--detail low] [--min-replay 0.9] [--outcome failed,…]
//                                        write the dialogue files (formats/registry) from trajectory.jsonl
//   scrub <in.zip> <out.zip> [--config scrubber.yaml] [--text-only]
//                                        re-apply a scrubber config to every text field and (by OCR) every
//                                        screenshot, rewrite the zip
//   pack <zip|dir>… --out DIR [--split 0.9,0.05,0.05] [--shard-size MB] [--config scrubber.yaml]
//        [--domains allow.txt] [--exclude-domains deny.txt] [--formats sharegpt,messages|none] [--window N] [--max-images N] [--coordinates pixels|normalized] [--observation dom|axtree|both] [--parallel]
//        [--outcome succeeded|failed|partial|unlabelled,…]
//   export flags are the export options' names (core/export-options, cli/export-flags); --dom and --dialogues still work
//   replay <zip> [--report out.json] [--annotate copy.zip] [--task ID] [--headed] [--timeout ms] [--yes | --hosts h[:port],…]
//                                        replay each task in Chromium; per-step ok / failed / skipped with reasons
//   every command that reads zips: [--max-inflated-bytes 4G] [--max-lines 1000000] [--max-image-pixels 64M] [--max-image-side 16384]
//                                        many exports into one dataset: sharded Parquet per split + card
import { mkdir, readFile, realpath, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ZIP_PATHS } from '../core/zip-layout';
import { parseTrajectory, validateExport, exportStats } from '../core/validate-export';
import { taskExamples, estimateTokens, CONTEXT_TOKENS } from '../core/formatters';
import {
  DEFAULT_DIALOGUE_IDS, DEFAULT_PARQUET_IDS, DIALOGUE_FORMATS, DIALOGUE_FORMAT_IDS, FORMAT_LIST, PARQUET_DIALOGUES, formatLine, formatsIn, unknownFormat, type DialogueFormat,
} from '../core/formats/registry';
import type { ExportOptions } from '../core/export-options';
import { EXPORT_FLAGS, exportOptionsFromFlags } from './export-flags';
import { writeGroundingFile } from './grounding-file';
import { UsageError } from './usage-error';
import { parseScrubConfig, formatConfigErrors, configHash } from '../core/scrub/config';
import type { ScrubConfig } from '../core/scrub/config';
import type { Scrubber } from '../core/scrub/scrubber';
import { rescrubStep } from '../core/rescrub';
import { inBatches, writeExport, type ExportStep } from '../core/export-writer';
import { finalOf, finalTexts, openExport, tasksOf } from './zip-input';
import { FINAL_JSON_PATH, rescrubFinal } from '../core/final-state';
import { dialogueLines } from './dialogue-lines';
import { createImageScrubber } from './image-scrub';
import { DEFAULT_INPUT_LIMITS, formatAmount, limitsFrom, type InputLimits } from './input-limits';
import { isHash, terminalText } from '../core/safe-text';
import { pack, readDomainList } from './pack';
import { annotateExport, replay } from './replay';
import { writeZipAtomically } from './write-zip-atomically';
import { DEFAULT_SPLIT, SPLITS, parseSplit } from '../core/dataset/split';
import { parseDomainList } from '../core/dataset/site';
import { outcomeFromManifest, outcomeKept, parseOutcomeFilter, type OutcomeFilter } from '../core/outcome';

const USAGE = `usage:
  alien-dataflow validate <export.zip>
  alien-dataflow stats <export.zip> [--json]
  alien-dataflow format <export.zip> [--out DIR] [--action-style json|call|browsergym|pyautogui] [--include-dom]
                        [--window N] [--max-images N] [--coordinates pixels|normalized] [--formats ${[...DIALOGUE_FORMAT_IDS, 'grounding'].join(',')}] [--observation dom|axtree|both] ${DIALOGUE_FORMATS.filter((f) => !f.defaultOn).map((f) => `[--${f.id}]`).join(' ')}
                        [--image-url-prefix URL] [--detail low] [--min-replay 0.9] [--outcome succeeded|failed|partial|unlabelled,…]
  alien-dataflow scrub <in.zip> <out.zip> [--config scrubber.yaml] [--text-only]
  alien-dataflow pack <export.zip|folder>… --out DIR [--split 0.9,0.05,0.05] [--shard-size MB]
                      [--config scrubber.yaml] [--domains allow.txt] [--exclude-domains deny.txt]
                      [--formats ${[...PARQUET_DIALOGUES.map((f) => f.id), 'grounding'].join(',')}|none] [--window N] [--max-images N] [--coordinates pixels|normalized] [--observation dom|axtree|both] [--parallel]
                      [--outcome succeeded|failed|partial|unlabelled,…]   (the reviewer's label; unlabelled tasks only by name)
  alien-dataflow replay <export.zip> [--report out.json] [--annotate copy.zip] [--task ID] [--headed] [--timeout ms]
                        [--yes | --hosts host[:port],…]   (every host the replay touches is asked about, loopback too)
limits on what an input zip may cost (every command; an error names the limit it hit):
  --max-inflated-bytes N   all entries of one zip, uncompressed (default ${formatAmount(DEFAULT_INPUT_LIMITS.maxInflatedBytes, 'bytes')}; K, M, G suffixes)
  --max-lines N            lines of one text file (default ${formatAmount(DEFAULT_INPUT_LIMITS.maxLines, 'count')})
  --max-image-pixels N     pixels of one screenshot, read from its PNG header before decoding (default ${formatAmount(DEFAULT_INPUT_LIMITS.maxImagePixels, 'pixels')})
  --max-image-side N       width or height of one screenshot (default ${formatAmount(DEFAULT_INPUT_LIMITS.maxImageSide, 'count')})`;

const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// What the CLI prints holds names and messages from the zips it reads: no escape sequence reaches the terminal.
const print = (text: string): void => console.log(terminalText(text, true));
const printError = (text: string): void => console.error(terminalText(text, true));

/** Do two paths name the same file (the second need not exist yet)? */
async function sameFile(a: string, b: string): Promise<boolean> {
  const real = async (p: string): Promise<string> => realpath(p).catch(() => resolve(p));
  return (await real(a)) === (await real(b));
}

/**
 * The scrubber and its NER, loaded only by the commands that scrub: the
 * name lexicon, compromise and the date parsers cost ~50 MB and a moment to
 * load, which validate, stats, format and pack without --config do not need.
 */
async function loadScrubber(config: ScrubConfig): Promise<Scrubber> {
  const [{ createScrubber }, { defaultEntityRecognizer }] = await Promise.all([import('../core/scrub/scrubber'), import('../core/scrub/cued-entities')]);
  return createScrubber(config, defaultEntityRecognizer());
}

async function trajectoryOf(path: string, limits: InputLimits) {
  const exp = await openExport(path, limits);
  const text = await exp.lines(ZIP_PATHS.trajectory);
  if (text === null) throw new UsageError(`${path} has no ${ZIP_PATHS.trajectory}: is it an ALIEN Dataflow export?`);
  return { exp, text };
}

/** Problems `validate` prints one per line. */
const MAX_PRINTED_PROBLEMS = 100;

async function validate(path: string, limits: InputLimits): Promise<number> {
  const { exp, text } = await trajectoryOf(path, limits);
  const report = validateExport({ files: exp.files, trajectory: text, ...await dialogueLines(exp), manifest: await exp.text(ZIP_PATHS.manifest), finals: await finalTexts(exp) });
  await exp.close();
  if (report.ok) {
    print(`OK: ${report.tasks} tasks, ${report.steps} steps, every image and element id present`);
    return 0;
  }
  // A hostile zip can hold a million bad lines (or one line with a million bad parts): the first ones, then a count.
  for (const e of report.errors.slice(0, MAX_PRINTED_PROBLEMS)) printError(`error: ${e}`);
  if (report.errors.length > MAX_PRINTED_PROBLEMS) printError(`… and ${report.errors.length - MAX_PRINTED_PROBLEMS} more`);
  printError(`${report.errors.length} problems in ${path}`);
  return 1;
}

async function stats(path: string, json: boolean, limits: InputLimits): Promise<number> {
  const { exp, text } = await trajectoryOf(path, limits);
  const { steps, errors } = parseTrajectory(text);
  const s = exportStats(steps);
  const report = JSON.parse((await exp.text(ZIP_PATHS.scrubReport)) ?? '{"totals":{}}') as { totals: Record<string, number> };
  // Final states (final/<task>.json) and the reviewer's labels (manifest.json), unlabelled counted apart.
  const finalStates = [...exp.files].filter((f) => FINAL_JSON_PATH.test(f)).length;
  const outcomes: Record<string, number> = {};
  for (const t of Array.isArray(exp.manifest?.tasks) ? exp.manifest.tasks : []) {
    const o = outcomeFromManifest(t)?.outcome ?? 'unlabelled';
    outcomes[o] = (outcomes[o] ?? 0) + 1;
  }
  if (json) {
    print(JSON.stringify({ ...s, final_states: finalStates, outcomes, redactions: report.totals, invalid_lines: errors.length }, null, 2));
    return 0;
  }
  print(`tasks ${s.tasks}, steps ${s.steps} (per task ${s.steps_per_task.min}-${s.steps_per_task.max}, mean ${s.steps_per_task.mean})`);
  print(`screenshots ${s.screenshots} (${s.fresh_screenshots} fresh pre-action frames)`);
  print(`actions: ${Object.entries(s.actions).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  print(`mean dom_tree ${s.avg_dom_tree_chars} chars`);
  print(`final states ${finalStates}; outcomes: ${Object.entries(outcomes).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
  print(`redactions: ${Object.entries(report.totals).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
  if (errors.length) print(`${errors.length} trajectory lines do not match the schema (run validate)`);
  return 0;
}

/** `--outcome`, read apart from the export options: it filters tasks by their reviewer's label (core/outcome). */
function outcomeFlag(v: string | undefined): OutcomeFilter[] | null {
  if (v === undefined) return null;
  const parsed = parseOutcomeFilter(v);
  if (typeof parsed === 'string') throw new UsageError(parsed);
  return parsed;
}

async function format(path: string, out: string, o: ExportOptions, limits: InputLimits = DEFAULT_INPUT_LIMITS, outcome: OutcomeFilter[] | null = null): Promise<number> {
  const { exp, text } = await trajectoryOf(path, limits);
  const { steps, errors } = parseTrajectory(text);
  if (errors.length) throw new UsageError(`${errors.length} invalid trajectory lines; run validate first`);
  const ids = [...new Set(steps.map((s) => s.task_id))];
  const tasks = tasksOf(exp.manifest, ids);
  await mkdir(out, { recursive: true });
  // --min-replay: only tasks whose replay score (replay --annotate) reaches it, and of those only the steps that replayed ok.
  let kept = tasks;
  let keepStep = (_s: (typeof steps)[number]): boolean => true;
  if (o.minReplay !== undefined) {
    const min = o.minReplay;
    if (!exp.manifest?.tasks.some((t) => t.replay_score !== undefined)) throw new UsageError('this export has no replay scores: run alien-dataflow replay --annotate on it first');
    kept = tasks.filter((t) => (exp.manifest!.tasks.find((m) => m.task_id === t.id)?.replay_score ?? 0) >= min);
    keepStep = (s) => s.replay?.status !== 'failed';
    print(`--min-replay ${min}: ${kept.length} of ${tasks.length} tasks kept`);
  }
  if (outcome) {
    const before = kept.length;
    kept = kept.filter((t) => outcomeKept(t.outcome?.outcome, outcome));
    print(`--outcome ${outcome.join(',')}: ${kept.length} of ${before} tasks kept`);
  }
  // The done turn sees each task's final state (final/<task>.json) when the zip has one.
  const finals = new Map(await Promise.all(kept.map(async (t) => [t.id, await finalOf(exp, t.id)] as const)));
  const examples = kept.flatMap((t) => taskExamples(t, steps.filter((s) => s.task_id === t.id && keepStep(s)), o, finals.get(t.id) ?? null));
  const written: string[] = [];
  const dialogues: { format: DialogueFormat; path: string }[] = [];
  for (const f of FORMAT_LIST) {
    switch (f.kind) {
      case 'dialogue': {
        if (!o.formats.includes(f.id)) break;
        const lines: string[] = [];
        for (const e of examples) lines.push(await formatLine(f, e, { prefix: o.imageUrlPrefix, detail: o.detail, bytes: (p) => exp.image(p) }));
        await writeFile(join(out, f.file), `${lines.join('\n')}\n`);
        written.push(f.file);
        dialogues.push({ format: f, path: f.file });
        break;
      }
      case 'task-files':
        break; // per-task files come from the steps, not from examples: the export zip holds them already
      case 'index': {
        const content = f.content(dialogues);
        if (content === null) break;
        await writeFile(join(out, f.file), `${content}\n`);
        written.push(f.file);
        break;
      }
      default:
        unknownFormat(f);
    }
  }
  if (o.grounding) written.push(await writeGroundingFile(out, kept.map((t) => t.id), steps.filter(keepStep)));
  await exp.close();
  const over = examples.filter((e) => estimateTokens(e) > CONTEXT_TOKENS).length;
  print(`wrote ${written.map((w) => join(out, w)).join(', ')}: ${examples.length} examples from ${tasks.length} tasks${over ? `; ${over} are over ${CONTEXT_TOKENS} tokens (use a smaller --window)` : ''}`);
  return 0;
}

async function scrub(input: string, output: string, configPath: string | undefined, textOnly: boolean, limits: InputLimits): Promise<number> {
  if (await sameFile(input, output)) throw new UsageError(`the output ${output} is the input: write to another file`);
  const file = configPath ?? join(PACKAGE_ROOT, 'config/scrubber.yaml');
  const configText = await readFile(file, 'utf8').catch(() => { throw new UsageError(`cannot read config ${file}`); });
  const parsed = parseScrubConfig(configText);
  if (!parsed.ok) throw new UsageError(`${file} is invalid:\n${formatConfigErrors(parsed.errors)}`);
  const { exp, text } = await trajectoryOf(input, limits);
  const { steps, errors } = parseTrajectory(text);
  if (errors.length) throw new UsageError(`${errors.length} invalid trajectory lines; run validate first`);
  // Every screenshot's PNG header against the image limits first, before the NER and OCR load and anything decodes.
  try {
    for (const s of steps) if (s.observation.screenshot_path && exp.files.has(s.observation.screenshot_path)) await exp.checkImage(s.observation.screenshot_path);
  } catch (error) {
    await exp.close();
    throw error;
  }
  const scrubber = await loadScrubber(parsed.config);
  const ids = [...new Set(steps.map((s) => s.task_id))];
  const scrubbed = new Map<string, ExportStep[]>();
  for (const s of steps) {
    const r = rescrubStep(s, scrubber);
    const list = scrubbed.get(s.task_id) ?? [];
    list.push({ step: r.step, imageId: s.observation.screenshot_path, redactions: r.redactions });
    scrubbed.set(s.task_id, list);
  }
  // Screenshots: OCR finds text the new rules match and blurs it (what the DOM pass cannot place).
  const images = textOnly || !parsed.config.ocr.enabled ? null : await createImageScrubber(parsed.config, scrubber, limits);
  const redactionsOf = new Map<string, Record<string, number>>();
  for (const list of scrubbed.values()) for (const e of list) if (e.imageId) redactionsOf.set(e.imageId, e.redactions);
  let blurred = 0;
  const image = async (path: string): Promise<Uint8Array> => {
    const png = await exp.image(path);
    if (!images) return png;
    const out = await images.scrub(png, path);
    const counts = redactionsOf.get(path);
    if (counts) for (const [rule, n] of Object.entries(out.redactions)) counts[rule] = (counts[rule] ?? 0) + n;
    if (out.png !== png) blurred++;
    return out.png;
  };
  // The instruction goes into the manifest and every dialogue: the new rules apply to it too.
  const tasks = tasksOf(exp.manifest, ids).map((t) => ({
    ...t, instruction: scrubber.redact(t.instruction).text, stepCount: scrubbed.get(t.id)?.length ?? 0,
    ...(t.outcome ? { outcome: { ...t.outcome, note: scrubber.redact(t.outcome.note).text } } : {}),
  }));
  // Written beside the target and renamed at the end: a failed run never leaves half a zip under the real name.
  let result: { steps: number };
  try {
    result = await writeZipAtomically(output, (sink) => writeExport(
      {
        tasks, steps: (id) => inBatches(scrubbed.get(id) ?? []), image,
        // The final state's text with the new rules; its screenshot goes through `image` (OCR) like the steps'.
        final: async (id) => {
          const f = await finalOf(exp, id);
          return f && { state: rescrubFinal(f, scrubber).state, imageId: f.observation.screenshot_path };
        },
      },
      {
        // The dialogue files the input had, written again from the re-scrubbed steps.
        ...formatsIn(exp.files), actionStyle: 'json', includeDom: false,
        extensionVersion: exp.manifest?.extension_version ?? 'unknown', configHash: configHash(configText), now: new Date(),
        demonstratorHash: isHash(exp.manifest?.demonstrator_hash) ? exp.manifest.demonstrator_hash : null,
      },
      sink,
    ));
  } finally {
    // The OCR worker is a thread: without this the process would not exit after an error.
    await images?.close();
    await exp.close();
  }
  const shots = images ? `${blurred} screenshots had text blurred` : 'screenshots copied unchanged';
  print(`wrote ${output}: ${result.steps} steps re-scrubbed with ${file} (${shots})`);
  return 0;
}

async function packCommand(inputs: string[], o: ExportOptions, a: { limits: InputLimits; out: string; split?: string; shardSize?: string; config?: string; domains?: string; excludeDomains?: string; parallel?: boolean; outcome: OutcomeFilter[] | null }): Promise<number> {
  let split = DEFAULT_SPLIT;
  try {
    if (a.split) split = parseSplit(a.split);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const shardMb = a.shardSize ? Number(a.shardSize) : 256;
  if (!(shardMb > 0)) throw new UsageError('--shard-size is a number of MB, e.g. 256');
  let scrubber: Scrubber | null = null;
  let hash: string | null = null;
  if (a.config) {
    const configText = await readFile(a.config, 'utf8').catch(() => { throw new UsageError(`cannot read config ${a.config}`); });
    const parsed = parseScrubConfig(configText);
    if (!parsed.ok) throw new UsageError(`${a.config} is invalid:\n${formatConfigErrors(parsed.errors)}`);
    scrubber = await loadScrubber(parsed.config);
    hash = configHash(configText);
  }
  const list = async (path?: string): Promise<string[] | null> => (path ? parseDomainList(await readDomainList(path)) : null);
  const started = performance.now();
  const s = await pack(inputs, {
    out: a.out, split, shardSize: shardMb * 1024 ** 2, scrubber, scrubConfigHash: hash,
    allowDomains: await list(a.domains), denyDomains: await list(a.excludeDomains), log: (line) => printError(line),
    formats: o.formats, window: o.window, maxImages: o.maxImages, coordinates: o.coordinates, grounding: o.grounding,
    includeDom: o.includeDom, observation: o.observation,
    parallel: a.parallel ?? false, limits: a.limits, outcome: a.outcome,
  });
  const bad = s.sources.filter((x) => x.error);
  const parts = SPLITS.filter((k) => s.splits[k].steps > 0).map((k) => `${k} ${s.splits[k].tasks} tasks/${s.splits[k].steps} steps`);
  print(`wrote ${a.out}: ${s.tasks} tasks, ${s.steps} steps (${parts.join(', ')}) from ${s.sources.length - bad.length} of ${s.sources.length} sources in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (s.duplicates.length) print(`${s.duplicates.filter((d) => d.kind === 'same id').length} duplicate tasks kept once; ${s.duplicates.filter((d) => d.kind === 'same content').length} tasks with the same content as another (see stats.json)`);
  if (bad.length) print(`${bad.length} sources skipped:\n${bad.map((b) => `  ${b.file}: ${b.error}`).join('\n')}`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      ...EXPORT_FLAGS, json: { type: 'boolean' }, out: { type: 'string' },
      config: { type: 'string' }, 'text-only': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      split: { type: 'string' }, 'shard-size': { type: 'string' }, domains: { type: 'string' }, 'exclude-domains': { type: 'string' },
      report: { type: 'string' }, task: { type: 'string' }, headed: { type: 'boolean' }, timeout: { type: 'string' }, yes: { type: 'boolean' }, hosts: { type: 'string' },
      annotate: { type: 'string' }, parallel: { type: 'boolean' }, outcome: { type: 'string' },
      'max-inflated-bytes': { type: 'string' }, 'max-lines': { type: 'string' }, 'max-image-pixels': { type: 'string' }, 'max-image-side': { type: 'string' },
    },
  });
  const [command, ...args] = positionals;
  if (values.help || !command) {
    print(USAGE);
    return values.help ? 0 : 2;
  }
  try {
    let limits: InputLimits;
    try {
      limits = limitsFrom(values);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    switch (command) {
      case 'validate':
        if (!args[0]) throw new UsageError('validate needs <export.zip>');
        return await validate(args[0], limits);
      case 'stats':
        if (!args[0]) throw new UsageError('stats needs <export.zip>');
        return await stats(args[0], !!values.json, limits);
      case 'format':
        if (!args[0]) throw new UsageError('format needs <export.zip>');
        return await format(args[0], values.out ?? dirname(resolve(args[0])), exportOptionsFromFlags(values, { formats: DEFAULT_DIALOGUE_IDS, allowed: DIALOGUE_FORMATS }), limits, outcomeFlag(values.outcome));
      case 'replay': {
        if (!args[0]) throw new UsageError('replay needs <export.zip>');
        const timeout = values.timeout ? Number(values.timeout) : 5000;
        if (!(timeout > 0)) throw new UsageError('--timeout is a number of milliseconds');
        const hosts = values.hosts?.split(',').map((h) => h.trim()).filter(Boolean);
        const report = await replay(args[0], { task: values.task, headed: !!values.headed, timeout, yes: !!values.yes, hosts, limits, log: (l) => print(l) });
        const s = report.summary;
        print(`replayed ${report.tasks.length} task(s): ${s.ok} ok, ${s.failed} failed, ${s.skipped} skipped`);
        if (values.report) {
          await writeFile(values.report, `${JSON.stringify(report, null, 2)}\n`);
          print(`report: ${values.report}`);
        }
        if (values.annotate) {
          if (await sameFile(args[0], values.annotate)) throw new UsageError('--annotate writes a copy: give it another file name');
          await annotateExport(args[0], values.annotate, report, limits);
          print(`annotated copy: ${values.annotate} (each step's replay status, each task's replay_score)`);
        }
        return 0;
      }
      case 'pack':
        if (args.length === 0 || !values.out) throw new UsageError('pack needs <export.zip|folder>… and --out DIR');
        // pack writes only formats with a Parquet config, and unless asked only those on by default there.
        return await packCommand(args, exportOptionsFromFlags(values, { formats: DEFAULT_PARQUET_IDS, allowed: PARQUET_DIALOGUES }), {
          limits, out: values.out, split: values.split, shardSize: values['shard-size'], config: values.config,
          domains: values.domains, excludeDomains: values['exclude-domains'], parallel: values.parallel,
          outcome: outcomeFlag(values.outcome),
        });
      case 'scrub':
        if (!args[0] || !args[1]) throw new UsageError('scrub needs <in.zip> <out.zip>');
        return await scrub(args[0], args[1], values.config, !!values['text-only'], limits);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      printError(`alien-dataflow: ${error.message}`);
      if (error.message.startsWith('unknown') || error.message.includes('needs')) printError(USAGE);
      return 2;
    }
    printError(`alien-dataflow: ${(error as Error).message}`);
    return 1;
  }
}
