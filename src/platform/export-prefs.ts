// The popup's export choices, kept in storage.local so they survive the popup
// closing (it closes whenever focus leaves it).
import browser from 'webextension-polyfill';
import type { ExportOptionsInput } from '../core/export-options';
import type { ActionStyle } from '../core/action-format';
import { DIALOGUE_FORMATS, DIALOGUE_FORMAT_IDS, type DialogueFormatId } from '../core/formats/registry';

export type TaskScope = 'all' | 'confirmed' | 'chosen';

export interface ExportPrefs {
  scope: TaskScope;
  chosen: string[];
  /** Dialogue formats to write (formats/registry). */
  formats: DialogueFormatId[];
  /** DevTools Recorder flows and Puppeteer scripts per task. */
  replay: boolean;
  actionStyle: ActionStyle;
  includeDom: boolean;
  saveAs: boolean;
}

export const DEFAULT_PREFS: ExportPrefs = {
  scope: 'all', chosen: [], formats: DIALOGUE_FORMATS.filter((f) => f.defaultOn).map((f) => f.id), replay: true, actionStyle: 'json', includeDom: false, saveAs: false,
};

const KEY = 'exportPrefs';

export async function loadExportPrefs(): Promise<ExportPrefs> {
  const got = await browser.storage.local.get(KEY);
  const stored = (got[KEY] ?? {}) as Partial<ExportPrefs> & { sharegpt?: boolean; messages?: boolean };
  // Prefs saved before the format registry kept one flag per format.
  if (!stored.formats && (stored.sharegpt !== undefined || stored.messages !== undefined)) {
    stored.formats = DIALOGUE_FORMAT_IDS.filter((id) => (stored as Record<string, unknown>)[id] ?? DEFAULT_PREFS.formats.includes(id)) as DialogueFormatId[];
  }
  const { sharegpt: _s, messages: _m, ...rest } = stored;
  return { ...DEFAULT_PREFS, ...rest };
}

export async function saveExportPrefs(prefs: ExportPrefs): Promise<void> {
  await browser.storage.local.set({ [KEY]: prefs });
}

/** What the worker is asked to export. Chosen tasks that no longer exist are dropped by the caller. */
export function toExportOptions(p: ExportPrefs, existing: ReadonlySet<string>): ExportOptionsInput {
  return {
    onlyConfirmed: p.scope === 'confirmed',
    taskIds: p.scope === 'chosen' ? p.chosen.filter((id) => existing.has(id)) : [],
    formats: p.formats,
    replay: p.replay,
    actionStyle: p.actionStyle,
    includeDomInDialogues: p.includeDom,
    saveAs: p.saveAs,
  };
}
