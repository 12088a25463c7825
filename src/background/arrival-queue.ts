// One tab's load reports are decided one at a time (a repeated report must find the first one's decision), and a
// leaving page's hand-over copy (background/page-leaving-intake) is filed in the same order: a copy landing while
// the next page's navigation is decided waits for that decision, then finds it decided and is dropped, where
// before it was filed after the decision had taken (or gone without) the page's own, and stood for a later page.
import { keyedQueue } from '../core/keyed-queue';

export const inTabArrivalOrder = keyedQueue<number>();

/**
 * A tab's exit notes are read and rewritten (a decision marking one taken, a message copy filed) one at a time:
 * a copy read before a decision's mark and written after it wiped the mark. Short: no decision waits inside it.
 */
export const inTabNoteOrder = keyedQueue<number>();
