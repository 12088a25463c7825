// What the review page changes in IndexedDB: thought traces, deleted steps,
// hand-drawn blur regions (the stored image itself is changed), task status,
// whole tasks. Extension pages share the extension origin's database.
import type { Task } from '../core/task';
import type { OutcomeInput, TaskOutcome } from '../core/outcome';
import { isFinalDraft, type StoredFinal } from '../core/final-state';
import type { Box } from '../core/schema';
import { exportOrder, tombstone, type StoredStep } from '../core/stored-step';
import { regionsToPixels } from '../core/blur-regions';
import { currentFinal, db, stepsOfTask } from './db';
import { processImage } from './image-ops';
import { ask } from './messaging';

/**
 * The task's steps in export order (so "Step N" here is step_id N in the zip),
 * without their DOM and accessibility trees: the page never shows them, and a
 * long task's trees could fill the tab's memory.
 */
export async function liveSteps(taskId: string): Promise<StoredStep[]> {
  const range = stepsOfTask(taskId);
  const bySeq = new Map<number, StoredStep>();
  for (let c = await (await db()).transaction('steps').store.openCursor(range); c; c = await c.continue()) {
    const s = c.value;
    if (s.deleted) continue;
    const observation = { ...s.step.observation, dom_tree: '' };
    delete observation.axtree;
    bySeq.set(s.seq, { ...s, step: { ...s.step, observation } });
  }
  const order = exportOrder([...bySeq.values()].map((s) => ({ seq: s.seq, deleted: false, timestamp: s.step.timestamp })));
  return order.map((seq) => bySeq.get(seq)!);
}

/** The task's final state as export writes it (db's currentFinal), without its trees (the page shows its screenshot and address), or null. */
export async function finalOfTask(taskId: string): Promise<StoredFinal | null> {
  const f = await currentFinal(taskId);
  if (!f) return null;
  const observation = { ...f.state.observation, dom_tree: '' };
  delete observation.axtree;
  return { ...f, state: { ...f.state, observation } };
}

export async function imageBlob(imageId: string): Promise<Blob | null> {
  return (await (await db()).get('images', imageId))?.blob ?? null;
}

async function updateStep(taskId: string, seq: number, change: (s: StoredStep) => StoredStep): Promise<StoredStep> {
  const database = await db();
  const tx = database.transaction('steps', 'readwrite');
  const current = await tx.store.get([taskId, seq]);
  if (!current) throw new Error(`step ${seq} of task ${taskId} is gone`);
  const next = change(current);
  await tx.store.put(next);
  await tx.done;
  return next;
}

/**
 * A reviewer's thought goes to the worker, which scrubs it as it scrubs every final string of a step and stores
 * it (`storeThought`): a pasted e-mail or token is never stored as typed. Resolves to the thought as stored.
 */
export async function editThought(taskId: string, seq: number, thought: string): Promise<string> {
  // Safe to ask twice (a reply lost while the worker restarts): storing the same thought again changes nothing.
  const reply = await ask<'review/thought'>({ kind: 'review/thought', taskId, seq, thought });
  if (!reply?.ok) throw new Error(reply?.error ?? 'the thought was not saved');
  return reply.thought;
}

/** Store a thought already scrubbed (the worker's side of `editThought`); what scrubbing found is counted with the step's redactions. */
export function storeThought(taskId: string, seq: number, thought: string, counts: Record<string, number>): Promise<StoredStep> {
  return updateStep(taskId, seq, (s) => {
    if (s.step.thought_trace === thought) return s;
    const redactions = { ...s.redactions };
    for (const [rule, n] of Object.entries(counts)) redactions[rule] = (redactions[rule] ?? 0) + n;
    return { ...s, redactions, step: { ...s.step, thought_trace: thought } };
  });
}

/** Deleted steps are purged to tombstones (the seq is never reused) and left out of every export. */
export async function deleteStep(taskId: string, seq: number): Promise<void> {
  const database = await db();
  let imageId: string | null = null;
  await updateStep(taskId, seq, (s) => {
    imageId = s.imageId;
    return tombstone(s);
  });
  if (imageId) await database.delete('images', imageId);
  const task = await database.get('tasks', taskId);
  if (task) await database.put('tasks', { ...task, stepCount: Math.max(0, task.stepCount - 1) });
}

type BlurStyle = { mode: 'gaussian' | 'pixelate'; strength: number };

/** Blur a rectangle (CSS pixels of the screenshot) in a stored image, for good; false when the image is gone. */
async function blurImage(imageId: string, region: Box, blur: BlurStyle): Promise<boolean> {
  const database = await db();
  const image = await database.get('images', imageId);
  if (!image) return false;
  const rects = regionsToPixels([region], 1, 0, image.width, image.height);
  const out = await processImage(image.blob, null, rects, blur);
  await database.put('images', { ...image, blob: out.blob });
  return true;
}

/** Blur a rectangle (CSS pixels of the screenshot) in a step's stored image, for good. */
export async function blurRegion(step: StoredStep, region: Box, blur: BlurStyle): Promise<void> {
  if (!step.imageId || !(await blurImage(step.imageId, region, blur))) return;
  await updateStep(step.taskId, step.seq, (s) => ({ ...s, redactions: { ...s.redactions, manual: (s.redactions.manual ?? 0) + 1 } }));
}

/** The same for the task's final state: a secret missed in its screenshot is blurred as in a step's. */
export async function blurFinalRegion(final: StoredFinal, region: Box, blur: BlurStyle): Promise<void> {
  if (!final.imageId || !(await blurImage(final.imageId, region, blur))) return;
  const database = await db();
  const tx = database.transaction('finals', 'readwrite');
  const current = await tx.store.get(final.taskId);
  // Counted only on the final state whose image was blurred (not one that replaced it meanwhile).
  if (current?.imageId === final.imageId) await tx.store.put({ ...current, redactions: { ...current.redactions, manual: (current.redactions.manual ?? 0) + 1 } });
  await tx.done;
}

/**
 * Drop the task's final state and its screenshot, for good: export then writes none. A final state still in the
 * pending store (its image work not done) goes too, so it cannot come back; the step processor files a final
 * only while its pending record is there.
 */
export async function deleteFinal(taskId: string): Promise<void> {
  const database = await db();
  const tx = database.transaction(['finals', 'images', 'pending'], 'readwrite');
  const final = await tx.objectStore('finals').get(taskId);
  if (final?.imageId) await tx.objectStore('images').delete(final.imageId);
  await tx.objectStore('finals').delete(taskId);
  for (let c = await tx.objectStore('pending').index('byTask').openCursor(IDBKeyRange.only(taskId)); c; c = await c.continue()) {
    if (isFinalDraft(c.value.draft)) await c.delete();
  }
  await tx.done;
}

export async function setTaskStatus(taskId: string, status: Task['status']): Promise<Task | null> {
  const database = await db();
  const task = await database.get('tasks', taskId);
  if (!task || task.status === 'recording') return task ?? null;
  const next = { ...task, status };
  await database.put('tasks', next);
  return next;
}

/** Ask the worker to label a task (it scrubs the note, then `storeOutcome`); resolves to the task as stored. */
export async function labelOutcome(taskId: string, label: OutcomeInput): Promise<Task> {
  const reply = await ask<'review/outcome'>({ kind: 'review/outcome', taskId, label });
  if (!reply?.ok) throw new Error(reply?.error ?? 'the outcome was not saved');
  return reply.task;
}

/**
 * The worker's side of `labelOutcome`: in one transaction with the task's other writers (a step stored meanwhile
 * counts itself in). The failure step must be a live step of the task; undefined clears the label.
 */
export async function storeOutcome(taskId: string, outcome: TaskOutcome | undefined): Promise<Task> {
  const tx = (await db()).transaction(['tasks', 'steps'], 'readwrite');
  const task = await tx.objectStore('tasks').get(taskId);
  if (!task) throw new Error('no such task');
  if (task.status === 'recording') throw new Error('a task is labelled once its recording has stopped');
  if (outcome?.failureSeq != null) {
    const step = await tx.objectStore('steps').get([taskId, outcome.failureSeq]);
    if (!step || step.deleted) throw new Error(`step ${outcome.failureSeq} is not a step of this task`);
  }
  const next: Task = { ...task };
  if (outcome) next.outcome = outcome;
  else delete next.outcome;
  await tx.objectStore('tasks').put(next);
  await tx.done;
  return next;
}

export async function deleteTask(taskId: string): Promise<void> {
  const database = await db();
  const range = stepsOfTask(taskId);
  const tx = database.transaction(['tasks', 'steps', 'images', 'finals'], 'readwrite');
  for (let c = await tx.objectStore('steps').openCursor(range); c; c = await c.continue()) {
    if (c.value.imageId) await tx.objectStore('images').delete(c.value.imageId);
    await c.delete();
  }
  const final = await tx.objectStore('finals').get(taskId);
  if (final?.imageId) await tx.objectStore('images').delete(final.imageId);
  await tx.objectStore('finals').delete(taskId);
  await tx.objectStore('tasks').delete(taskId);
  await tx.done;
}
