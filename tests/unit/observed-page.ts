// A page observed along the path a real observation takes (the split-secret tests): the content script's snapshot,
// each text node scrubbed alone, its trees assembled into a draft; then the worker's boundary, which builds the
// stored step and the stored final state of it. Scrubbed by the shipped config without NER.
import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { buildStep } from '../../src/core/build-step';
import { withAssembledTree } from '../../src/core/dom-tree-parts';
import { buildFinal, finalDraftId, type FinalDraft } from '../../src/core/final-state';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultConfig } from '../../src/core/scrub/default-config';
import { stepDraft, TASK_ID } from './fixtures';

export const scrubber = createScrubber(defaultConfig(), null);

type Draft = ReturnType<typeof stepDraft>;
type Observed = { dom_tree: string; axtree?: string };

/** The draft of the document as it stands, as the content script sends it: trees scrubbed node by node, assembled. */
export function draftOfDocument(ids = new ElementIds()): Draft {
  const snap = startSnapshotter(document, ids, scrubber);
  const s = snap.snapshot(null);
  return withAssembledTree({ ...stepDraft(), domTree: '', domParts: s.parts, axParts: s.axParts });
}

/** The page's draft of `html`, put in the document's body. */
export function pageDraft(html: string, ids = new ElementIds()): Draft {
  document.body.innerHTML = html;
  return draftOfDocument(ids);
}

/** The stored step's observation of a draft. */
export const storedStep = (draft: Draft): Observed => buildStep({ draft, seq: 1, tabId: 1, frameId: 0, image: null, scrubber }).step.observation;

/** The stored step's and the stored final state's observations of one draft. */
export function stored(draft: Draft): Observed[] {
  const { action: _a, target: _t, pageWork: _p, ...page } = draft;
  const final: FinalDraft = { ...page, draftId: finalDraftId(TASK_ID, 1), timestamp: 1, final: true };
  return [storedStep(draft), buildFinal({ draft: final, tabId: 1, image: null, scrubber }).state.observation];
}

/** The observations stored for a page of `html` whose elements named by id in `shadows` get an open shadow root of that markup. */
export function observedWithShadows(html: string, shadows: Record<string, string>): ReturnType<typeof stored> {
  document.head.innerHTML = '';
  document.body.innerHTML = html;
  for (const [id, inner] of Object.entries(shadows)) document.getElementById(id)!.attachShadow({ mode: 'open' }).innerHTML = inner;
  return stored(draftOfDocument());
}
