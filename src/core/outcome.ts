// A reviewer's verdict on a task: succeeded, failed or partly done, the step
// where it went wrong, and a note. Unlabelled is its own state (absent, null
// in the zip): no filter, count or column reads it as success. The dialogue
// formats' done turn does: a confirmed, unlabelled task ends "The task is
// complete", confirming being the reviewer's word that it was done
// (formatters; docs/architecture.md "Outcome labels"). The failure step is
// kept by the step's `seq`, which deletes never renumber, and becomes its
// step_id at export.
import { z } from 'zod';

export const OUTCOMES = ['succeeded', 'failed', 'partial'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Longest note kept, cut after scrubbing. */
export const OUTCOME_NOTE_MAX = 2000;

/** As stored with the task (Task.outcome); absent while unlabelled. */
export interface TaskOutcome {
  outcome: Outcome;
  /** `seq` of the step where it went wrong; null when none was named (a success names none). */
  failureSeq: number | null;
  /** Scrubbed at the worker's boundary before it is stored. */
  note: string;
  labelledAt: number;
}

/** What the review page sends; checked, not trusted. */
export const OutcomeInputSchema = z.object({
  outcome: z.enum(OUTCOMES).nullable(),
  failureSeq: z.number().int().min(1).nullable(),
  note: z.string().max(20_000),
});
export type OutcomeInput = z.infer<typeof OutcomeInputSchema>;

/** The label as the zip's manifest holds it, beside each task; all null when unlabelled. */
export interface ExportedOutcome {
  outcome: Outcome | null;
  /** step_id (1-based, in the exported order) where it went wrong; null when none or unlabelled. */
  failure_step: number | null;
  outcome_note: string | null;
}

export const UNLABELLED: ExportedOutcome = { outcome: null, failure_step: null, outcome_note: null };

/**
 * The stored label as exported: its failure step's seq becomes that step's step_id (`stepIdOf`); a failure step
 * that was deleted after labelling names no step (null) rather than the one that took its number.
 */
export function exportedOutcome(o: TaskOutcome | undefined, stepIdOf: (seq: number) => number | undefined): ExportedOutcome {
  if (!o) return UNLABELLED;
  const step = o.failureSeq === null ? undefined : stepIdOf(o.failureSeq);
  return { outcome: o.outcome, failure_step: step ?? null, outcome_note: o.note || null };
}

/** A manifest's label read back (from a zip anyone may have written): unknown values are unlabelled. */
export function outcomeFromManifest(m: { outcome?: unknown; failure_step?: unknown; outcome_note?: unknown } | undefined): TaskOutcome | undefined {
  if (!m || !(OUTCOMES as readonly unknown[]).includes(m.outcome)) return undefined;
  const step = Number.isInteger(m.failure_step) && (m.failure_step as number) >= 1 ? (m.failure_step as number) : null;
  return { outcome: m.outcome as Outcome, failureSeq: step, note: typeof m.outcome_note === 'string' ? m.outcome_note : '', labelledAt: 0 };
}

/** `--outcome succeeded|failed|partial` (several comma-separated; `unlabelled` for tasks without a label). */
export const OUTCOME_FILTERS = [...OUTCOMES, 'unlabelled'] as const;
export type OutcomeFilter = (typeof OUTCOME_FILTERS)[number];

export function parseOutcomeFilter(value: string): OutcomeFilter[] | string {
  const named = value.split(',').map((x) => x.trim()).filter(Boolean);
  const wrong = named.filter((x) => !(OUTCOME_FILTERS as readonly string[]).includes(x));
  if (!named.length || wrong.length) return `--outcome is one or more of ${OUTCOME_FILTERS.join(', ')} (comma-separated)${wrong.length ? `; not ${wrong.join(', ')}` : ''}`;
  return named as OutcomeFilter[];
}

/** Whether a task with this label passes the filter (null filter: every task). */
export function outcomeKept(outcome: Outcome | null | undefined, filter: readonly OutcomeFilter[] | null): boolean {
  if (!filter) return true;
  return filter.includes(outcome ?? 'unlabelled');
}
