// What an export is asked to write, in one shape with its defaults: the
// popup builds it, the worker parses it (a message is checked, not trusted),
// and the offscreen writer and the CLI read it.
import { z } from 'zod';
import { ACTION_STYLES } from './action-format';
import { DEFAULT_MAX_IMAGES, DEFAULT_WINDOW } from './formatters';
import { DIALOGUE_FORMATS, DIALOGUE_FORMAT_IDS, type DialogueFormatId } from './formats/registry';

const DEFAULT_FORMATS: DialogueFormatId[] = DIALOGUE_FORMATS.filter((f) => f.defaultOn).map((f) => f.id);

export const ExportOptionsSchema = z.object({
  /** Task ids to export; empty means every finished task. */
  taskIds: z.array(z.string().max(64)).max(100_000).default([]),
  onlyConfirmed: z.boolean().default(false),
  /** Dialogue formats to write (formats/registry): OpenAI lines embed every screenshot, so they are off unless asked. */
  formats: z.array(z.enum(DIALOGUE_FORMAT_IDS)).max(DIALOGUE_FORMAT_IDS.length).default(DEFAULT_FORMATS),
  /** Replay files per task (formats/registry REPLAY_FORMAT). */
  replay: z.boolean().default(true),
  actionStyle: z.enum(ACTION_STYLES).default('json'),
  includeDomInDialogues: z.boolean().default(false),
  /** Steps per training example (0: a whole task per example). */
  window: z.number().int().min(0).max(1000).default(DEFAULT_WINDOW),
  /** Screenshots per example (OpenAI allows at most 10). */
  maxImages: z.number().int().min(0).max(10).default(DEFAULT_MAX_IMAGES),
  /** OpenAI's image detail: "low" costs fewer tokens. */
  openaiDetailLow: z.boolean().default(false),
  saveAs: z.boolean().default(false),
});

export type ExportOptions = z.infer<typeof ExportOptionsSchema>;
export type ExportOptionsInput = z.input<typeof ExportOptionsSchema>;

/** Options from anything (a message, stored prefs): defaults filled, unknown keys dropped; throws on wrong types. */
export function exportOptions(input: unknown): ExportOptions {
  return ExportOptionsSchema.parse(input ?? {});
}
