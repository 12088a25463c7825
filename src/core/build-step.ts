// The stored step, built from its draft and what the worker added (sequence
// number, tab, the scrubbed image), its strings scrubbed once final and only
// then cut (scrub/step-boundary). Pure: no browser APIs, unit-tested.
import type { Step } from './schema';
import type { StepDraft } from './step-draft';
import type { StoredStep } from './stored-step';
import type { PendingStep } from './pending-step';
import { screenshotPath } from './zip-layout';
import type { Scrubber } from './scrub/scrubber';
import { finishStep } from './scrub/step-boundary';

export interface StepImage {
  id: string;
  /** CSS pixels: the PNG is scaled so that action coordinates are its pixels. */
  width: number;
  height: number;
  capturedAt: number;
  fresh: boolean;
  /** OCR and blur counts by rule, added to the page's own. */
  redactions: Record<string, number>;
}

/** A pending step's draft and origin (core/pending-step), and what processing found: the parts of a stored step. */
export interface StepInputs extends Pick<PendingStep, 'tabId' | 'frameId'>, Pick<StoredStep, 'seq' | 'work'> {
  draft: StepDraft;
  image: StepImage | null;
  /** Why the screenshot is missing or not fresh. */
  note?: string;
  /** The worker's scrubber: every string of the step goes through it once final (see scrub/step-boundary). */
  scrubber: Scrubber;
}

export function buildStep({ draft, seq, tabId, frameId, image, note, work, scrubber }: StepInputs): StoredStep {
  // A subframe knows only its own viewport; the capture gives the tab's.
  const viewport = frameId !== 0 && image ? { width: image.width, height: image.height } : draft.viewport;
  const redactions = { ...draft.redactions };
  for (const [rule, n] of Object.entries(image?.redactions ?? {})) redactions[rule] = (redactions[rule] ?? 0) + n;
  const why = draft.note ?? note;
  const assembled: Omit<Step, 'thought_trace'> = {
    task_id: draft.taskId,
    step_id: seq,
    timestamp: draft.timestamp,
    observation: {
      screenshot_path: image ? screenshotPath(draft.taskId, seq) : null,
      dom_tree: draft.domTree,
      active_window: draft.title,
      ...(draft.axTree !== undefined ? { axtree: draft.axTree } : {}),
      url: draft.url,
      viewport,
      device_pixel_ratio: draft.devicePixelRatio,
      screenshot_captured_at: image ? image.capturedAt : null,
      screenshot_fresh: !!image && image.fresh,
      ...(why ? { screenshot_note: why } : {}),
    },
    action: draft.action,
    target: draft.target,
    tab_id: tabId,
    frame_id: frameId,
    confirmed: false,
  };
  const step = finishStep(assembled, scrubber, redactions);
  return { taskId: draft.taskId, seq, draftId: draft.draftId, step, imageId: image?.id ?? null, redactions, deleted: false, ...(work ? { work } : {}) };
}

/**
 * Does an action belong to its task? Yes if it happened before Stop, however
 * long its processing takes. `flushMs` covers a typing session that Stop
 * itself closes (its step is emitted as the recorder ends).
 */
export function belongsToTask(task: { status: string; endedAt: number | null }, actionAt: number, flushMs = 2000): boolean {
  if (task.status === 'recording' || task.endedAt === null) return true;
  return actionAt <= task.endedAt + flushMs;
}
