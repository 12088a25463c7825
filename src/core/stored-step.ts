// A step as kept in IndexedDB, and its conversion to the exported schema.
// `seq` only grows (never reused after deletes); exported step_ids are
// renumbered 1..n so they stay contiguous.
import type { Step } from './schema';
import { screenshotPath } from './zip-layout';

export interface StoredStep {
  taskId: string;
  seq: number;
  draftId: string;
  /** The step with step_id = seq and screenshot_path as recorded; renumbered on export. */
  step: Step;
  imageId: string | null;
  redactions: Record<string, number>;
  deleted: boolean;
}

/** `confirmed`: whether the reviewer confirmed the task; every exported step carries it. */
export function toExportSteps(stored: StoredStep[], confirmed = false): { step: Step; imageId: string | null; redactions: Record<string, number> }[] {
  return stored
    .filter((s) => !s.deleted)
    // Action time, not arrival: a step retried after a worker restart may be stored after a later one.
    .sort((a, b) => a.step.timestamp - b.step.timestamp || a.seq - b.seq)
    .map((s, i) => {
      const stepId = i + 1;
      return {
        imageId: s.imageId,
        redactions: s.redactions,
        step: {
          ...s.step,
          step_id: stepId,
          confirmed,
          observation: { ...s.step.observation, screenshot_path: s.imageId ? screenshotPath(s.taskId, stepId) : null },
        },
      };
    });
}
