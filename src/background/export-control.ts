// Starts exports and hands finished zips to the browser's downloads. An
// export never writes a partial task: it first waits until every step of the
// tasks it covers is stored (scrubbing can trail the recording by a few
// seconds), telling the popup how many are left; it can be cancelled then.
import type { ExportProgress, ReadyZip, Reply } from '../core/messages';
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
import { anyExportUnderWay, beginHandOver, claimExport, endHandOver, EXPORT_ID, EXPORT_RUNS_MAX, exportCancelled, exportEnded, handedOverByStoppedWorker, handedOverUrls, isUnderWay, noteHandedOver, takeCutOffExports } from './export-ledger';
import { isOwnBlobUrl } from '../platform/sender';
import { armWake, clearWake } from '../platform/wake-alarm';

/** Drafts still on their way when a task stopped (a typing session flushed by Stop) arrive within this. */
const ARRIVAL_GRACE_MS = 1500;
const POLL_MS = 250;
/**
 * The image-work page reports progress at least once per step; an export silent for this long has died, and
 * stops keeping the worker awake. (In Firefox that page lives inside the background page: it must stay up.)
 */
const EXPORT_SILENCE_MS = 60_000;

/** Exports a stopped worker handed over whose downloads are being asked about: not resumed meanwhile. */
const askingDownloads = new Set<string>();
/** Those asked about already by this worker (their zips not saved): resumed as any other, not asked again. */
const askedDownloads = new Set<string>();
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

/** Starts export `exportId` (the sender's UUID); the same id asked for again is answered, not started twice. */
export async function startExport(partial: ExportOptionsInput, exportId: string): Promise<Reply<'export/start'>> {
  let options: ExportOptions;
  try {
    options = exportOptions(partial);
  } catch (error) {
    return { ok: false, error: `invalid export options: ${(error as Error).message}` };
  }
  if (typeof exportId !== 'string' || !EXPORT_ID.test(exportId)) return { ok: false, error: 'an export needs an id (a UUID)' };
  const claim = await claimExport(exportId, partial);
  if (claim === 'fresh') runExportJob(exportId, options);
  // Asked again after the worker that took it stopped (this ask started this worker): resumed, not started anew.
  else if (claim === 'cut-off') void awakeWhile(resumeCutOffExports()).catch((e: unknown) => console.warn('[alien-dataflow] resuming an export failed', e));
  return { ok: true, exportId };
}

/**
 * Exports a stopped worker left under way that the image-work page neither runs nor finished: run again, under
 * their own ids (the popup follows them by id). Called as the worker starts, and by the wake alarm armed while one
 * is under way (Chrome starts a stopped worker only for an event).
 */
export async function resumeCutOffExports(): Promise<void> {
  if (!(await anyExportUnderWay())) return clearWake('resume-exports');
  // Zips a stopped worker handed to the downloads before it noted their end: saved, they are not made again
  // (nor given up as cut off too often). Each asked on its own, and left alone meanwhile: a download still under
  // way (a save dialog open) is waited for, and must not hold up the others.
  for (const [exportId, urls] of await handedOverByStoppedWorker()) {
    if (askingDownloads.has(exportId) || askedDownloads.has(exportId)) continue;
    askingDownloads.add(exportId);
    void awakeWhile(savedAlready(exportId, urls).finally(() => {
      askingDownloads.delete(exportId);
      askedDownloads.add(exportId);
    }).then((saved) => (saved ? undefined : resumeCutOffExports())))
      .catch((e: unknown) => console.warn('[alien-dataflow] resuming an export failed', e));
  }
  await host.openImageWorkPage();
  const known = await send<'offscreen/exports-known'>({ kind: 'offscreen/exports-known', target: 'offscreen' });
  const ready = new Map((known?.ready ?? []).map((z) => [z.exportId, z]));
  const cut = await takeCutOffExports({ running: new Set([...known?.running ?? [], ...askingDownloads]), ready: new Set(ready.keys()), finished: new Set(known?.finished ?? []) });
  for (const exportId of cut.givenUp) {
    progress(exportId, 'error', { error: `The export was cut off ${EXPORT_RUNS_MAX} times as the browser stopped the extension's worker. Press Export again.` });
  }
  for (const exportId of cut.endedUnheard) {
    progress(exportId, 'error', { error: 'The export ended without a zip while the extension\'s worker was stopped. Press Export again.' });
  }
  for (const exportId of cut.handOver) {
    await handOverZip(ready.get(exportId)!);
  }
  for (const [exportId, entry] of cut.resume) {
    try {
      runExportJob(exportId, exportOptions(entry.options));
    } catch (error) {
      await ended(exportId);
      progress(exportId, 'error', { error: `invalid export options: ${(error as Error).message}` });
    }
  }
  await stopWakeIfIdle();
}

/**
 * Hands an export's zip to the downloads, once: only a zip the image-work page made, and only while its export is
 * under way (a repeat of the news, or a zip made after the person cancelled, is not saved).
 */
export async function handOverZip({ exportId, url, filename, saveAs }: ReadyZip): Promise<void> {
  // Only a zip the offscreen document made: never an arbitrary URL a message names.
  if (!isOwnBlobUrl(url) || !/^alien-dataflow-[\w.-]+\.zip$/.test(filename)) {
    console.warn('[alien-dataflow] refusing a download that is not an export zip', filename);
    return;
  }
  if (!(await isUnderWay(exportId)) || !beginHandOver(exportId)) return;
  try {
    // A worker stopped after handing it over, before the end was noted: the downloads say whether it went.
    if (await savedAlready(exportId, await handedOverUrls(exportId))) return;
    // Cancelled while the ledger and the downloads were asked: not saved.
    if (!(await noteHandedOver(exportId, url))) return;
    await awakeWhile(host.download(url, filename, saveAs));
  } finally {
    releaseAwake(exportLease(exportId));
    await ended(exportId);
    endHandOver(exportId);
  }
}

/**
 * Whether a zip an earlier worker handed to the downloads by one of `urls` went there (saved, or refused at the
 * save dialog): the export is then ended, not run or handed over again. Unknown to the downloads, or failed, it
 * was not saved. A download still under way is waited for (a save dialog open, a blob that may yet die).
 */
async function savedAlready(exportId: string, urls: readonly string[]): Promise<boolean> {
  let refused = false;
  for (const url of urls) {
    const outcome = await host.downloadOf(url).catch((error: unknown) => {
      console.warn('[alien-dataflow] the downloads could not be asked about an export', error);
      return 'none' as const;
    });
    if (outcome === 'saved') {
      await ended(exportId);
      return true;
    }
    refused ||= outcome === 'refused';
  }
  if (!refused) return false;
  await ended(exportId);
  progress(exportId, 'cancelled');
  return true;
}

/** Waits for the steps, then hands the export to the image-work page; the reply to the start does not wait for it. */
function runExportJob(exportId: string, options: ExportOptions): void {
  armWake('resume-exports');
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
        if (job.cancelled) return await cancelled();
        progress(exportId, 'waiting', { pendingSteps: left });
        void kickProcessor();
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      if (job.cancelled) return await cancelled();
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
      await ended(exportId);
      progress(exportId, 'error', { error: String(error) });
    } finally {
      waiting.delete(exportId);
    }
  })());

  async function cancelled(): Promise<void> {
    await ended(exportId);
    progress(exportId, 'cancelled');
  }
}

const exportLease = (exportId: string): string => `export:${exportId}`;

/** Nothing of `exportId` is left to resume; with none under way, the wake alarm stops too. */
async function ended(exportId: string): Promise<void> {
  await exportEnded(exportId);
  await stopWakeIfIdle();
}

/** The resume alarm is for exports under way: with none, it stops waking the worker. */
async function stopWakeIfIdle(): Promise<void> {
  if (!(await anyExportUnderWay())) clearWake('resume-exports');
}

/** The image-work page's progress: a running export keeps the worker awake; a finished one lets it go. */
export async function exportProgressed(p: ExportProgress): Promise<void> {
  if (p.phase === 'waiting' || p.phase === 'running') holdAwake(exportLease(p.exportId), EXPORT_SILENCE_MS);
  // 'done' still hands the zip to the downloads (export/ready), which releases it.
  else if (p.phase !== 'done') {
    releaseAwake(exportLease(p.exportId));
    await ended(p.exportId);
  }
}

/** The person cancelled: noted first (no start asked again, nor a resume, runs it), then told to whoever runs it. */
export async function cancelExport(exportId: string): Promise<void> {
  await exportCancelled(exportId);
  const job = waiting.get(exportId);
  if (job) {
    job.cancelled = true;
    return;
  }
  await send<'offscreen/export-cancel'>({ kind: 'offscreen/export-cancel', target: 'offscreen', exportId }).catch(() => undefined);
  await stopWakeIfIdle();
}
