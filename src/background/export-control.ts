// Starts exports in the offscreen document and hands finished zips to the
// browser's downloads.
import browser from 'webextension-polyfill';
import type { ExportOptions, Reply } from '../core/messages';
import { ensureOffscreen } from './offscreen-document';
import { configHash } from './scrubber-state';

export const DEFAULT_EXPORT: ExportOptions = {
  taskIds: [],
  onlyConfirmed: false,
  formats: { sharegpt: true, messages: true },
  actionStyle: 'json',
  includeDomInDialogues: false,
  saveAs: false,
};

export async function startExport(partial: Partial<ExportOptions>): Promise<Reply<'export/start'>> {
  const options: ExportOptions = { ...DEFAULT_EXPORT, ...partial, formats: { ...DEFAULT_EXPORT.formats, ...partial.formats } };
  const exportId = crypto.randomUUID();
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
