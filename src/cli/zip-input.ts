// Reading an export zip for the CLI, through the guarded reader (zip-reader):
// names checked, sizes capped, entries read one at a time, text by lines.
import type { Manifest, ManifestTask } from '../core/zip-layout';
import { ZIP_PATHS } from '../core/zip-layout';
import type { Task } from '../core/task';
import { outcomeFromManifest } from '../core/outcome';
import { FINAL_JSON_PATH, finalPaths, finalStateErrors, parseFinalState, type FinalState } from '../core/final-state';
import type { CheckedFinals } from '../core/validate-export';
import { openZip, ZipError, type ZipReader } from './zip-reader';
import { checkPngHeader, DEFAULT_INPUT_LIMITS, formatAmount, LimitError, type InputLimits } from './input-limits';
import { PNG_HEADER_BYTES } from '../core/png-header';
import { UsageError } from './usage-error';

/** Small entries (manifest, scrub report) are read whole; anything bigger goes by lines. */
const MAX_TEXT_BYTES = 64 * 1024 ** 2;

export interface ExportZip {
  files: Set<string>;
  /** A small text entry, or null when absent. */
  text(path: string): Promise<string | null>;
  /** The non-empty lines of a text entry, or null when absent. */
  lines(path: string): Promise<string[] | null>;
  bytes(path: string): Promise<Uint8Array>;
  /** A screenshot's bytes, its PNG header checked against the image limits first (before anything decodes it). */
  image(path: string): Promise<Uint8Array>;
  /** Checks a screenshot's PNG header against the image limits, reading only the header. */
  checkImage(path: string): Promise<void>;
  limits: InputLimits;
  manifest: Manifest | null;
  close(): Promise<void>;
}

export async function openExport(path: string, limits: InputLimits = DEFAULT_INPUT_LIMITS): Promise<ExportZip> {
  let zip: ZipReader;
  try {
    zip = await openZip(path, { maxInflatedBytes: limits.maxInflatedBytes, maxLines: limits.maxLines });
  } catch (error) {
    if (error instanceof LimitError) throw new LimitError(`${path}: ${error.message}`, { cause: error });
    const why = error instanceof ZipError || (error as NodeJS.ErrnoException).code ? (error as Error).message : String(error);
    throw new Error(`${path} is not a readable export zip: ${why}`, { cause: error });
  }
  const files = new Set(zip.entries.keys());
  const text = async (p: string): Promise<string | null> => {
    const e = zip.entries.get(p);
    if (!e) return null;
    // Named as every other limit is ('is 102555805 bytes: too big to read whole' named none).
    if (e.size > MAX_TEXT_BYTES) throw new LimitError(`the whole-entry limit (${formatAmount(MAX_TEXT_BYTES, 'bytes')}, fixed) exceeded by ${p} (${formatAmount(e.size, 'bytes')}): it is read whole`);
    return new TextDecoder().decode(await zip.bytes(p));
  };
  const lines = async (p: string): Promise<string[] | null> => {
    if (!zip.entries.has(p)) return null;
    const out: string[] = [];
    for await (const line of zip.lines(p)) out.push(line);
    return out;
  };
  let manifest: Manifest | null = null;
  const manifestText = await text(ZIP_PATHS.manifest);
  if (manifestText) {
    try {
      manifest = manifestOf(JSON.parse(manifestText));
    } catch {
      manifest = null; // validate reports it; the rest can still be read
    }
  }
  const image = async (p: string): Promise<Uint8Array> => {
    const bytes = await zip.bytes(p);
    checkPngHeader(p, bytes.subarray(0, PNG_HEADER_BYTES), limits);
    return bytes;
  };
  const checkImage = async (p: string): Promise<void> => checkPngHeader(p, await zip.head(p, PNG_HEADER_BYTES), limits);
  return { files, text, lines, bytes: (p) => zip.bytes(p), image, checkImage, limits, manifest, close: () => zip.close() };
}

/**
 * The manifest as the commands read it: anyone's JSON, so only what has the manifest's shapes. Every command took
 * `tasks` for a list of task objects and an instruction for a string: `"tasks": 5` ended format and scrub with
 * 'manifest?.tasks.find is not a function', and an instruction written as a list (`["mail jane@…"]`) went through
 * scrub unscrubbed (the scrubber reads strings) into the rewritten manifest and every dialogue, past
 * --max-field-chars too (a list's length is its items). A list of tasks that is not one is none, an entry that is
 * no object with a string task_id is left out, and an instruction that is no string is none (the tasks get the
 * placeholder instruction); validate names each.
 */
function manifestOf(json: unknown): Manifest | null {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return null;
  const m = json as Manifest;
  const tasks: unknown[] = Array.isArray(m.tasks) ? m.tasks : [];
  type Entry = Manifest['tasks'][number];
  const own = tasks.filter((t): t is Entry => !!t && typeof t === 'object' && typeof (t as { task_id?: unknown }).task_id === 'string')
    .map((t) => {
      if (typeof t.instruction === 'string') return t;
      // An entry without one, as the readers know it (`?? '(instruction unknown)'`): the type says it is there.
      const rest: Partial<Entry> = { ...t };
      delete rest.instruction;
      return rest as Entry;
    });
  return { ...m, tasks: own };
}

/** An export and the lines of its trajectory, which every command but pack starts from. */
export async function trajectoryOf(path: string, limits: InputLimits = DEFAULT_INPUT_LIMITS): Promise<{ exp: ExportZip; text: string[] }> {
  const exp = await openExport(path, limits);
  // Closed when this throws: the caller never gets it to close (replay had closed it itself before it came here).
  try {
    const text = await exp.lines(ZIP_PATHS.trajectory);
    if (text === null) throw new UsageError(`${path} has no ${ZIP_PATHS.trajectory}: is it an ALIEN Dataflow export?`);
    return { exp, text };
  } catch (error) {
    await exp.close();
    throw error;
  }
}

const entriesOf = new WeakMap<Manifest, ReadonlyMap<string, ManifestTask>>();

/**
 * The manifest's task entries by id, the first of an id listed twice (as a find over the list gave), made once per
 * manifest. A find per task was quadratic in a zip's tasks: 20,000 one-step tasks took 2.2 s in tasksOf, 100,000
 * about a minute, in format, scrub, replay and pack alike.
 */
export function taskEntries(manifest: Manifest | null): ReadonlyMap<string, ManifestTask> {
  if (!manifest) return new Map();
  let out = entriesOf.get(manifest);
  if (!out) {
    const byId = new Map<string, ManifestTask>();
    for (const t of manifest.tasks) if (!byId.has(t.task_id)) byId.set(t.task_id, t);
    entriesOf.set(manifest, byId);
    out = byId;
  }
  return out;
}

/** Tasks as the manifest lists them; tasks without a manifest entry get a placeholder instruction. */
export function tasksOf(manifest: Manifest | null, taskIds: string[]): Task[] {
  const entries = taskEntries(manifest);
  return taskIds.map((id) => {
    const m = entries.get(id);
    return {
      id, instruction: m?.instruction ?? '(instruction unknown)', status: m?.status ?? 'review',
      createdAt: m ? Date.parse(m.created_at) : 0, endedAt: null, stepCount: m?.steps ?? 0,
      // The label as the manifest says it; its failure step is a step_id, which a rewritten zip keeps.
      ...(outcomeFromManifest(m) ? { outcome: outcomeFromManifest(m) } : {}),
    };
  });
}

/**
 * Every final/<task>.json checked as it is read, for validate: its text is let go before the next is read (a zip
 * may hold many, each with its whole DOM tree), and only the paths and the problems found are kept.
 */
export async function checkFinals(exp: ExportZip): Promise<CheckedFinals> {
  const paths: string[] = [];
  const errors: string[] = [];
  for (const f of exp.files) {
    if (!FINAL_JSON_PATH.test(f)) continue;
    paths.push(f);
    errors.push(...finalStateErrors(f, (await exp.text(f)) ?? '', exp.files));
  }
  return { checked: true, paths, errors };
}

/**
 * A task's final state in the zip, or null when it has none (or none that is valid: validate says why). Only its
 * own: a final/<task>.json holding another task's id is none, and a screenshot_path other than its own
 * final/<task>.png is no screenshot. format, scrub and pack had taken the path as written, so a final state could
 * bring another task's or a step's screenshot into this task's done turn, final_image or rewritten zip.
 */
export async function finalOf(exp: ExportZip, taskId: string): Promise<FinalState | null> {
  const paths = finalPaths(taskId);
  const state = exp.files.has(paths.json) ? parseFinalState(await exp.text(paths.json)) : null;
  if (!state || state.task_id !== taskId) return null;
  const own = state.observation.screenshot_path === paths.png && exp.files.has(paths.png);
  return own ? state : { ...state, observation: { ...state.observation, screenshot_path: null } };
}
