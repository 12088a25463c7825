// The columns of a packed dataset, declared once: the Parquet schema the
// writer uses, the `features` of the dataset card (Hugging Face's names), and
// the column table in the card's prose all come from this list. Names follow
// the step schema shipped in every zip (trajectory.schema.json): origin fields
// keep their names, `observation` and `action` stay structs. The action's
// columns come from each action type (actions/<type>.ts).
import { actionColumns } from '../actions/columns';

export type Scalar = 'string' | 'int32' | 'int64' | 'float64' | 'bool' | 'binary';

export type Field =
  | { name: string; type: Scalar; optional?: boolean; doc: string }
  | { name: string; list: Scalar; optional?: boolean; doc: string }
  | { name: string; struct: Field[]; optional?: boolean; doc: string; image?: boolean }
  /** A list of structs (conversation turns), or of images when `image` is set. */
  | { name: string; listOf: Field[]; optional?: false; doc: string; image?: boolean };

const s = (name: string, doc: string, optional = true): Field => ({ name, type: 'string', optional, doc });

export const STEP_COLUMNS: Field[] = [
  s('task_id', 'uuid of the task (origin field)', false),
  { name: 'step_id', type: 'int32', doc: '1-based position in the task (origin field)' },
  { name: 'timestamp', type: 'int64', doc: 'ms since epoch of the action (origin field)' },
  {
    name: 'observation', doc: 'what the person saw before the action (origin field)', struct: [
      s('screenshot_path', 'path of the screenshot in the source zip; null when the tab could not be captured'),
      s('dom_tree', 'scrubbed XML; every element carries id="N"', false),
      s('active_window', 'page title', false),
      s('url', 'page address, credentials removed', false),
      { name: 'viewport_width', type: 'int32', doc: 'CSS pixels' },
      { name: 'viewport_height', type: 'int32', doc: 'CSS pixels' },
      { name: 'device_pixel_ratio', type: 'float64', doc: 'device pixels per CSS pixel' },
      { name: 'screenshot_fresh', type: 'bool', doc: 'captured after the last page change and before the action' },
    ],
  },
  s('thought_trace', 'what the person meant to do (origin field)', false),
  { name: 'action', doc: 'what the person did (origin field)', struct: actionColumns() },
  {
    name: 'target', optional: true, doc: 'the element acted on', struct: [
      { name: 'element_id', type: 'int32', doc: 'as in dom_tree' }, s('tag', 'tag name'), s('selector', 'CSS selector'), s('xpath', 'XPath'),
      s('role', 'ARIA role'), s('name', 'accessible name'), s('text', 'visible text'),
      { name: 'bbox_x', type: 'float64', doc: 'CSS pixels' }, { name: 'bbox_y', type: 'float64', doc: 'CSS pixels' },
      { name: 'bbox_width', type: 'float64', doc: 'CSS pixels' }, { name: 'bbox_height', type: 'float64', doc: 'CSS pixels' },
    ],
  },
  s('instruction', 'the task as the person typed it (scrubbed)', false),
  s('action_json', 'the action as compact JSON', false),
  s('action_call', 'the action as a Python call: click(element_id=42, x=100, y=200)', false),
  s('action_browsergym', 'the action in BrowserGym\'s action space, element ids as bids: click(\'42\')', false),
  s('action_pyautogui', 'the action as pyautogui, in pixels of the screenshot: pyautogui.click(x=240, y=157)', false),
  {
    name: 'image', optional: true, image: true, doc: 'the screenshot (PNG), as Hugging Face\'s Image feature stores it', struct: [
      { name: 'bytes', type: 'binary', optional: true, doc: 'PNG bytes' }, s('path', 'file name'),
    ],
  },
  s('site', 'registrable domain of the page (example.co.uk)'),
  s('source_zip', 'file name of the export the step came from', false),
  s('extension_version', 'version of the recorder that exported it'),
  s('scrub_config_hash', 'hash of the scrubber config the text was scrubbed with'),
  s('recorded_at', 'when the task was started (ISO 8601)'),
  s('demonstrator_hash', 'salted hash of the demonstrator\'s id; null when none was set'),
  s('outcome', 'the reviewer\'s label of the task: succeeded, failed or partial; null when unlabelled (null, not succeeded: the dialogue configs still end a confirmed, unlabelled task as done)'),
  { name: 'failure_step', type: 'int32', optional: true, doc: 'step_id where the task went wrong, as the reviewer marked it; null when none or unlabelled' },
  {
    name: 'final_observation', optional: true, doc: 'the page after the task\'s last action (final/<task>.json), on the task\'s last row only; null elsewhere and when none was taken', struct: [
      { name: 'timestamp', type: 'int64', doc: 'ms since epoch when it was taken (at Stop, or as the tab closed)' },
      s('screenshot_path', 'final/<task>.png in the source zip; null when the tab could not be captured'),
      s('dom_tree', 'scrubbed XML; every element carries id="N"'), s('axtree', 'accessibility tree as text, ids as in dom_tree'),
      s('active_window', 'page title'), s('url', 'page address, credentials removed'),
      { name: 'screenshot_fresh', type: 'bool', doc: 'captured after the page\'s last change' },
    ],
  },
  {
    name: 'final_image', optional: true, image: true, doc: 'the final state\'s screenshot (PNG), on the task\'s last row only', struct: [
      { name: 'bytes', type: 'binary', optional: true, doc: 'PNG bytes' }, s('path', 'file name'),
    ],
  },
];

const PARQUET: Record<Scalar, { type: string; converted_type?: string }> = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8' }, int32: { type: 'INT32' }, int64: { type: 'INT64' },
  float64: { type: 'DOUBLE' }, bool: { type: 'BOOLEAN' }, binary: { type: 'BYTE_ARRAY' },
};

/** A Parquet schema element, as hyparquet-writer takes it (the thrift SchemaElement's fields). */
export interface ParquetSchemaElement {
  name: string; type?: string; converted_type?: string; repetition_type?: 'REQUIRED' | 'OPTIONAL' | 'REPEATED'; num_children?: number;
}

/**
 * Every field is written nullable, whether or not it is ever null (`optional` says which may be): `datasets`
 * types a column from the file's metadata only if its Arrow type is exactly the nullable one it writes itself
 * (see hf-features.ts); a required `images` list came back as dicts, not images.
 */
function toElements(f: Field): ParquetSchemaElement[] {
  const repetition_type = 'OPTIONAL';
  if ('type' in f) return [{ name: f.name, ...PARQUET[f.type], repetition_type }];
  if ('list' in f) {
    return [
      { name: f.name, repetition_type, converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', ...PARQUET[f.list], repetition_type },
    ];
  }
  if ('listOf' in f) {
    return [
      { name: f.name, repetition_type, converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', repetition_type, num_children: f.listOf.length },
      ...f.listOf.flatMap(toElements),
    ];
  }
  return [{ name: f.name, repetition_type, num_children: f.struct.length }, ...f.struct.flatMap(toElements)];
}

/** The flattened Parquet schema of `fields`, root first. */
export function parquetSchema(fields: Field[]): ParquetSchemaElement[] {
  return [{ name: 'root', num_children: fields.length }, ...fields.flatMap(toElements)];
}

/** Rows of "name | type | meaning" for the card's column table, nested names dotted. */
export function columnDocs(fields: Field[], prefix = ''): { name: string; type: string; doc: string }[] {
  return fields.flatMap((f) => {
    const name = `${prefix}${f.name}`;
    if ('type' in f) return [{ name, type: `${f.type}${f.optional ? '?' : ''}`, doc: f.doc }];
    if ('list' in f) return [{ name, type: `list<${f.list}>${f.optional ? '?' : ''}`, doc: f.doc }];
    if ('listOf' in f) return [{ name, type: f.image ? 'list<image>' : 'list<struct>', doc: f.doc }];
    if (f.image) return [{ name, type: 'image {bytes, path}?', doc: f.doc }];
    return [{ name, type: `struct${f.optional ? '?' : ''}`, doc: f.doc }, ...columnDocs(f.struct, `${name}.`)];
  });
}

const IMAGE_PARTS: Field[] = [{ name: 'bytes', type: 'binary', optional: true, doc: 'PNG bytes' }, s('path', 'file name')];

/** The `sharegpt` config: one row per training example, as LLaMA-Factory's sharegpt loader reads it. */
export const SHAREGPT_COLUMNS: Field[] = [
  s('id', 'task id : first step of the example', false),
  s('system', 'system prompt', false),
  { name: 'conversations', doc: 'turns alternating human, gpt; one <image> per entry of images, in order', listOf: [s('from', 'human or gpt', false), s('value', 'the turn', false)] },
  { name: 'images', doc: 'the screenshots of the example, in order', listOf: IMAGE_PARTS, image: true },
];

/** The `messages` config: the same examples as role/content turns (content is text, <image> marks a screenshot). */
export const MESSAGES_COLUMNS: Field[] = [
  s('id', 'task id : first step of the example', false),
  { name: 'messages', doc: 'system, then user/assistant turns', listOf: [s('role', 'system, user or assistant', false), s('content', 'the turn', false)] },
  { name: 'images', doc: 'the screenshots of the example, in order', listOf: IMAGE_PARTS, image: true },
];
