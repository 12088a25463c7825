// What the worker does when a tab closes while recording: file its page as
// the task's final state, and take in the edits its page could not send.
// Both read the tab's memory and the recording flag, which Stop clears; run
// beside a Stop pressed just after the close, either could find them gone,
// or file its record after an Export pressed at Stop had counted what is
// pending (a Firefox run lost a closed tab's final state so). Stop waits for
// this work (recording-session). A tab closed once Stop has begun leaves no
// final state unless it was the tab in front at Stop: the page in front then
// is the task's, and a background tab's page handed over later would replace it.

/** Longest Stop waits for it, each time it does: a final state's frame is sealed within 1.5 s (final-state FINAL_SHOT_WAIT_MS). */
export const CLOSED_TAB_WORK_MS = 4000;
/** Work under way, with when it began. */
const underWay = new Map<Promise<unknown>, number>();
let stops = 0;
/** The tab in front when the Stop under way began; undefined until known. */
let stopFront: number | null | undefined;

/** Runs `work` for a closed tab (at once: it may read what the close handler forgets next), noted until it ends. */
export function closedTabWork<T>(work: () => Promise<T>): Promise<T> {
  const run = (async () => work())();
  const noted = run.finally(() => underWay.delete(noted));
  // Noted only for waiting: its failure is the caller's to report.
  noted.catch(() => undefined);
  underWay.set(noted, Date.now());
  return run;
}

/** Runs a Stop: meanwhile stopUnderWay() is true. */
export async function duringStop<T>(stop: () => Promise<T>): Promise<T> {
  stops++;
  try {
    return await stop();
  } finally {
    if (--stops === 0) stopFront = undefined;
  }
}

/** The Stop under way began with `tabId` in front (null: none known). The first Stop's stands: a second one, pressed while the first waits, comes after the browser brought another tab forward. */
export function noteStopFront(tabId: number | null): void {
  if (stops > 0 && stopFront === undefined) stopFront = tabId;
}

/**
 * Whether `tabId`, closing now, leaves its page as the task's final state: always with no Stop under way; during
 * one, only the tab in front at Stop (Stop's own ask of it may come too late), or any while that is not known.
 */
export function closingLeavesFinal(tabId: number): boolean {
  return stops === 0 || stopFront === undefined || stopFront === null || stopFront === tabId;
}

/**
 * Resolves when the closed tabs' work under way has ended (true), or after `withinMs` (false): the work still
 * running then that was under way when this began is taken as hung (a store that never answers), and no later
 * wait waits for it again.
 */
export async function closedTabWorkDone(withinMs = CLOSED_TAB_WORK_MS): Promise<boolean> {
  if (!underWay.size) return true;
  const began = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const out = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), withinMs); });
  try {
    // Work that starts while this waits (another tab closing) is waited for too.
    const all = async (): Promise<true> => {
      while (underWay.size) await Promise.allSettled([...underWay.keys()]);
      return true;
    };
    const ended = await Promise.race([all(), out]);
    // Only what was under way when this began: work begun since may just be slow, and is waited for next time.
    if (!ended) for (const [work, since] of underWay) if (since <= began) underWay.delete(work);
    return ended;
  } finally {
    clearTimeout(timer);
  }
}
