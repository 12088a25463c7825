// The popup's export choices as stored: a part of the one export-options
// schema (core/export-options), under the same names, plus which tasks the
// popup's list offers. Pure, so stored prefs of every version are tested here;
// platform/export-prefs keeps them in storage.local.
import { z } from 'zod';
import { ExportOptionsSchema, type ExportOptionsInput } from './export-options';
import { DIALOGUE_FORMAT_IDS, type DialogueFormatId } from './formats/format';

const PICKED = ExportOptionsSchema.pick({ formats: true, replay: true, actionStyle: true, includeDom: true, saveAs: true }).shape;

/** Each stored field on its own: one unreadable field falls back to its default, not the whole of the prefs. */
export const ExportPrefsSchema = z.object({
  scope: z.enum(['all', 'confirmed', 'chosen']).catch('all'),
  chosen: z.array(z.string()).catch([]),
  formats: PICKED.formats.catch(PICKED.formats.parse(undefined)),
  replay: PICKED.replay.catch(true),
  actionStyle: PICKED.actionStyle.catch('json'),
  includeDom: PICKED.includeDom.catch(false),
  saveAs: PICKED.saveAs.catch(false),
});

export type ExportPrefs = z.infer<typeof ExportPrefsSchema>;
export type TaskScope = ExportPrefs['scope'];

export const DEFAULT_PREFS: ExportPrefs = ExportPrefsSchema.parse({});

/** Stored prefs under today's names: popups before the format registry kept one flag per format. */
export function readExportPrefs(stored: unknown): ExportPrefs {
  const old = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const prefs = { ...old };
  if (old.formats === undefined && (old.sharegpt !== undefined || old.messages !== undefined)) {
    prefs.formats = DIALOGUE_FORMAT_IDS.filter((id) => old[id] ?? DEFAULT_PREFS.formats.includes(id)) as DialogueFormatId[];
  }
  return ExportPrefsSchema.parse(prefs);
}

/** What the worker is asked to export. Chosen tasks that no longer exist are dropped by the caller. */
export function toExportOptions(p: ExportPrefs, existing: ReadonlySet<string>): ExportOptionsInput {
  return {
    onlyConfirmed: p.scope === 'confirmed',
    taskIds: p.scope === 'chosen' ? p.chosen.filter((id) => existing.has(id)) : [],
    formats: p.formats,
    replay: p.replay,
    actionStyle: p.actionStyle,
    includeDom: p.includeDom,
    saveAs: p.saveAs,
  };
}
