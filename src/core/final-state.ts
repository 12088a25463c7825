// A task's final state: one more observation of its last page, taken at Stop
// (or from the page's hand-over when its tab closes), so the result of the
// last action is seen. It travels the steps' own path (pending record before
// the reply, frame sealed, blur and OCR, the scrub boundary) but is no step:
// it has no action, so the zip holds it as final/<task>.json plus its PNG
// beside trajectory.jsonl, which keeps one line per action (docs/architecture.md).
import { z } from 'zod';
import { ObservationSchema } from './schema';
import type { ObservationDraft } from './step-draft';
import type { StepImage } from './build-step';
import type { StoredStep } from './stored-step';
import type { Scrubber } from './scrub/scrubber';
import { scrubStepFields } from './scrub/step-fields';
import { scrubAtBoundary } from './scrub/step-boundary';

/** The page as the content script observed it at Stop, scrubbed there; the worker adds the frame. A step's draft without the action. */
export interface FinalDraft extends ObservationDraft {
  final: true;
}

/** One draft id per observation; the prefix tells a final state's pending record from a step's. */
export function finalDraftId(taskId: string, at: number): string {
  return `final:${taskId}:${at}`;
}

export function isFinalDraft(d: object): d is FinalDraft {
  return (d as { final?: unknown }).final === true;
}

/** final/<task>.json: the observation in the step schema's own shape, so a reader of steps reads it unchanged. */
export const FinalStateSchema = z.object({
  task_id: z.string().uuid(),
  timestamp: z.number().int().describe('ms since epoch when the final observation was taken (at Stop, or as the tab closed)'),
  observation: ObservationSchema,
  tab_id: z.number().int(),
  after_step: z.number().int().min(0).describe('step_id of the last step before it (0: the task has no steps)'),
});
export type FinalState = z.infer<typeof FinalStateSchema>;

/** As kept in IndexedDB (`finals`, one per task, the newest wins): `after_step` is set at export. */
export interface StoredFinal extends Pick<StoredStep, 'taskId' | 'draftId' | 'imageId' | 'redactions'> {
  state: FinalState;
}

export const finalPaths = (taskId: string): { json: string; png: string } => ({ json: `final/${taskId}.json`, png: `final/${taskId}.png` });

/** The stored final state from its draft and clean image: every string through the steps' scrub boundary. */
export function buildFinal(i: { draft: FinalDraft; tabId: number; image: StepImage | null; note?: string; scrubber: Scrubber }): StoredFinal {
  const { draft, image } = i;
  const redactions = { ...draft.redactions };
  for (const [rule, n] of Object.entries(image?.redactions ?? {})) redactions[rule] = (redactions[rule] ?? 0) + n;
  const why = [draft.note, i.note].filter(Boolean).join('; ');
  const raw = {
    task_id: draft.taskId,
    observation: {
      screenshot_path: image ? finalPaths(draft.taskId).png : null,
      dom_tree: draft.domTree,
      active_window: draft.title,
      ...(draft.axTree !== undefined ? { axtree: draft.axTree } : {}),
      url: draft.url,
      viewport: draft.viewport,
      device_pixel_ratio: draft.devicePixelRatio,
      screenshot_captured_at: image ? image.capturedAt : null,
      screenshot_fresh: !!image && image.fresh,
      ...(why ? { screenshot_note: why } : {}),
    },
  };
  // The steps' own boundary: the same fields, and the trees' inline runs read joined.
  const scrubbed = scrubAtBoundary(raw, i.scrubber, redactions);
  return {
    taskId: draft.taskId, draftId: draft.draftId, imageId: image?.id ?? null, redactions,
    state: { ...scrubbed, timestamp: draft.timestamp, tab_id: i.tabId, after_step: 0 },
  };
}

/** A stored final state as the export writer takes it, as `ExportedStep` is a stored step's; its redactions go into scrub_report.json. */
export type ExportedFinal = Pick<StoredFinal, 'state' | 'imageId'> & Partial<Pick<StoredFinal, 'redactions'>>;

/** One final/<task>.json: the step schema's field order (origin fields first). */
export function finalStateJson(s: FinalState): string {
  const { screenshot_path, dom_tree, active_window, ...obsRest } = s.observation;
  return JSON.stringify({ task_id: s.task_id, timestamp: s.timestamp, observation: { screenshot_path, dom_tree, active_window, ...obsRest }, tab_id: s.tab_id, after_step: s.after_step });
}

/** A final state scrubbed again with another config (CLI `scrub`, `pack --config`): every string, its tree too. */
export function rescrubFinal(s: FinalState, scrubber: Scrubber): { state: FinalState; redactions: Record<string, number> } {
  const redactions: Record<string, number> = {};
  const state = scrubStepFields(s, scrubber, redactions);
  return { state, redactions };
}

/** final/<task>.json in a zip (the task id is the file's name). */
export const FINAL_JSON_PATH = /^final\/([^/]+)\.json$/;

/** What validate finds wrong with one final/<task>.json: not the schema, another task's, a missing screenshot, an element id off its tree. */
export function finalStateErrors(path: string, text: string, files: ReadonlySet<string>): string[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [`${path}: not JSON`];
  }
  const parsed = FinalStateSchema.safeParse(json);
  if (!parsed.success) return [`${path}: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`];
  const s = parsed.data;
  const errors: string[] = [];
  if (path !== finalPaths(s.task_id).json) errors.push(`${path}: holds task ${s.task_id}`);
  const shot = s.observation.screenshot_path;
  if (shot && (shot !== finalPaths(s.task_id).png || !files.has(shot))) errors.push(`${path}: screenshot ${shot} is not its final/<task>.png in the zip`);
  return errors;
}

/** A final/<task>.json read back, or null when it is not a valid one. */
export function parseFinalState(text: string | null): FinalState | null {
  if (text === null) return null;
  try {
    const parsed = FinalStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
