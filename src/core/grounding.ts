// Grounding rows (OS-Atlas style: instruction -> box on a screenshot) from a
// step's own observation. Every interactive element near the viewport already
// carries its box in dom_tree (`bbox="x,y,w,h"`, measured at the event, CSS
// pixels of the screenshot); its role and accessible name are its line in the
// axtree, under the same id. So a screenshot gives one row per visible, named
// interactive element, and the acted-on element one more whose instruction is
// the step's thought. Only what was already scrubbed is read: a name holding a
// redaction placeholder is left out, not guessed around.
import type { Box, Step } from './schema';

export interface GroundingRow {
  /** task id : step id : element id, and `:thought` for the row written from the step's thought. */
  id: string;
  task_id: string;
  step_id: number;
  screenshot_path: string;
  image_width: number;
  image_height: number;
  element_id: number;
  role: string;
  name: string;
  /** `role 'name'`, or the step's thought for the acted-on element's second row. */
  instruction: string;
  /** `element` (role and name) or `thought` (the acted-on element, in the person's words). */
  source: 'element' | 'thought';
  /** Whether the step acted on this element. */
  acted_on: boolean;
  /** [x1, y1, x2, y2] in CSS pixels of the screenshot (its PNG pixels), clipped to it. */
  box: [number, number, number, number];
  /** The same box as fractions of the screenshot's width and height, 4 decimals. */
  box_normalized: [number, number, number, number];
}

/** A scrub placeholder: `<REDACTED>`, `<REDACTED:rule>` or a typed tag such as `<EMAIL>`. */
const PLACEHOLDER = /<(?:REDACTED(?::[\w-]+)?|[A-Z][A-Z_]+)>/;
/** Roles that name no control a model could be asked to find. */
const NOT_TARGETS = new Set(['generic', 'none', 'presentation', 'document', 'text', 'iframe', 'LabelText', 'group']);
/** An element less than this share on the screenshot is not visible enough to ground. */
const MIN_VISIBLE = 0.5;
/** Sides under this many pixels are not a box anyone could point into. */
const MIN_SIDE = 2;

// An element tag carrying its id and, further on (quoted values skipped), a bbox: read one tag at a time, the text
// from its '<' to the next '<', which serialized markup never holds inside a tag (attribute values have &lt;).
// Matched against the whole string, a dom_tree with no '>' ('<a id="1" b="x" ' 20,000 times, 320 KB) had each
// tag's match run to the end of the string, 4.9 s, quadratic; one tag's text bounds this one's work. The stretch
// between id and bbox is walked here, not by a lazy pattern: the pattern's backtracking stack grew with it, and a
// tag of 10 MB of spaces threw 'Maximum call stack size exceeded' out of pack and format.
const TAG_ID = /^<[a-z_][^\s>/<]*\s+id="(\d+)"/;
const BBOX_AT = /\sbbox="(-?[\d.]+),(-?[\d.]+),([\d.]+),([\d.]+)"/y;
// An axtree line's id and role; its quoted name is read by quotedName (a pattern's (?:[^'\\]|\\.)* ran out of stack on a 10 MB name).
const AX_HEAD = /^\s*\[(\d+)\] (\S+)/;

/** The work domBoxes did: characters of dom_tree its tag pattern was run on (each at most once: linear). */
export interface BoxScan { read: number }

/** Boxes of dom_tree elements by id. */
export function domBoxes(domTree: string, scan: BoxScan = { read: 0 }): Map<number, Box> {
  const out = new Map<number, Box>();
  for (let at = domTree.indexOf('<'); at !== -1;) {
    const next = domTree.indexOf('<', at + 1);
    const tag = domTree.slice(at, next === -1 ? domTree.length : next);
    at = next;
    if (!tag.includes('bbox=')) continue;
    scan.read += tag.length;
    const box = boxOfTag(tag);
    if (box) out.set(box.id, box.box);
  }
  return out;
}

/** One tag's id and bbox: after `<name id="N"`, quoted values are skipped whole until ` bbox="x,y,w,h"`; a '>' outside them ends the tag. */
function boxOfTag(tag: string): { id: number; box: Box } | null {
  const head = TAG_ID.exec(tag);
  if (!head) return null;
  for (let i = head[0].length; i < tag.length;) {
    BBOX_AT.lastIndex = i;
    const m = BBOX_AT.exec(tag);
    if (m) return { id: Number(head[1]), box: { x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) } };
    const c = tag[i];
    if (c === '>') return null;
    if (c !== '"') {
      i++;
      continue;
    }
    const close = tag.indexOf('"', i + 1);
    if (close === -1) return null;
    i = close + 1;
  }
  return null;
}

/** Role and name of axtree lines by id (names unescaped; an element without a name has ''). */
export function axRoles(axtree: string): Map<number, { role: string; name: string }> {
  const out = new Map<number, { role: string; name: string }>();
  for (const line of axtree.split('\n')) {
    const m = AX_HEAD.exec(line);
    if (m) out.set(Number(m[1]), { role: m[2]!, name: (quotedName(line, m[0].length) ?? '').replace(/\\(.)/g, '$1') });
  }
  return out;
}

/** The name quoted right after `at` (` 'text'`, backslash escapes kept as written), or null when there is none or it never closes. */
function quotedName(line: string, at: number): string | null {
  if (!line.startsWith(" '", at)) return null;
  for (let i = at + 2; i < line.length; i++) {
    const c = line[i];
    if (c === "'") return line.slice(at + 2, i);
    // An escape takes the next character, any but a line break (as the pattern's '.' did).
    if (c === '\\') {
      if (i + 1 >= line.length || /[\r\u2028\u2029]/.test(line[i + 1]!)) return null;
      i++;
    }
  }
  return null;
}

const round4 = (v: number): number => Math.round(v * 10_000) / 10_000;
const round1 = (v: number): number => Math.round(v * 10) / 10;

/** The box clipped to the screenshot as [x1, y1, x2, y2], or null when less than MIN_VISIBLE of it is on it. */
export function visibleBox(b: Box, width: number, height: number): [number, number, number, number] | null {
  // '1.2.3' or '.' in a hostile bbox reads as NaN, which every comparison below lets through as a NaN box.
  if (![b.x, b.y, b.width, b.height].every(Number.isFinite) || !(b.width > 0 && b.height > 0)) return null;
  const x1 = Math.max(0, b.x);
  const y1 = Math.max(0, b.y);
  const x2 = Math.min(width, b.x + b.width);
  const y2 = Math.min(height, b.y + b.height);
  if (x2 - x1 < MIN_SIDE || y2 - y1 < MIN_SIDE) return null;
  if (((x2 - x1) * (y2 - y1)) / (b.width * b.height) < MIN_VISIBLE) return null;
  return [round1(x1), round1(y1), round1(x2), round1(y2)];
}

/** `button 'Add to cart'`: the instruction a role and name make. */
export const elementInstruction = (role: string, name: string): string => `${role} '${name}'`;

/**
 * A step's grounding rows: none without a screenshot or a usable viewport, and none when the screenshot is not
 * fresh (`screenshot_fresh` false: a stand-in or a frame from before the page last changed), whose pixels need
 * not show what this step's dom_tree boxes measured. Deduplicated: one row per
 * instruction and box, and an instruction that names two different boxes on one screenshot (two "Delete"
 * buttons) is left out altogether, since a model could not tell which is meant.
 */
export function groundingRows(step: Step): GroundingRow[] {
  const o = step.observation;
  const { width, height } = o.viewport;
  if (!o.screenshot_path || !o.screenshot_fresh || !(width > 0 && height > 0)) return [];
  const boxes = domBoxes(o.dom_tree);
  const roles = o.axtree ? axRoles(o.axtree) : new Map<number, { role: string; name: string }>();
  const acted = step.target?.element_id ?? step.action.element_id ?? null;
  // The target's own line when the axtree lacks one (a step recorded before it, or a collapsed wrapper).
  if (step.target && !roles.get(step.target.element_id)?.name) roles.set(step.target.element_id, { role: step.target.role, name: step.target.name });
  if (step.target && !boxes.has(step.target.element_id)) boxes.set(step.target.element_id, step.target.bbox);

  const byInstruction = new Map<string, GroundingRow | null>();
  const rows: GroundingRow[] = [];
  const make = (id: number, role: string, name: string, instruction: string, source: GroundingRow['source'], box: GroundingRow['box']): GroundingRow => ({
    id: `${step.task_id}:${step.step_id}:${id}${source === 'thought' ? ':thought' : ''}`,
    task_id: step.task_id, step_id: step.step_id, screenshot_path: o.screenshot_path!, image_width: width, image_height: height,
    element_id: id, role, name, instruction, source, acted_on: id === acted, box,
    box_normalized: [round4(box[0] / width), round4(box[1] / height), round4(box[2] / width), round4(box[3] / height)],
  });
  for (const [id, b] of boxes) {
    const ax = roles.get(id);
    if (!ax || !ax.name.trim() || NOT_TARGETS.has(ax.role) || PLACEHOLDER.test(ax.name)) continue;
    const box = visibleBox(b, width, height);
    if (!box) continue;
    const instruction = elementInstruction(ax.role, ax.name);
    const seen = byInstruction.get(instruction);
    if (seen === undefined) byInstruction.set(instruction, make(id, ax.role, ax.name, instruction, 'element', box));
    // The same name and box (a wrapper and its control) once; the same name on another box: ambiguous, out.
    else if (seen && seen.box.join() !== box.join()) byInstruction.set(instruction, null);
    else if (seen && id === acted) byInstruction.set(instruction, make(id, ax.role, ax.name, instruction, 'element', box));
  }
  for (const row of byInstruction.values()) if (row) rows.push(row);
  const actedRow = rows.find((r) => r.acted_on);
  const thought = step.thought_trace.trim();
  if (actedRow && thought && !PLACEHOLDER.test(thought)) rows.push(make(actedRow.element_id, actedRow.role, actedRow.name, thought, 'thought', actedRow.box));
  return rows;
}
