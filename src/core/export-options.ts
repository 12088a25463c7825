// What an export is asked to write, in one shape with one name per setting
// and its defaults: the popup stores a part of it (platform/export-prefs), the
// worker parses it (a message is checked, not trusted), the offscreen writer,
// `format`, `scrub`, `replay --annotate` and `pack` read it; the CLI flags are
// its names in kebab case (cli/export-flags). Narrower shapes (the writer's,
// the examples', pack's) are picked from it, never redeclared.
import { z } from 'zod';
import { ACTION_STYLES } from './action-format';
import { DEFAULT_MAX_IMAGES, DEFAULT_WINDOW, MAX_IMAGES } from './formatters';
import { DIALOGUE_FORMAT_IDS } from './formats/format';
import { DEFAULT_DIALOGUE_IDS } from './formats/dialogues';
import { OBSERVATION_TREES } from './observation-trees';

export const ExportOptionsSchema = z.object({
  /** Task ids to export; empty means every finished task. */
  taskIds: z.array(z.string().max(64)).max(100_000).default([]),
  onlyConfirmed: z.boolean().default(false),
  /** Only tasks whose replay score (replay --annotate) reaches this share, and of them the steps that replayed ok. */
  minReplay: z.number().min(0).max(1).optional(),
  /** Dialogue formats to write (formats/registry): OpenAI lines embed every screenshot, so they are off unless asked. */
  formats: z.array(z.enum(DIALOGUE_FORMAT_IDS)).max(DIALOGUE_FORMAT_IDS.length).default(DEFAULT_DIALOGUE_IDS),
  /** Replay files per task (formats/replay). */
  replay: z.boolean().default(true),
  actionStyle: z.enum(ACTION_STYLES).default('json'),
  /**
   * How the json and call action styles give points: CSS pixels of the screenshot, or fractions of its width and
   * height (0 to 1), which stay true when a trainer resizes the image (LLaMA-Factory's image_max_pixels).
   * pyautogui and BrowserGym keep pixels: their tools take pixels.
   */
  coordinates: z.enum(['pixels', 'normalized']).default('pixels'),
  /** The pruned DOM in each example's observation (was `includeDomInDialogues` in messages; `--dom` still works). */
  includeDom: z.boolean().default(false),
  /**
   * Which tree `includeDom` puts in each observation: the pruned dom_tree, the axtree (same ids, a fraction of the
   * size) or both; cut to fit the example's context either way (formatters.withTrees).
   */
  observation: z.enum(OBSERVATION_TREES).default('dom'),
  /** Grounding rows (formats/grounding): per screenshot, each visible named interactive element's box. */
  grounding: z.boolean().default(false),
  /** Characters of pruned DOM per observation (dom-compact's default when absent). */
  domMaxChars: z.number().int().positive().optional(),
  /** Steps per training example (0: a whole task per example). */
  window: z.number().int().min(0).default(DEFAULT_WINDOW),
  /** Screenshots per example; more than OpenAI's 10 were always used as 10, so they are read as 10. */
  maxImages: z.number().int().min(0).transform((n) => Math.min(n, MAX_IMAGES)).default(DEFAULT_MAX_IMAGES),
  /** OpenAI's image detail: "low" costs fewer tokens (was `openaiDetailLow: true`). */
  detail: z.literal('low').optional(),
  /** For formats that carry screenshots (OpenAI): under this URL prefix instead of inline data URLs. */
  imageUrlPrefix: z.string().optional(),
  saveAs: z.boolean().default(false),
});

export type ExportOptions = z.infer<typeof ExportOptionsSchema>;
export type ExportOptionsInput = z.input<typeof ExportOptionsSchema>;

/** Options from anything (a message, flags): defaults filled, unknown keys dropped; throws on wrong types. */
export function exportOptions(input: unknown): ExportOptions {
  return ExportOptionsSchema.parse(input ?? {});
}

/** What examples are made of (formatters.taskExamples). */
export type ExampleOptions = Pick<ExportOptions, 'actionStyle' | 'includeDom'> & Partial<Pick<ExportOptions, 'domMaxChars' | 'window' | 'maxImages' | 'coordinates' | 'observation'>>;

/** What the zip writer is told: the files to write and how their examples look. */
export type WriterOptions = ExampleOptions & Pick<ExportOptions, 'formats'> & Partial<Pick<ExportOptions, 'replay' | 'detail' | 'imageUrlPrefix'>>;
