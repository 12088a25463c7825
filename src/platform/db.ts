// IndexedDB through idb: tasks, steps and screenshot blobs. Shared by the
// service worker, the offscreen document (export) and the review page, which
// all run on the extension origin and so see the same database.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Task } from '../core/task';
import type { PendingStep } from '../core/pending-step';
import type { StoredFinal } from '../core/final-state';
import { exportOrder, toExportStep, type ExportedStep, type StoredStep } from '../core/stored-step';

interface DataflowDB extends DBSchema {
  tasks: { key: string; value: Task };
  steps: { key: [string, number]; value: StoredStep; indexes: { byDraft: string } };
  images: { key: string; value: { id: string; blob: Blob; width: number; height: number } };
  /** Steps accepted but not yet stored: written before the draft is acknowledged (see core/pending-step). */
  pending: { key: string; value: PendingStep; indexes: { byTask: string; byArrival: [number, string]; byAfterArrival: number } };
  /** Each task's final state (core/final-state), by task id. */
  finals: { key: string; value: StoredFinal };
}

export type Db = IDBPDatabase<DataflowDB>;

let dbPromise: Promise<Db> | null = null;

export function db(): Promise<Db> {
  dbPromise ??= openDB<DataflowDB>('alien-dataflow', 4, {
    upgrade(database, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) {
        database.createObjectStore('tasks', { keyPath: 'id' });
        const steps = database.createObjectStore('steps', { keyPath: ['taskId', 'seq'] });
        steps.createIndex('byDraft', 'draftId', { unique: true });
        database.createObjectStore('images', { keyPath: 'id' });
      }
      if (oldVersion < 2) {
        const pending = database.createObjectStore('pending', { keyPath: 'draftId' });
        pending.createIndex('byTask', 'taskId');
        pending.createIndex('byArrival', ['arrivedAt', 'draftId']);
      }
      if (oldVersion < 3) database.createObjectStore('finals', { keyPath: 'taskId' });
      // Only the few records that have the field are in it (see pendingEarlySteps).
      if (oldVersion < 4) transaction.objectStore('pending').createIndex('byAfterArrival', 'afterArrival');
    },
    // Another context (an open review page) holds the old version: let it go rather than block the upgrade.
    blocking() {
      void dbPromise?.then((d) => d.close());
      dbPromise = null;
    },
  });
  return dbPromise;
}

/** Key range of one task's steps (keys are [taskId, seq]). */
export function stepsOfTask(taskId: string): IDBKeyRange {
  return IDBKeyRange.bound([taskId, 0], [taskId, Number.MAX_SAFE_INTEGER]);
}

export async function listTasks(): Promise<Task[]> {
  const tasks = await (await db()).getAll('tasks');
  return tasks.sort((a, b) => b.createdAt - a.createdAt);
}

/**
 * The task's final state as it stands: none when a step of the task (kept or deleted: its action happened) came
 * after it. A closed tab's state, filed mid-task, is the final state only until the task goes on; Stop replaces
 * it when it takes one, and when Stop takes none (a browser page, a never_record site, a page still loading) it
 * would otherwise outlive the steps after it, exported as their result. Decided as it is read, so a closed tab's
 * final processed late after Stop, or a step stored after it, is judged the same way, and nothing is deleted.
 */
export async function currentFinal(taskId: string): Promise<StoredFinal | null> {
  const tx = (await db()).transaction(['finals', 'steps']);
  const final = await tx.objectStore('finals').get(taskId);
  if (!final) return null;
  for (let c = await tx.objectStore('steps').openCursor(stepsOfTask(taskId), 'prev'); c; c = await c.continue()) {
    if (c.value.step.timestamp > final.state.timestamp) return null;
  }
  return final;
}

/** The newest arrival stamp of a pending step (0 when none): where a restarted worker's stamps go on from. */
export async function newestArrival(): Promise<number> {
  const cursor = await (await db()).transaction('pending').store.index('byArrival').openCursor(null, 'prev');
  return cursor?.value.arrivedAt ?? 0;
}

/**
 * Pending steps sent while their page's load report, of an arrival in (after, upTo], was on its way: their tab,
 * that arrival and their stamp (see background/arrival-stamps). Only such steps are in the index: rarely any.
 */
export async function pendingEarlySteps(after: number, upTo: number): Promise<{ tabId: number; afterArrival: number; arrivedAt: number }[]> {
  const early = await (await db()).getAllFromIndex('pending', 'byAfterArrival', IDBKeyRange.bound(after, upTo, true, false));
  return early.flatMap((p) => (p.afterArrival === undefined ? [] : [{ tabId: p.tabId, afterArrival: p.afterArrival, arrivedAt: p.arrivedAt }]));
}

/** Recording stopped: pending steps no longer wait for their pages' load reports (see background/arrival-stamps). */
export async function clearEarlyMarks(): Promise<void> {
  const tx = (await db()).transaction('pending', 'readwrite');
  for (let c = await tx.store.index('byAfterArrival').openCursor(); c; c = await c.continue()) {
    const { afterArrival: _named, ...rest } = c.value;
    await c.update(rest);
  }
  await tx.done;
}

/** Highest sequence number recorded for a task (0 when none). */
/** Which of these drafts are pending or stored already. */
export async function knownDrafts(draftIds: readonly string[]): Promise<Set<string>> {
  if (!draftIds.length) return new Set();
  const tx = (await db()).transaction(['pending', 'steps'], 'readonly');
  const known = await Promise.all(draftIds.map(async (id) => (await tx.objectStore('pending').getKey(id)) !== undefined
    || (await tx.objectStore('steps').index('byDraft').getKey(id)) !== undefined));
  await tx.done;
  return new Set(draftIds.filter((_id, i) => known[i]));
}

export async function lastSeq(taskId: string): Promise<number> {
  const range = stepsOfTask(taskId);
  const cursor = await (await db()).transaction('steps').store.openCursor(range, 'prev');
  return cursor?.value.seq ?? 0;
}

/**
 * A task's steps in export order, `size` at a time: a cursor first reads only
 * what ordering needs, then each batch is fetched by key, so a long task with
 * large DOM trees is never in memory whole.
 */
export async function* exportBatches(taskId: string, confirmed: boolean, withDom: boolean, size = 50): AsyncIterable<ExportedStep[]> {
  const database = await db();
  const range = stepsOfTask(taskId);
  const keys: { seq: number; deleted: boolean; timestamp: number }[] = [];
  for (let c = await database.transaction('steps').store.openCursor(range); c; c = await c.continue()) {
    keys.push({ seq: c.value.seq, deleted: c.value.deleted, timestamp: c.value.step.timestamp });
  }
  const order = exportOrder(keys);
  for (let i = 0; i < order.length; i += size) {
    const tx = database.transaction('steps');
    const batch = await Promise.all(order.slice(i, i + size).map((seq) => tx.store.get([taskId, seq])));
    yield batch.map((stored, k) => {
      if (!stored) throw new Error(`step ${order[i + k]} of task ${taskId} vanished during export`);
      const out = toExportStep(stored, i + k + 1, confirmed);
      return withDom ? out : { ...out, step: { ...out.step, observation: { ...out.step.observation, dom_tree: '' } } };
    });
  }
}
