// Every field a command scrubs, against --max-field-chars, before the NER loads: scrubbing costs time in a field's
// size (a 12 MB field took 253 s), so a zip holding one over the limit is refused whole, with the field named, and
// nothing is written. A field is never cut or left unscrubbed to fit: what is refused is the zip, not the field.
import type { Step } from '../core/schema';
import type { FinalState } from '../core/final-state';
import { STEP_STRING_FIELDS } from '../core/scrub/step-fields';
import { exceeded, type InputLimits } from './input-limits';

type Json = Record<string, unknown>;

/** The first scrubbed string field of a step or final state longer than `max`: its path and length, or null. */
export function oversizedField(record: Partial<Step> | FinalState, max: number): { path: string; chars: number } | null {
  for (const [path, how] of Object.entries(STEP_STRING_FIELDS)) {
    // A value the recorder made is kept as it is, never scrubbed: it costs nothing here.
    if (typeof how === 'object') continue;
    const keys = path.replace(/\[\]$/, '').split('.');
    const value = keys.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Json)[k] : undefined), record);
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) if (typeof v === 'string' && v.length > max) return { path, chars: v.length };
  }
  return null;
}

/** What a scrub reads from a zip: its steps, its tasks' final states, the manifest's instructions and notes. */
export interface ScrubbedText {
  steps: readonly Step[];
  finals: readonly FinalState[];
  tasks: readonly { id: string; instruction: string; note?: string }[];
}

/**
 * Throws a LimitError naming --max-field-chars, the field, whose it is and its length, for the first field over
 * the limit: `--max-field-chars (default 4,000,000) exceeded by observation.dom_tree of step 3 of task … (12,582,912
 * characters)`.
 */
export function checkFieldSizes(what: ScrubbedText, limits: InputLimits): void {
  const max = limits.maxFieldChars;
  const fail = (field: string, whose: string, chars: number): never => {
    throw exceeded('maxFieldChars', max, `${field} of ${whose} (${chars.toLocaleString('en-US')} characters)`);
  };
  for (const s of what.steps) {
    const over = oversizedField(s, max);
    if (over) fail(over.path, `step ${s.step_id} of task ${s.task_id}`, over.chars);
  }
  for (const f of what.finals) {
    const over = oversizedField(f, max);
    if (over) fail(over.path, `the final state of task ${f.task_id}`, over.chars);
  }
  for (const t of what.tasks) {
    if (t.instruction.length > max) fail('instruction', `task ${t.id} in manifest.json`, t.instruction.length);
    if (t.note && t.note.length > max) fail('outcome_note', `task ${t.id} in manifest.json`, t.note.length);
  }
}
