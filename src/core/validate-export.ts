// Checks an export's contents: every trajectory line against the step schema,
// element ids present in their dom_tree, screenshot files present, step ids
// contiguous per task, every line of every dialogue file by its format's own
// check (formats/registry), manifest counts.
import { StepSchema, type Step } from './schema';
import { FINAL_JSON_PATH, finalPaths, finalStateErrors } from './final-state';
import { OUTCOMES } from './outcome';
import type { Manifest } from './zip-layout';
import { DIALOGUE_FORMATS, type DialogueFormat, type DialogueFormatId } from './formats/registry';
import { groupBy } from './group-by';

/** A text file: its text, or its lines (the CLI reads big files line by line, never as one string). */
type Lines = string | readonly string[];

export type ExportContents = {
  files: ReadonlySet<string>;
  /** The file's text, or its lines, or its steps already parsed by parseTrajectory (so a caller keeps one copy). */
  trajectory: Lines | { steps: Step[]; errors: string[] };
  manifest: string | null;
  /** Each final/<task>.json's text by its path (core/final-state), or already checked as read (`CheckedFinals`). */
  finals?: Record<string, string> | CheckedFinals;
} & {
  /** Each dialogue file by its format's id; absent or null when the zip has none. */
  [K in DialogueFormatId]?: Lines | null;
};

/** The final/<task>.json files, each checked by finalStateErrors as it was read: the CLI keeps no final's text. */
export interface CheckedFinals { checked: true; paths: readonly string[]; errors: readonly string[] }

function finalsOf(finals: ExportContents['finals'], files: ReadonlySet<string>): { paths: readonly string[]; errors: readonly string[] } {
  if (!finals) return { paths: [], errors: [] };
  if (finals.checked === true) return finals as CheckedFinals;
  const texts = Object.entries(finals as Record<string, string>);
  return { paths: texts.map(([p]) => p), errors: texts.flatMap(([p, text]) => finalStateErrors(p, text, files)) };
}

export interface ValidationReport { ok: boolean; errors: string[]; steps: number; tasks: number }

/** `text`: the file's text, or its lines (the CLI reads big files line by line, never as one string). */
export function parseTrajectory(text: string | readonly string[]): { steps: Step[]; errors: string[] } {
  const steps: Step[] = [];
  const errors: string[] = [];
  (typeof text === 'string' ? text.split('\n') : text).forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      errors.push(`trajectory.jsonl line ${i + 1}: not JSON (${(error as Error).message})`);
      return;
    }
    const parsed = StepSchema.safeParse(json);
    if (!parsed.success) {
      errors.push(`trajectory.jsonl line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      return;
    }
    steps.push(parsed.data);
  });
  return { steps, errors };
}

function parseJson<T>(text: string, where: string, errors: string[]): T | null {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    errors.push(`${where}: not JSON (${(error as Error).message})`);
    return null;
  }
}

/** Every line of one dialogue file against its format's check. */
export function dialogueErrors(format: DialogueFormat, lines: Lines, files: ReadonlySet<string>): string[] {
  const errors: string[] = [];
  (typeof lines === 'string' ? lines.split('\n') : lines).filter((l) => l.trim()).forEach((line, i) => {
    const where = `${format.file} line ${i + 1}`;
    const rec = parseJson<unknown>(line, where, errors);
    if (rec !== null) errors.push(...format.check(rec, where, { files }));
  });
  return errors;
}

export function validateExport(c: ExportContents): ValidationReport {
  const parsed = typeof c.trajectory === 'string' || Array.isArray(c.trajectory) ? parseTrajectory(c.trajectory as string | readonly string[]) : c.trajectory as { steps: Step[]; errors: string[] };
  const { steps } = parsed;
  const errors = [...parsed.errors];
  const byTask = groupBy(steps, (s) => s.task_id);
  for (const [taskId, list] of byTask) {
    list.forEach((s, i) => {
      if (s.step_id !== i + 1) errors.push(`task ${taskId}: step_id ${s.step_id} at position ${i + 1} (ids must run 1..n)`);
    });
  }
  for (const s of steps) {
    const where = `task ${s.task_id} step ${s.step_id}`;
    if (s.action.element_id !== null && !s.observation.dom_tree.includes(` id="${s.action.element_id}"`)) {
      errors.push(`${where}: element_id ${s.action.element_id} is not in its dom_tree`);
    }
    if (s.observation.screenshot_path && !c.files.has(s.observation.screenshot_path)) {
      errors.push(`${where}: ${s.observation.screenshot_path} is missing from the zip`);
    }
  }
  for (const format of DIALOGUE_FORMATS) {
    const lines = c[format.id];
    if (lines !== undefined && lines !== null) errors.push(...dialogueErrors(format, lines, c.files));
  }
  const finals = finalsOf(c.finals, c.files);
  errors.push(...finals.errors);
  const manifestIds = new Set<string>();
  if (c.manifest !== null) {
    const m = parseJson<Manifest>(c.manifest, 'manifest.json', errors);
    // The commands read a tasks that is no list as none (cli/zip-input): said here, not passed as OK.
    if (m && m.tasks !== undefined && !Array.isArray(m.tasks)) errors.push('manifest.json: tasks is not a list');
    for (const t of Array.isArray(m?.tasks) ? m.tasks : []) errors.push(...manifestTaskErrors(t as Partial<Manifest['tasks'][number]> | null, byTask, c.files, manifestIds));
    if (m && !m.counts) errors.push('manifest.json has no counts');
    else if (m && m.counts.steps !== steps.length) errors.push(`manifest.json counts ${m.counts.steps} steps, trajectory.jsonl has ${steps.length}`);
    if (m?.counts && m.counts.tasks !== byTask.size) errors.push(`manifest.json counts ${m.counts.tasks} tasks, trajectory.jsonl has ${byTask.size}`);
  }
  // A final state is a task's of this zip: one whose task has no step and no manifest entry belongs to no one.
  for (const path of finals.paths) {
    const id = FINAL_JSON_PATH.exec(path)?.[1];
    if (id !== undefined && !byTask.has(id) && !manifestIds.has(id)) errors.push(`${path}: no task ${id} in the zip`);
  }
  return { ok: errors.length === 0, errors, steps: steps.length, tasks: byTask.size };
}

/**
 * One manifest task's own fields as validate reads them: its final state is its own final/<task>.json (not
 * another task's, a step's or any path), its outcome one of the labels or null, its failure step one of its steps.
 * A reader treats an unknown outcome as unlabelled and drops a failure step it cannot place; validate says so.
 */
function manifestTaskErrors(t: Partial<Manifest['tasks'][number]> | null, byTask: ReadonlyMap<string, readonly Step[]>, files: ReadonlySet<string>, ids: Set<string>): string[] {
  if (!t || typeof t !== 'object') return ['manifest.json: a task is not an object'];
  const id = typeof t.task_id === 'string' ? t.task_id : null;
  if (id === null) return ['manifest.json: a task has no task_id'];
  const where = `manifest.json: task ${id.slice(0, 80)}`;
  if (ids.has(id)) return [`${where} is listed twice`];
  ids.add(id);
  const errors: string[] = [];
  // The commands read an instruction that is no text as none (cli/zip-input): a list of strings went through scrub
  // unscrubbed.
  if (t.instruction !== undefined && typeof t.instruction !== 'string') errors.push(`${where}: instruction is not a text`);
  const final = t.final_state;
  if (final !== null && final !== undefined) {
    if (typeof final !== 'string' || final !== finalPaths(id).json) errors.push(`${where}: final_state ${String(final).slice(0, 200)} is not its ${finalPaths(id).json}`);
    else if (!files.has(final)) errors.push(`${where}: final_state ${final} is missing from the zip`);
  }
  const outcome: unknown = t.outcome;
  if (outcome !== null && outcome !== undefined && !(OUTCOMES as readonly unknown[]).includes(outcome)) {
    errors.push(`${where}: outcome ${JSON.stringify(outcome).slice(0, 80)} is none of ${OUTCOMES.join(', ')} or null`);
  }
  const failure: unknown = t.failure_step;
  if (failure !== null && failure !== undefined) {
    const steps = byTask.get(id)?.length ?? 0;
    if (!Number.isInteger(failure) || (failure as number) < 1 || (failure as number) > steps) errors.push(`${where}: failure_step ${JSON.stringify(failure).slice(0, 80)} names none of its ${steps} steps`);
  }
  return errors;
}

export interface ExportStats {
  tasks: number;
  steps: number;
  screenshots: number;
  fresh_screenshots: number;
  actions: Record<string, number>;
  avg_dom_tree_chars: number;
  steps_per_task: { min: number; max: number; mean: number };
}

export function exportStats(steps: Step[]): ExportStats {
  const perTask = new Map<string, number>();
  const actions: Record<string, number> = {};
  let dom = 0;
  for (const s of steps) {
    perTask.set(s.task_id, (perTask.get(s.task_id) ?? 0) + 1);
    actions[s.action.type] = (actions[s.action.type] ?? 0) + 1;
    dom += s.observation.dom_tree.length;
  }
  const counts = [...perTask.values()];
  return {
    tasks: perTask.size,
    steps: steps.length,
    screenshots: steps.filter((s) => s.observation.screenshot_path).length,
    fresh_screenshots: steps.filter((s) => s.observation.screenshot_fresh).length,
    actions,
    avg_dom_tree_chars: steps.length ? Math.round(dom / steps.length) : 0,
    steps_per_task: counts.length
      ? { min: Math.min(...counts), max: Math.max(...counts), mean: Math.round((steps.length / counts.length) * 10) / 10 }
      : { min: 0, max: 0, mean: 0 },
  };
}
