// Starts exports in the offscreen document and hands finished zips to the
// browser's downloads.
import browser from 'webextension-polyfill';
import type { ExportOptions, Reply } from '../core/messages';
import { ensureOffscreen } from './offscreen-document';
import { configHash } from './scrubber-state';
import { whenStored } from './step-pipeline';
import { listTasks } from '../platform/db';

export const DEFAULT_EXPORT: ExportOptions = {
  taskIds: [],
  onlyConfirmed: false,
  formats: { sharegpt: true, messages: true },
  actionStyle: 'json',
  includeDomInDialogues: false,
  saveAs: false,
};

/** Drafts still on their way when a task stopped (a typing session flushed by Stop) arrive within this. */
const ARRIVAL_GRACE_MS = 1500;

/** Export right after Stop must include the last actions: let them arrive, then let the pipeline store them. */
async function settleJustStopped(): Promise<void> {
  const latest = Math.max(0, ...(await listTasks()).map((t) => t.endedAt ?? 0));
  const wait = latest + ARRIVAL_GRACE_MS - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  await whenStored();
}

export async function startExport(partial: Partial<ExportOptions>): Promise<Reply<'export/start'>> {
  const options: ExportOptions = { ...DEFAULT_EXPORT, ...partial, formats: { ...DEFAULT_EXPORT.formats, ...partial.formats } };
  const exportId = crypto.randomUUID();
  await settleJustStopped();
  await ensureOffscreen();
  await browser.runtime.sendMessage({ kind: 'offscreen/export', target: 'offscreen', exportId, options, configHash: await configHash(),
    extensionVersion: browser.runtime.getManifest().version,
  });
  return { ok: true, exportId };
}

export async function cancelExport(exportId: string): Promise<void> {
  await browser.runtime.sendMessage({ kind: 'offscreen/export-cancel', target: 'offscreen', exportId }).catch(() => undefined);
}

export async function downloadExport(url: string, filename: string, saveAs: boolean): Promise<void> {
  await browser.downloads.download({ url, filename, saveAs, conflictAction: 'uniquify' });
}
