// Edits a page holds but has not sent as steps yet (a field typed in and not
// left): the page sends its latest scrubbed draft as typing pauses, and it is
// kept here in storage.session (memory, never disk; it outlives a worker stop)
// until the step itself arrives with the same draft id. Firefox ends a
// closing tab's content script before its last send, so when a tab closes
// with an edit held, the held draft becomes the step (without a screenshot:
// the tab is gone). Cleared with the rest of tab memory when recording stops.
import { sessionStore } from '../platform/stores';
import type { UnsentDraft } from '../platform/page-handoff';
import { keysStartingWith, valuesOf } from '../platform/storage-keys';

const PREFIX = 'edit:';
const key = (tabId: number, draftId: string): string => `${PREFIX}${tabId}:${draftId}`;

export async function holdEdit(edit: UnsentDraft): Promise<void> {
  await sessionStore().set({ [key(edit.tabId, edit.draft.draftId)]: edit });
}

/** The step arrived: its held draft is no longer needed. */
export async function releaseEdit(tabId: number, draftId: string): Promise<void> {
  await sessionStore().remove(key(tabId, draftId));
}

/** The edits a tab held, removed from memory. */
export async function takeEdits(tabId: number): Promise<UnsentDraft[]> {
  const keys = await keysStartingWith(sessionStore(), `${PREFIX}${tabId}:`);
  const edits = await valuesOf<UnsentDraft>(sessionStore(), keys);
  if (keys.length) await sessionStore().remove(keys);
  return edits;
}
