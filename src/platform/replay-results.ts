// A task's replay result, as loaded on the review page from the report
// `alien-dataflow replay --report` wrote; kept in storage.local so the page
// shows it again next time.
import type { ReplayReport } from '../core/replay-report';
import { localStore } from './stores';

export type TaskReplay = ReplayReport['tasks'][number];

const key = (taskId: string): string => `replay:${taskId}`;

export async function loadTaskReplay(taskId: string): Promise<TaskReplay | null> {
  return ((await localStore().get(key(taskId)))[key(taskId)] as TaskReplay | undefined) ?? null;
}

export async function saveTaskReplay(taskId: string, replay: TaskReplay): Promise<void> {
  await localStore().set({ [key(taskId)]: replay });
}
