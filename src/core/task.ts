// A task: one demonstration of one instruction.
import type { TaskOutcome } from './outcome';

export type TaskStatus = 'recording' | 'review' | 'confirmed';

export interface Task {
  id: string;
  instruction: string;
  status: TaskStatus;
  createdAt: number;
  endedAt: number | null;
  /** Steps stored (scrubbed, in IndexedDB). */
  stepCount: number;
  /** Actions accepted by the worker (stored or still being scrubbed); absent in tasks from before 0.2. */
  recordedCount?: number;
  /**
   * The reviewer's label (core/outcome); absent while unlabelled. No filter, count or column takes that for
   * success; the dialogue formats give a confirmed, unlabelled task the done turn (core/formatters).
   */
  outcome?: TaskOutcome;
}
