// A step as kept in IndexedDB, and its conversion to the exported schema.
// `seq` only grows (never reused after deletes); exported step_ids are
// renumbered 1..n so they stay contiguous.
import type { Step } from './schema';
import { screenshotPath } from './zip-layout';
import type { PageObservation, PageWork } from './step-draft';
import type { PendingStep } from './pending-step';

/**
 * The pending step once processed: the same keys, its draft and what intake added turned into the schema's
 * `Step` (core/build-step), plus what storage needs. Wraps the `Step` rather than extending it: the schema's
 * fields are exported as they are, these are not.
 */
export interface StoredStep extends Pick<PendingStep, 'taskId' | 'draftId'> {
  seq: number;
  /** The step with step_id = seq and screenshot_path as recorded; renumbered on export. */
  step: Step;
  imageId: string | null;
  /** The page's counts by rule (the draft's `redactions`) plus the image's. */
  redactions: PageObservation['redactions'];
  deleted: boolean;
  /** How the step was processed (not exported): when it was accepted and stored, and the image work it took. */
  work?: StepWork;
}

export interface StepWork {
  acceptedAt: number;
  storedAt: number;
  /** Image work in the offscreen document: all of it, and its parts (decode + DOM blur, OCR + blur, encode + store). */
  imageMs: number | null;
  decodeMs?: number | null;
  ocrMs: number | null;
  encodeMs?: number | null;
  crops: number;
  cacheHits: number;
  fullFrame: boolean;
  /** Foreign frames blurred whole because their regions were late (see ShotJobResult.lateFrames). */
  lateFrames?: number;
  /** Text detection's share of `ocrMs`, and its findings (see ShotJobResult.detection). */
  detectMs?: number | null;
  detection?: { lines: number; unexplained: number; bands: number; bandsRun: number };
  /** The page's main-thread time for the step, as the content script measured it. */
  pageWork?: PageWork;
}

/** A stored step as the export writer takes it (core/export-writer's `ExportStep`): what it writes, and its seq if known. */
export interface ExportedStep extends Pick<StoredStep, 'step' | 'imageId' | 'redactions'> {
  /** The stored step's seq (the extension's export): a reviewer's failure step names it. Absent when read from a zip. */
  seq?: StoredStep['seq'];
}

/**
 * Export order: deleted steps left out, the rest by action time, not arrival
 * (a step retried after a worker restart may be stored after a later one).
 * Needs only these three fields, so a long task is ordered without loading it.
 */
export function exportOrder(stored: readonly { seq: number; deleted: boolean; timestamp: number }[]): number[] {
  return stored.filter((s) => !s.deleted).sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq).map((s) => s.seq);
}

/** One stored step as exported: its place in the order is its step_id; `confirmed` is the task's. */
export function toExportStep(s: StoredStep, stepId: number, confirmed: boolean): ExportedStep {
  return {
    imageId: s.imageId,
    redactions: s.redactions,
    seq: s.seq,
    step: {
      ...s.step,
      step_id: stepId,
      confirmed,
      observation: { ...s.step.observation, screenshot_path: s.imageId ? screenshotPath(s.taskId, stepId) : null },
    },
  };
}

/** `confirmed`: whether the reviewer confirmed the task; every exported step carries it. */
export function toExportSteps(stored: StoredStep[], confirmed = false): ExportedStep[] {
  const bySeq = new Map(stored.map((s) => [s.seq, s]));
  const order = exportOrder(stored.map((s) => ({ seq: s.seq, deleted: s.deleted, timestamp: s.step.timestamp })));
  return order.map((seq, i) => toExportStep(bySeq.get(seq)!, i + 1, confirmed));
}

/**
 * A deleted step as kept: a tombstone with its key, draft id and time (the seq
 * is never reused, and a retried draft must still be recognised), and none of
 * its content: no tree, text, address, title, target or image.
 */
export function tombstone(s: StoredStep): StoredStep {
  return {
    taskId: s.taskId, seq: s.seq, draftId: s.draftId, imageId: null, redactions: {}, deleted: true,
    step: {
      ...s.step,
      observation: {
        screenshot_path: null, dom_tree: '', active_window: '', url: '', viewport: s.step.observation.viewport,
        device_pixel_ratio: s.step.observation.device_pixel_ratio, screenshot_captured_at: null, screenshot_fresh: false,
      },
      thought_trace: '',
      action: { type: s.step.action.type, coordinates: null, element_id: null },
      target: null,
    },
  };
}
