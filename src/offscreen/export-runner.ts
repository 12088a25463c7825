// Runs an export in the offscreen document, where it survives the popup
// closing and where blob URLs can be made for chrome.downloads.
import type { ExportOptions, ExportProgress, ReadyZip } from '../core/messages';
import { writeExport, ExportCancelled, type ExportSource } from '../core/export-writer';
import { exportFilename } from '../core/zip-layout';
import { currentFinal, db, exportBatches, listTasks } from '../platform/db';
import { broadcast } from '../platform/messaging';

/** Blob parts are folded into one Blob every so often, so Chrome can move the data out of the JS heap. */
const FOLD_BYTES = 16 * 1024 * 1024;
const cancelled = new Set<string>();
/**
 * Exports this page runs, the zips it made (kept while their blob URL lives: a worker that missed export/ready
 * hands them over from here), and the exports it ended without a zip: the worker resumes only the others.
 */
const running = new Set<string>();
const ready = new Map<string, ReadyZip>();
const finished = new Set<string>();
const FINISHED_KEPT = 20;
/** The download reads the blob quickly; revoked much later to be safe. */
const URL_KEPT_MS = 10 * 60 * 1000;

export function cancelExport(exportId: string): void {
  cancelled.add(exportId);
}

/** The ids this page is running and has finished (export-ledger's resume asks, as a stopped worker restarts). */
export function exportsKnown(): { running: string[]; ready: ReadyZip[]; finished: string[] } {
  return { running: [...running], ready: [...ready.values()], finished: [...finished] };
}

async function selectTasks(options: ExportOptions) {
  const all = await listTasks();
  return all
    .filter((t) => t.status !== 'recording')
    .filter((t) => options.taskIds.length === 0 || options.taskIds.includes(t.id))
    .filter((t) => !options.onlyConfirmed || t.status === 'confirmed')
    .sort((a, b) => a.createdAt - b.createdAt);
}

// Offscreen documents only get runtime messaging, not getManifest: the worker passes the version in.
export async function runExport(exportId: string, options: ExportOptions, configHash: string, extensionVersion: string, demonstratorHash: string | null = null): Promise<void> {
  const report = (p: Omit<ExportProgress, 'exportId'>): void => broadcast({ kind: 'export/progress', progress: { exportId, ...p } });
  // Sent twice (a worker restarted between sending it and noting so): one zip.
  if (running.has(exportId) || ready.has(exportId) || finished.has(exportId)) return;
  running.add(exportId);
  try {
    const tasks = await selectTasks(options);
    if (tasks.length === 0) {
      report({ phase: 'error', doneSteps: 0, totalSteps: 0, bytes: 0, error: 'Nothing to export yet: record a task and stop it first.' });
      return;
    }
    const database = await db();
    const source: ExportSource = {
      tasks,
      steps: (taskId, withDom) => exportBatches(taskId, tasks.find((t) => t.id === taskId)?.status === 'confirmed', withDom),
      image: async (imageId) => {
        const image = await database.get('images', imageId);
        if (!image) throw new Error(`screenshot ${imageId} is missing from storage`);
        return new Uint8Array(await image.blob.arrayBuffer());
      },
      final: async (taskId) => {
        const stored = await currentFinal(taskId);
        return stored ? { state: stored.state, imageId: stored.imageId, redactions: stored.redactions } : null;
      },
    };
    let parts: BlobPart[] = [];
    let pending = 0;
    let lastReport = 0;
    const sink = (chunk: Uint8Array): void => {
      parts.push(chunk as Uint8Array<ArrayBuffer>);
      pending += chunk.length;
      if (pending > FOLD_BYTES) {
        parts = [new Blob(parts)];
        pending = 0;
      }
    };
    const filename = exportFilename(new Date());
    // The options as parsed by the worker: the writer reads its part of them by the same names.
    await writeExport(source, { ...options, extensionVersion, demonstratorHash, configHash, now: new Date() }, sink, (p) => {
      if (Date.now() - lastReport > 150) {
        lastReport = Date.now();
        report({ phase: 'running', ...p });
      }
    }, () => cancelled.has(exportId));
    const blob = new Blob(parts, { type: 'application/zip' });
    const url = URL.createObjectURL(blob);
    const zip: ReadyZip = { exportId, url, filename, saveAs: options.saveAs };
    ready.set(exportId, zip);
    setTimeout(() => {
      URL.revokeObjectURL(url);
      ready.delete(exportId);
    }, URL_KEPT_MS);
    const steps = tasks.reduce((n, t) => n + t.stepCount, 0);
    report({ phase: 'done', doneSteps: steps, totalSteps: steps, bytes: blob.size, filename });
    broadcast({ kind: 'export/ready', ...zip });
  } catch (error) {
    const phase = error instanceof ExportCancelled ? 'cancelled' : 'error';
    report({ phase, doneSteps: 0, totalSteps: 0, bytes: 0, error: phase === 'error' ? String(error) : undefined });
  } finally {
    cancelled.delete(exportId);
    running.delete(exportId);
    if (!ready.has(exportId)) finished.add(exportId);
    if (finished.size > FINISHED_KEPT) finished.delete(finished.values().next().value!);
  }
}
