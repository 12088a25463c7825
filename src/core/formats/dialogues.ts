// The dialogue formats by id, apart from the rest of the registry: the
// export-options schema (read by the worker, the popup and the CLI) needs
// their ids and defaults, not the replay writer and its library.
import { DIALOGUE_FORMAT_IDS, type DialogueFormat, type DialogueFormatId } from './format';
import { sharegpt } from './sharegpt';
import { messages } from './messages';
import { openai } from './openai';

/** Each entry's own id is its key: an id without an entry, or an entry under another id, does not compile. */
export const DIALOGUES = { sharegpt, messages, openai } satisfies { [K in DialogueFormatId]: DialogueFormat<K> };

export const DIALOGUE_FORMATS: readonly DialogueFormat[] = DIALOGUE_FORMAT_IDS.map((id) => DIALOGUES[id]);

/** The formats `pack` can write as Parquet configs beside the steps. */
export const PARQUET_DIALOGUES = DIALOGUE_FORMATS.filter((f) => f.parquet);

/** The Parquet configs `pack` writes when not told which. */
export const DEFAULT_PARQUET_IDS: DialogueFormatId[] = PARQUET_DIALOGUES.filter((f) => f.parquet!.defaultOn).map((f) => f.id);

/** Dialogue formats on when the person has not chosen. */
export const DEFAULT_DIALOGUE_IDS: DialogueFormatId[] = DIALOGUE_FORMATS.filter((f) => f.defaultOn).map((f) => f.id);
