// The shape of an export format. A format is one of three kinds, each written
// by the zip writer (and `format`, `pack`) the same way whatever its id:
// - dialogue: one JSON line per training example (sharegpt.jsonl, …), with
//   the check `validate` runs on every line, and optionally a Parquet config;
// - task-files: files per task (the replay flow and its Puppeteer script);
// - index: one file describing the dialogue files written (dataset_info.json).
// Grounding rows (grounding.ts) are a format of their own beside these: one
// line per screenshot from the steps themselves, written by `format` and `pack`.
import type { Example } from '../formatters';
import type { Field } from '../dataset/columns';
import type { Step } from '../schema';
import type { Task } from '../task';

export type { GroundingFormat } from './grounding';

export const DIALOGUE_FORMAT_IDS = ['sharegpt', 'messages', 'openai'] as const;
export type DialogueFormatId = (typeof DIALOGUE_FORMAT_IDS)[number];
export const FORMAT_IDS = [...DIALOGUE_FORMAT_IDS, 'replay', 'dataset_info'] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/** How a line refers to a screenshot: by its path in the zip, or inline / under a URL prefix. */
export type ImageUrl = (path: string) => string;

/** What a line check may look at besides the line: the files of the zip. */
export interface LineContext { files: ReadonlySet<string> }

export interface DialogueFormat<Id extends DialogueFormatId = DialogueFormatId> {
  kind: 'dialogue';
  id: Id;
  /** File in an export zip (and in `format --out`). */
  file: string;
  /** The popup's checkbox label. */
  label: string;
  /** On unless the person turns it off (OpenAI lines embed every screenshot, so they are off by default). */
  defaultOn: boolean;
  /** True when a line carries the screenshots themselves (it needs their bytes). */
  inlineImages: boolean;
  /** One JSON line per example. */
  line(e: Example, imageUrl: ImageUrl, detail?: 'low'): unknown;
  /** Problems of one parsed line (`where` names the file and line), for `validate` and `pack`. */
  check(line: unknown, where: string, c: LineContext): string[];
  /**
   * As a Parquet config of a packed dataset (folder: its id): columns and row (screenshots inline), and whether
   * `pack` writes it unless told; absent for lines-only formats.
   */
  parquet?: { columns: Field[]; row(e: Example, images: Map<string, Uint8Array>): Record<string, unknown>; defaultOn: boolean };
  /** LLaMA-Factory's dataset_info.json entries for this data (a file, or a packed config's folder), if it loads it. */
  llamaFactory?(path: string): Record<string, unknown>;
}

/** One export's writer of per-task files: sees every step while its dom_tree is at hand, then writes each task. */
export interface TaskFilesWriter {
  see(taskId: string, step: Step): void;
  files(task: Task, steps: readonly Step[]): Promise<{ path: string; content: string }[]>;
}

export interface TaskFilesFormat {
  kind: 'task-files';
  id: 'replay';
  /** The export option (a boolean) that turns these files on. */
  option: 'replay';
  /** The popup's checkbox label. */
  label: string;
  /** Is this a file of this format (a zip written with it holds some)? */
  owns(path: string): boolean;
  start(): TaskFilesWriter;
}

export interface IndexFormat {
  kind: 'index';
  id: 'dataset_info';
  /** File in an export zip, a `format --out` folder or a packed dataset. */
  file: string;
  /** The file's text for the dialogue data written (zip file or config folder), or null when it has nothing to say. */
  content(written: readonly { format: DialogueFormat; path: string }[]): string | null;
}

export type Format = DialogueFormat | TaskFilesFormat | IndexFormat;

/** In the default branch of a switch over formats: a kind left out is a compile error. */
export function unknownFormat(f: never): never {
  throw new Error(`unknown format ${JSON.stringify(f)}`);
}
