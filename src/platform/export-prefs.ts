// The popup's export choices (core/export-prefs), kept in storage.local so
// they survive the popup closing (it closes whenever focus leaves it).
import browser from 'webextension-polyfill';
import { readExportPrefs, type ExportPrefs } from '../core/export-prefs';

export { DEFAULT_PREFS, toExportOptions, type ExportPrefs, type TaskScope } from '../core/export-prefs';

const KEY = 'exportPrefs';

export async function loadExportPrefs(): Promise<ExportPrefs> {
  const got = await browser.storage.local.get(KEY);
  return readExportPrefs(got[KEY]);
}

export async function saveExportPrefs(prefs: ExportPrefs): Promise<void> {
  await browser.storage.local.set({ [KEY]: prefs });
}
