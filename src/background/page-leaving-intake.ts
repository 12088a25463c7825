// A leaving page's exit note and hand-over, as its messages bring them. The page writes both to storage.local
// itself (platform/page-handoff) and sends them too: Firefox drops a storage write a page still has under way
// as it is unloaded (measured on firefox-esr 153: no pagehide hand-over of a page its own script took away
// reached storage in 16 of 16 navigations, and its exit note, written ~0.4 s before, was lost under load), while
// a message sent has left the page. Either copy may come first; both are the same, under the same key. A copy
// of a navigation already decided is dropped: its decision took the page's own copy, or went without it.
import { hasLeaving, readExits, saveExit, saveLeaving, type NotedExit } from '../platform/page-handoff';
import type { LeftPage, PageExit } from '../core/navigation-chain';
import { tabMemory } from './tab-memory';
import { inTabArrivalOrder, inTabNoteOrder } from './arrival-queue';

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The shape a page's exit note must have (a content script is ours, but its page can break its globals). */
export function isPageExit(v: unknown): v is PageExit {
  const e = v as Partial<PageExit> | null;
  return typeof e === 'object' && e !== null && isTime(e.at) && typeof e.byPerson === 'boolean';
}

/** Enough of a hand-over to file it (its state is the page's own scrubbed observation). */
export function isLeftPage(v: unknown): v is LeftPage {
  const l = v as Partial<LeftPage> | null;
  return typeof l === 'object' && l !== null && typeof l.state === 'object' && l.state !== null && isTime(l.state.at)
    && typeof l.state.url === 'string' && (l.exit == null || isPageExit(l.exit));
}

/** Files the note unless a decision has passed it, or the page's own copy (or a newer one) is there already. */
export async function takeInExitNote(tabId: number, exit: PageExit, page: number): Promise<void> {
  if (exit.at <= await tabMemory.arrivalDecided(tabId)) return;
  await inTabNoteOrder(tabId, async () => {
    const noted: NotedExit | undefined = (await readExits(tabId)).find((e) => e.page === page);
    if (noted && noted.at >= exit.at) return;
    await saveExit(tabId, exit, page);
  });
}

/**
 * Files the hand-over unless a decision has passed it (its page's copy taken and cleared) or it is there. In the
 * tab's arrival order: never between a decision's read of the hand-overs and its clearing of the one it took.
 */
export function takeInLeftPage(tabId: number, left: LeftPage): Promise<void> {
  return inTabArrivalOrder(tabId, async () => {
    if (left.state.at <= await tabMemory.arrivalDecided(tabId)) return;
    if (await hasLeaving(tabId, left.state.at)) return;
    await saveLeaving(tabId, left);
  });
}
