// Edits a page holds but has not sent as steps yet (a field typed in and not
// left): the page sends its scrubbed draft once per edit and then its latest
// text as it changes, kept here in storage.session (memory, never disk; it
// outlives a worker stop) until the step itself arrives with the same draft
// id. The text has a key of its own, so a keystroke never rewrites the draft
// and its DOM. Firefox ends a closing tab's content script before its last
// send, so when a tab closes, or its page is left, with an edit held, the held
// draft, with its latest text, becomes the step (background/gone-page-edits).
// Cleared with the rest of tab memory when recording stops. Every call for a
// tab goes through `inTabEditOrder`, entered as its message or event arrives:
// a draft a page sent just before its tab closed is held before the close
// takes the tab's edits (it could land after, unused, and the step be lost).
import type { UnsentDraft } from '../platform/page-handoff';
import { sessionStore } from '../platform/stores';
import { keysStartingWith, valuesOf } from '../platform/storage-keys';
import { withLatestText, type HeldText } from '../core/held-text';
import { keyedQueue } from '../core/keyed-queue';

/** Held-edit work for one tab, in the order its messages and events arrived. */
export const inTabEditOrder = keyedQueue<number>();

const PREFIX = 'edit:';
const TEXT_PREFIX = 'edittext:';
const key = (tabId: number, draftId: string): string => `${PREFIX}${tabId}:${draftId}`;
const textKey = (tabId: number, draftId: string): string => `${TEXT_PREFIX}${tabId}:${draftId}`;

/**
 * The whole draft, with the text as of its sending. A page sends it again when the first did not get through
 * (Firefox's background page was waking), after text updates that did: its text is newer than theirs, so a held
 * text of this edit is dropped, or the step taken from it (background/gone-page-edits) would get an older text
 * than the page last sent.
 */
export async function holdEdit(edit: UnsentDraft): Promise<void> {
  const { tabId, draft } = edit;
  const text = draft.action.text;
  // One write: the draft and its text as the held text. As a set then a remove, a worker stopped between the two
  // kept the older held text, which then overrode this newer draft's.
  if (typeof text === 'string') return sessionStore().set({ [key(tabId, draft.draftId)]: edit, [textKey(tabId, draft.draftId)]: { draftId: draft.draftId, text } satisfies HeldText });
  // An edit without text (none is sent so; the type allows it): no held text may stand for it.
  await sessionStore().remove(textKey(tabId, draft.draftId));
  await sessionStore().set({ [key(tabId, draft.draftId)]: edit });
}

/** The edit's text now: the tab id is the sender's, so a page only ever writes its own tab's edits. */
export async function holdEditText(tabId: number, draftId: string, text: string): Promise<void> {
  const held: HeldText = { draftId, text };
  await sessionStore().set({ [textKey(tabId, draftId)]: held });
}

/** The step arrived: its held draft is no longer needed. */
export async function releaseEdit(tabId: number, draftId: string): Promise<void> {
  await sessionStore().remove([key(tabId, draftId), textKey(tabId, draftId)]);
}

/**
 * Drops the tab's held texts that have no held draft (its draft never got through, or went with its step): a text
 * alone can never become a step. Called as the tab closes, after its edits were taken in; before, such texts
 * stayed in memory until Stop.
 */
export async function dropUnheldTexts(tabId: number): Promise<void> {
  const { edits, texts } = await heldKeys(tabId);
  const drafts = new Set(edits.map((k) => k.slice(`${PREFIX}${tabId}:`.length)));
  const alone = texts.filter((k) => !drafts.has(k.slice(`${TEXT_PREFIX}${tabId}:`.length)));
  if (alone.length) await sessionStore().remove(alone);
}

/** A tab's keys of held edits and of their texts, listed in one pass. */
async function heldKeys(tabId: number): Promise<{ edits: string[]; texts: string[] }> {
  const keys = await keysStartingWith(sessionStore(), `${PREFIX}${tabId}:`, `${TEXT_PREFIX}${tabId}:`);
  return { edits: keys.filter((k) => k.startsWith(PREFIX)), texts: keys.filter((k) => k.startsWith(TEXT_PREFIX)) };
}

/** The edits a tab holds, each with its latest text, left in memory. */
export async function heldEdits(tabId: number): Promise<UnsentDraft[]> {
  const keys = await heldKeys(tabId);
  const [edits, texts] = await Promise.all([
    valuesOf<UnsentDraft>(sessionStore(), keys.edits),
    valuesOf<HeldText>(sessionStore(), keys.texts),
  ]);
  return withLatestText(edits, texts);
}
