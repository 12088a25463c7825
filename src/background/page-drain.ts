// At Stop, steps a page has sent and not had acknowledged are asked for
// before the task ends. A send the worker lost (it stopped, or Firefox
// suspended its background page, while the message was on its way) waits
// out its retry's backoff, or up to 15 s for an answer that never comes
// (core/ask-again); meanwhile an Export pressed at Stop found no such step
// pending, and the zip went without it. Every frame of every web page is
// asked for them: it sends again those waiting out a backoff or an overdue
// answer, and answers once they are in (content/outbox drain), within a
// bound: a frame that does not answer never holds Stop for longer.
import { allTabs, askFrame, frameIdsOf } from '../platform/tabs';

/**
 * The longest Stop waits for the pages' steps: a frame waits up to 5 s for its own (an answer due is waited for,
 * 3.5 s at most, before a step is sent again); this covers the round trips.
 */
export const STOP_DRAIN_MS = 6000;

/** Only pages a content script runs in: http(s) and files. */
const RECORDED = /^(https?|file):/;

/** Asks every frame for its unacknowledged steps; resolves to how many are still out when all answered, or -1 when time ran out. */
export async function drainPages(withinMs = STOP_DRAIN_MS): Promise<number> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const out = new Promise<number>((resolve) => { timer = setTimeout(() => resolve(-1), withinMs); });
  const asked = (async (): Promise<number> => {
    const tabs = (await allTabs()).filter((t) => t.id !== undefined && RECORDED.test(t.url ?? ''));
    const frames = (await Promise.all(tabs.map(async (t) => (await frameIdsOf(t.id!)).map((frameId) => ({ tabId: t.id!, frameId }))))).flat();
    const replies = await Promise.all(frames.map(({ tabId, frameId }) => askFrame<'page/drain'>(tabId, frameId, { kind: 'page/drain', target: 'content' })
      // A frame without a recorder (a blank frame, one still loading, a site excluded) has nothing to send.
      .then((r) => (typeof r?.unsent === 'number' ? r.unsent : 0), () => 0)));
    return replies.reduce((a, b) => a + b, 0);
  })();
  // Whatever fails after the time ran out is not heard of.
  asked.catch(() => undefined);
  try {
    const left = await Promise.race([asked, out]);
    if (left !== 0) console.warn(`[alien-dataflow] at Stop, ${left < 0 ? 'pages did not all answer' : `${left} step(s) still unsent`}`);
    return left;
  } finally {
    clearTimeout(timer);
  }
}
