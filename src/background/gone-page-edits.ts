// Edits the worker held for a page that is gone (its tab closed, or it was left for another page) and that
// never arrived as steps: Firefox ends a leaving page's script before its last send and its hand-over land
// (background/held-edits). Each becomes the step, without a screenshot (core/pending-step PAGE_GONE_NOTE).
import type { UnsentDraft } from '../platform/page-handoff';
import { listUnsent, removeUnsent } from '../platform/page-handoff';
import { knownDrafts } from '../platform/db';
import { heldEdits, releaseEdit } from './held-edits';
import { takeInPageless } from './step-intake';
import { kickProcessor } from './step-processor';

/**
 * Takes in the tab's held edits that `which` picks. The page's hand-over copy, where it left one, is taken
 * before the worker's own (it has the page's last text; the held one may be a few keys behind). An edit whose
 * step is pending or stored already is only let go. Each is let go only once its step is durable: a write that
 * fails (storage full) keeps it held for the next chance. Run inside the tab's edit order (inTabEditOrder), so a
 * draft the page sent just before is held before this reads the edits.
 */
export async function takeInGonePageEdits(tabId: number, which: (edit: UnsentDraft) => boolean = () => true): Promise<void> {
  const edits = (await heldEdits(tabId)).filter(which);
  if (!edits.length) return;
  const known = await knownDrafts(edits.map((e) => e.draft.draftId));
  const handed = new Map((await listUnsent()).map((u) => [u.draft.draftId, u]));
  let added = 0;
  for (const edit of edits) {
    const id = edit.draft.draftId;
    const own = handed.get(id);
    // Placed where its typing began, if the worker held it later than that (busy, or held again).
    const placed = { ...(own ?? edit), savedAt: Math.min(edit.savedAt, own?.savedAt ?? Infinity, edit.draft.timestamp) };
    try {
      if (!known.has(id) && (await takeInPageless(placed))) added++;
    } catch (error) {
      console.warn('[alien-dataflow] a held edit stays held: its step could not be stored', error);
      continue;
    }
    await releaseEdit(tabId, id);
    if (own) await removeUnsent(id);
  }
  if (added) void kickProcessor();
}
