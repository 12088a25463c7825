// The boundary every stored step passes: each of its strings scrubbed once it
// is final (joined, templated into a thought), and only then cut. The page
// scrubs what it sends (with NER, piece by piece: see content/recorder); here
// the worker's scrubber goes over the assembled step, field by field as
// step-fields lists them, so no string reaches storage unscrubbed in its final
// form. Pure: the worker, the CLI and the tests run the same code.
import type { Step } from '../schema';
import type { Scrubber } from './scrubber';
import { scrubStepFields } from './step-fields';
import { cutScrubbed } from './cut';
import { defaultThoughtTrace } from '../thought-trace';

/** Longest a field may be in a stored step, cut after scrubbing. */
export const STEP_FIELD_MAX = { 'target.name': 200, 'target.text': 200 } as const;

/**
 * Fields not scrubbed again here, with why: the dom_tree is scrubbed node by node and attribute by attribute as
 * the page serialises it, each value cut after its scrub (content/dom-snapshot), and scrubbing the whole tree
 * again per step would cost more than every other field together. The thought is templated after the walk.
 */
const FINAL_ELSEWHERE: ReadonlySet<string> = new Set(['observation.dom_tree', 'thought_trace']);

/** A thought as stored: the default one, templated from fields already scrubbed, and one a reviewer wrote. */
export function scrubThought(thought: string, scrubber: Scrubber, counts: Record<string, number> = {}): string {
  const r = scrubber.redact(thought);
  if (r.text !== thought) r.spans.forEach((s) => { counts[s.rule] = (counts[s.rule] ?? 0) + 1; });
  return r.text;
}

/**
 * What every stored observation passes, a step's and a final state's (core/final-state) alike: every string
 * field scrubbed but those scrubbed elsewhere, and the trees' inline runs read joined, as the page scrubbed dom_tree
 * node by node and a secret split across sibling inline elements is read joined only here (one pass over the
 * tree, a scrub only where a run's join may hold a value: ~2 ms on a 10k-element page). Counts by rule go to `counts`.
 */
export function scrubAtBoundary<S extends Partial<Step>>(s: S, scrubber: Scrubber, counts: Record<string, number>): S {
  return scrubStepFields(s, scrubber, counts, FINAL_ELSEWHERE);
}

/**
 * The step as stored: scrubbed at the boundary (scrubAtBoundary), then cut (STEP_FIELD_MAX); then the default
 * thought, made from those final fields (its own cuts land on scrubbed text) and scrubbed as a whole.
 */
export function finishStep(step: Omit<Step, 'thought_trace'>, scrubber: Scrubber, counts: Record<string, number>): Step {
  const out = scrubAtBoundary(step, scrubber, counts);
  if (out.target) {
    out.target.name = cutScrubbed(out.target.name, STEP_FIELD_MAX['target.name']);
    out.target.text = cutScrubbed(out.target.text, STEP_FIELD_MAX['target.text']);
  }
  return { ...out, thought_trace: scrubThought(defaultThoughtTrace(out.action, out.target), scrubber, counts) } as Step;
}
