// The popup's export choices, kept in storage.local so they survive the popup
// closing (it closes whenever focus leaves it).
import browser from 'webextension-polyfill';
import type { ExportOptionsInput } from '../core/export-options';
import type { ActionStyle } from '../core/action-format';

export type TaskScope = 'all' | 'confirmed' | 'chosen';

export interface ExportPrefs {
  scope: TaskScope;
  chosen: string[];
  sharegpt: boolean;
  messages: boolean;
  /** OpenAI fine-tuning lines, screenshots inline. */
  openai: boolean;
  actionStyle: ActionStyle;
  includeDom: boolean;
  saveAs: boolean;
}

export const DEFAULT_PREFS: ExportPrefs = {
  scope: 'all', chosen: [], sharegpt: true, messages: true, openai: false, actionStyle: 'json', includeDom: false, saveAs: false,
};

const KEY = 'exportPrefs';

export async function loadExportPrefs(): Promise<ExportPrefs> {
  const got = await browser.storage.local.get(KEY);
  return { ...DEFAULT_PREFS, ...(got[KEY] as Partial<ExportPrefs> | undefined) };
}

export async function saveExportPrefs(prefs: ExportPrefs): Promise<void> {
  await browser.storage.local.set({ [KEY]: prefs });
}

/** What the worker is asked to export. Chosen tasks that no longer exist are dropped by the caller. */
export function toExportOptions(p: ExportPrefs, existing: ReadonlySet<string>): ExportOptionsInput {
  return {
    onlyConfirmed: p.scope === 'confirmed',
    taskIds: p.scope === 'chosen' ? p.chosen.filter((id) => existing.has(id)) : [],
    formats: { sharegpt: p.sharegpt, messages: p.messages, openai: p.openai },
    actionStyle: p.actionStyle,
    includeDomInDialogues: p.includeDom,
    saveAs: p.saveAs,
  };
}
