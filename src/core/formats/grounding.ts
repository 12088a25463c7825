// The grounding format (`format --dialogues grounding`, `pack --dialogues
// grounding`): one line / Parquet row per screenshot, holding every visible,
// named interactive element as (instruction, box). One row per screenshot
// rather than per element, so a packed screenshot is stored once, not once per
// element on it. Rows come from the steps (core/grounding), not from examples.
import type { Field } from '../dataset/columns';
import { groundingRows, type GroundingRow } from '../grounding';
import type { Step } from '../schema';
import type { LineContext } from './format';

export interface GroundingElement {
  element_id: number; role: string; name: string; instruction: string; source: GroundingRow['source']; acted_on: boolean;
  box: GroundingRow['box']; box_normalized: GroundingRow['box_normalized'];
}

/** One screenshot's line: its path in the zip, its size in pixels (CSS pixels, as the PNG) and its elements. */
export interface GroundingLine { id: string; task_id: string; step_id: number; image: string; image_width: number; image_height: number; elements: GroundingElement[] }

export interface GroundingFormat {
  kind: 'grounding';
  id: 'grounding';
  file: string;
  label: string;
  /** A step's line, or null when its screenshot has no element to ground. */
  line(step: Step): GroundingLine | null;
  check(line: unknown, where: string, c: LineContext): string[];
  parquet: { columns: Field[]; row(line: GroundingLine, image: Uint8Array | null): Record<string, unknown> };
}

const f64 = (name: string, doc: string): Field => ({ name, type: 'float64', doc });
const str = (name: string, doc: string): Field => ({ name, type: 'string', optional: false, doc });

export const GROUNDING_COLUMNS: Field[] = [
  str('id', 'task id : step id'),
  str('task_id', 'uuid of the task'),
  { name: 'step_id', type: 'int32', doc: 'the step whose screenshot this is' },
  { name: 'image', optional: true, image: true, doc: 'the screenshot (PNG), as Hugging Face\'s Image feature stores it', struct: [
    { name: 'bytes', type: 'binary', optional: true, doc: 'PNG bytes' }, { name: 'path', type: 'string', optional: true, doc: 'file name' },
  ] },
  { name: 'image_width', type: 'int32', doc: 'CSS pixels, which are the PNG\'s pixels' },
  { name: 'image_height', type: 'int32', doc: 'CSS pixels, which are the PNG\'s pixels' },
  {
    name: 'elements', doc: 'visible named interactive elements: instruction and box (x1, y1, x2, y2)', listOf: [
      { name: 'element_id', type: 'int32', doc: 'as in the step\'s dom_tree and axtree' },
      str('role', 'ARIA role'), str('name', 'accessible name (scrubbed; redacted names are left out)'),
      str('instruction', "role 'name', or the step's thought for the acted-on element's second entry"),
      str('source', 'element or thought'), { name: 'acted_on', type: 'bool', doc: 'the step acted on this element' },
      f64('x1', 'left, pixels'), f64('y1', 'top, pixels'), f64('x2', 'right, pixels'), f64('y2', 'bottom, pixels'),
      f64('x1_norm', 'left / width'), f64('y1_norm', 'top / height'), f64('x2_norm', 'right / width'), f64('y2_norm', 'bottom / height'),
    ],
  },
];

const isBox = (b: unknown): b is number[] => Array.isArray(b) && b.length === 4 && b.every((v) => typeof v === 'number' && Number.isFinite(v));

export const grounding: GroundingFormat = {
  kind: 'grounding', id: 'grounding', file: 'grounding.jsonl', label: 'Grounding boxes (grounding.jsonl)',
  line(step) {
    const rows = groundingRows(step);
    if (!rows.length) return null;
    const o = step.observation;
    return {
      id: `${step.task_id}:${step.step_id}`, task_id: step.task_id, step_id: step.step_id, image: o.screenshot_path!,
      image_width: o.viewport.width, image_height: o.viewport.height,
      elements: rows.map(({ element_id, role, name, instruction, source, acted_on, box, box_normalized }) => ({ element_id, role, name, instruction, source, acted_on, box, box_normalized })),
    };
  },
  check(line, where, c) {
    const l = line as Partial<GroundingLine> | null;
    if (!l || typeof l.image !== 'string' || !Array.isArray(l.elements)) return [`${where}: needs "image" and "elements"`];
    const errors: string[] = [];
    if (!c.files.has(l.image)) errors.push(`${where}: image ${l.image} is missing`);
    const w = l.image_width ?? 0;
    const h = l.image_height ?? 0;
    l.elements.forEach((e, k) => {
      if (!isBox(e?.box) || !isBox(e.box_normalized)) errors.push(`${where}: element ${k} needs box and box_normalized, four numbers each`);
      else if (e.box[0] < 0 || e.box[1] < 0 || e.box[2] > w || e.box[3] > h || e.box[0] >= e.box[2] || e.box[1] >= e.box[3]) errors.push(`${where}: element ${k}'s box is not on the ${w}x${h} screenshot`);
    });
    return errors;
  },
  parquet: {
    columns: GROUNDING_COLUMNS,
    row: (l, image) => ({
      id: l.id, task_id: l.task_id, step_id: l.step_id, image_width: l.image_width, image_height: l.image_height,
      image: image ? { bytes: image, path: l.image.split('/').pop() } : null,
      elements: l.elements.map(({ box: [x1, y1, x2, y2], box_normalized: [nx1, ny1, nx2, ny2], ...e }) => ({
        ...e, x1, y1, x2, y2, x1_norm: nx1, y1_norm: ny1, x2_norm: nx2, y2_norm: ny2,
      })),
    }),
  },
};
