// The latest text of an edit a page holds but has not sent (see
// background/held-edits): sent apart from the edit's draft, so a keystroke
// never carries the draft's DOM again, and joined with the draft only when the
// draft has to stand in for a step.
import type { StepDraft } from './step-draft';

/** Longest held text taken: a field's text beyond this is not a person's typing. */
export const MAX_HELD_TEXT = 1_000_000;

export interface HeldText { draftId: string; text: string }

/** Is `value` a held edit's text a page could honestly send (an id as drafts have, text within the cap)? */
export function isHeldText(value: unknown): value is HeldText {
  const v = value as Partial<HeldText> | null;
  return typeof v === 'object' && v !== null && typeof v.draftId === 'string' && v.draftId.length <= 64
    && typeof v.text === 'string' && v.text.length <= MAX_HELD_TEXT;
}

/**
 * Each held draft with its latest text, where one came. A text whose draft never arrived is dropped: there is
 * no step to give it to.
 */
export function withLatestText<T extends { draft: StepDraft }>(edits: T[], texts: HeldText[]): T[] {
  const latest = new Map(texts.map((t) => [t.draftId, t.text]));
  return edits.map((e) => {
    const text = latest.get(e.draft.draftId);
    return text === undefined ? e : { ...e, draft: { ...e.draft, action: { ...e.draft.action, text } } };
  });
}
