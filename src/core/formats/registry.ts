// Every export format, declared once and keyed by its id: a format id without
// an entry, or an entry without an id, does not compile. The zip writer,
// `format`, `pack`, the validator and the popup's checkboxes read this table;
// its order is the order files are written in. Adding a format is one file
// beside this one and one line here or in dialogues.ts (docs/extending.md).
import { FORMAT_IDS, unknownFormat, type DialogueFormat, type DialogueFormatId, type Format, type FormatId } from './format';
import { DIALOGUES, DIALOGUE_FORMATS } from './dialogues';
import { replay } from './replay';
import { datasetInfoFormat, llamaFactoryInfo } from './dataset-info';
import { grounding } from './grounding';

export { DIALOGUE_FORMAT_IDS, FORMAT_IDS, unknownFormat } from './format';
export type { DialogueFormat, DialogueFormatId, Format, FormatId, GroundingFormat, ImageUrl, IndexFormat, TaskFilesFormat } from './format';
export type { GroundingLine } from './grounding';
export { base64, formatLine } from './format-line';
export { DIALOGUES, DIALOGUE_FORMATS, PARQUET_DIALOGUES, DEFAULT_PARQUET_IDS, DEFAULT_DIALOGUE_IDS } from './dialogues';

export const FORMATS = { ...DIALOGUES, replay, dataset_info: datasetInfoFormat } satisfies Record<FormatId, Format>;

/** Every format in writing order. */
export const FORMAT_LIST: readonly Format[] = FORMAT_IDS.map((id) => FORMATS[id]);
export const REPLAY_FORMAT = FORMATS.replay;
/**
 * Grounding rows: named with the dialogues (`--dialogues grounding`), but made from each step's own boxes and
 * axtree rather than from examples, and written by `format` and `pack` only (the zip keeps the steps they come from).
 */
export const GROUNDING_FORMAT = grounding;

export function dialogueFormat(id: DialogueFormatId): DialogueFormat {
  return DIALOGUES[id];
}

/** Which formats a zip was written with, as the options that ask for them (to write it again: scrub, annotate). */
export function formatsIn(files: ReadonlySet<string>): { formats: DialogueFormatId[]; replay: boolean } {
  const chosen = { formats: [] as DialogueFormatId[], replay: false };
  for (const f of FORMAT_LIST) {
    switch (f.kind) {
      case 'dialogue':
        if (files.has(f.file)) chosen.formats.push(f.id);
        break;
      case 'task-files':
        chosen[f.option] ||= [...files].some((p) => f.owns(p));
        break;
      case 'index':
        break; // written from the dialogue files chosen
      default:
        unknownFormat(f);
    }
  }
  return chosen;
}

/** LLaMA-Factory's dataset_info.json for the given dialogue data (file or config folder by format id). */
export function datasetInfo(paths: Partial<Record<DialogueFormatId, string>>): Record<string, unknown> {
  return llamaFactoryInfo(DIALOGUE_FORMATS.flatMap((format) => (paths[format.id] === undefined ? [] : [{ format, path: paths[format.id]! }])));
}
