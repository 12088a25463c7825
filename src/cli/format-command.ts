// `format`: the dialogue files (formats/registry) written from an export's trajectory.jsonl.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseTrajectory } from '../core/validate-export';
import { taskExamples, estimateTokens, CONTEXT_TOKENS } from '../core/formatters';
import { DEFAULT_DIALOGUE_IDS, DIALOGUE_FORMATS, DIALOGUE_FORMAT_IDS, FORMAT_LIST, formatLine, unknownFormat, type DialogueFormat } from '../core/formats/registry';
import type { ExportOptions } from '../core/export-options';
import { ACTION_STYLES } from '../core/action-format';
import { OBSERVATION_TREES } from '../core/observation-trees';
import { outcomeKept, type OutcomeFilter } from '../core/outcome';
import { command } from './command';
import { EXPORT_FLAGS, OUTCOME_SYNOPSIS, exportOptionsFromFlags, outcomeFlag } from './export-flags';
import { writeGroundingFile } from './grounding-file';
import { finalOf, taskEntries, tasksOf, trajectoryOf } from './zip-input';
import type { InputLimits } from './input-limits';
import { UsageError } from './usage-error';
import { print } from './terminal-output';
import { groupBy } from '../core/group-by';

export const formatCommand = command({
  needs: { operands: ['<export.zip>'] },
  flags: { ...EXPORT_FLAGS, out: { type: 'string' }, outcome: { type: 'string' } },
  synopsis: [
    `[--out DIR] [--action-style ${ACTION_STYLES.join('|')}] [--include-dom]`,
    `[--window N] [--max-images N] [--coordinates pixels|normalized] [--formats ${[...DIALOGUE_FORMAT_IDS, 'grounding'].join(',')}] [--observation ${OBSERVATION_TREES.join('|')}] ${DIALOGUE_FORMATS.filter((f) => !f.defaultOn).map((f) => `[--${f.id}]`).join(' ')}`,
    `[--image-url-prefix URL] [--detail low] [--min-replay 0.9] ${OUTCOME_SYNOPSIS}`,
  ],
  run: ([path], values, limits) => format(
    path, values.out ?? dirname(resolve(path)),
    exportOptionsFromFlags(values, { formats: DEFAULT_DIALOGUE_IDS, allowed: DIALOGUE_FORMATS }), limits, outcomeFlag(values.outcome),
  ),
});

async function format(path: string, out: string, o: ExportOptions, limits: InputLimits, outcome: OutcomeFilter[] | null): Promise<number> {
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
    kept = tasks.filter((t) => (taskEntries(exp.manifest).get(t.id)?.replay_score ?? 0) >= min);
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
  // Each task's steps gathered in one pass: a filter over every step per task was quadratic in a zip's tasks.
  const byTask = groupBy(steps.filter(keepStep), (s) => s.task_id);
  const examples = kept.flatMap((t) => taskExamples(t, byTask.get(t.id) ?? [], o, finals.get(t.id) ?? null));
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
