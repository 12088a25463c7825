// Starts exports and hands finished zips to the browser's downloads. An
// export never writes a partial task: it first waits until every step of the
// tasks it covers is stored (scrubbing can trail the recording by a few
// seconds), telling the popup how many are left; it can be cancelled then.
import type { ExportProgress, Reply } from '../core/messages';
import { exportOptions, type ExportOptions, type ExportOptionsInput } from '../core/export-options';
import { host } from '../platform/host';
import { configHash } from './scrubber-state';
import { kickProcessor } from './step-processor';
import { ingestUnsent } from './step-intake';
import { broadcast, send } from '../platform/messaging';
import { extensionVersion } from '../platform/extension-info';
import { db, listTasks } from '../platform/db';
import { loadProvenance } from '../platform/provenance-settings';
import { demonstratorHash } from '../core/provenance';
import { awakeWhile, holdAwake, releaseAwake } from '../platform/keep-awake';

/** Drafts still on their way when a task stopped (a typing session flushed by Stop) arrive within this. */
const ARRIVAL_GRACE_MS = 1500;
const POLL_MS = 250;
/**
 * The image-work page reports progress at least once per step; an export silent for this long has died, and
 * stops keeping the worker awake. (In Firefox that page lives inside the background page: it must stay up.)
 */
const EXPORT_SILENCE_MS = 60_000;

/** Exports still waiting for their steps, by id: cancelling one sets its flag. */
const waiting = new Map<string, { cancelled: boolean }>();

/** Steps of the exported tasks not yet stored (all finished tasks when none are named). */
async function pendingFor(options: ExportOptions): Promise<number> {
  const database = await db();
  const ids = options.taskIds.length ? options.taskIds : (await listTasks()).filter((t) => t.status !== 'recording').map((t) => t.id);
  let n = 0;
  for (const id of ids) n += await database.countFromIndex('pending', 'byTask', id);
  return n;
}

function progress(exportId: string, phase: ExportProgress['phase'], extra: Partial<ExportProgress> = {}): void {
  broadcast({ kind: 'export/progress', progress: { exportId, phase, doneSteps: 0, totalSteps: 0, bytes: 0, ...extra } });
}

export async function startExport(partial: ExportOptionsInput): Promise<Reply<'export/start'>> {
  let options: ExportOptions;
  try {
    options = exportOptions(partial);
  } catch (error) {
    return { ok: false, error: `invalid export options: ${(error as Error).message}` };
  }
  const exportId = crypto.randomUUID();
  const job = { cancelled: false };
  waiting.set(exportId, job);
  void awakeWhile((async () => {
    try {
      const latest = Math.max(0, ...(await listTasks()).map((t) => t.endedAt ?? 0));
      // Capped: a task whose end lies in the future (clock changes, imported data) must not stall the export.
      const grace = Math.min(ARRIVAL_GRACE_MS, latest + ARRIVAL_GRACE_MS - Date.now());
      if (grace > 0) await new Promise((r) => setTimeout(r, grace));
      // Drafts that pages handed over as they went away (their messages lost with a stopped worker).
      await ingestUnsent(0);
      for (let left = await pendingFor(options); left > 0; left = await pendingFor(options)) {
        if (job.cancelled) return progress(exportId, 'cancelled');
        progress(exportId, 'waiting', { pendingSteps: left });
        void kickProcessor();
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      if (job.cancelled) return progress(exportId, 'cancelled');
      waiting.delete(exportId);
      await host.openImageWorkPage();
      holdAwake(exportLease(exportId), EXPORT_SILENCE_MS);
      await send<'offscreen/export'>({
        kind: 'offscreen/export', target: 'offscreen', exportId, options, configHash: await configHash(),
        extensionVersion: extensionVersion(), demonstratorHash: await (async () => {
          const p = await loadProvenance();
          return demonstratorHash(p.demonstratorId, p.salt);
        })(),
      });
    } catch (error) {
      releaseAwake(exportLease(exportId));
      progress(exportId, 'error', { error: String(error) });
    } finally {
      waiting.delete(exportId);
    }
  })());
  return { ok: true, exportId };
}

const exportLease = (exportId: string): string => `export:${exportId}`;

/** The image-work page's progress: a running export keeps the worker awake; a finished one lets it go. */
export function exportProgressed(p: ExportProgress): void {
  if (p.phase === 'waiting' || p.phase === 'running') holdAwake(exportLease(p.exportId), EXPORT_SILENCE_MS);
  // 'done' still hands the zip to the downloads (export/ready), which releases it.
  else if (p.phase !== 'done') releaseAwake(exportLease(p.exportId));
}

/** The zip is with the downloads: nothing of this export is left to do. */
export function exportHandedOver(exportId: string): void {
  releaseAwake(exportLease(exportId));
}

export async function cancelExport(exportId: string): Promise<void> {
  const job = waiting.get(exportId);
  if (job) {
    job.cancelled = true;
    return;
  }
  await send<'offscreen/export-cancel'>({ kind: 'offscreen/export-cancel', target: 'offscreen', exportId }).catch(() => undefined);
}
