// Re-apply a (new) scrubber config to recorded steps: every text field that
// goes into an export. dom_tree text and attribute values are scrubbed one by
// one, so markup is never touched. Screenshots are not re-blurred here (that
// needs a canvas); the extension blurs them when recording.
import type { Step } from './schema';
import type { Scrubber } from './scrub/scrubber';
import { scrubStepFields } from './scrub/step-fields';

export { rescrubDomTree } from './scrub/dom-tree-rescrub';

export function rescrubStep(step: Step, scrubber: Scrubber): { step: Step; redactions: Record<string, number> } {
  const counts: Record<string, number> = {};
  return { step: scrubStepFields(step, scrubber, counts), redactions: counts };
}
