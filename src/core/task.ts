// A task: one demonstration of one instruction.
export type TaskStatus = 'recording' | 'review' | 'confirmed';

export interface Task {
  id: string;
  instruction: string;
  status: TaskStatus;
  createdAt: number;
  endedAt: number | null;
  stepCount: number;
}
