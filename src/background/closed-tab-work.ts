// What the worker does when a tab closes while recording: file its page as
// the task's final state, and take in the edits its page could not send.
// Both read the tab's memory and the recording flag, which Stop clears; run
// beside a Stop pressed just after the close, either could find them gone,
// or file its record after an Export pressed at Stop had counted what is
// pending (a Firefox run lost a closed tab's final state so). Stop waits for
// this work (recording-session), and a tab closed once Stop has begun leaves
// no final state: the page in front at Stop is the task's.

/** Longest Stop waits for it, each time it does: a final state's frame is sealed within 1.5 s (final-state FINAL_SHOT_WAIT_MS). */
export const CLOSED_TAB_WORK_MS = 4000;
/** Work under way. */
const underWay = new Set<Promise<unknown>>();
let stops = 0;

/** Runs `work` for a closed tab (at once: it may read what the close handler forgets next), noted until it ends. */
export function closedTabWork<T>(work: () => Promise<T>): Promise<T> {
  const run = (async () => work())();
  const noted = run.finally(() => underWay.delete(noted));
  // Noted only for waiting: its failure is the caller's to report.
  noted.catch(() => undefined);
  underWay.add(noted);
  return run;
}

/** Runs a Stop: meanwhile stopUnderWay() is true. */
export async function duringStop<T>(stop: () => Promise<T>): Promise<T> {
  stops++;
  try {
    return await stop();
  } finally {
    stops--;
  }
}

/** Whether a Stop is under way: a tab closing now is not the task's final state. */
export function stopUnderWay(): boolean {
  return stops > 0;
}

/**
 * Resolves when the closed tabs' work under way has ended (true), or after `withinMs` (false): the work still
 * running then is taken as hung (a store that never answers), and no later wait waits for it again.
 */
export async function closedTabWorkDone(withinMs = CLOSED_TAB_WORK_MS): Promise<boolean> {
  if (!underWay.size) return true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const out = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), withinMs); });
  try {
    // Work that starts while this waits (another tab closing) is waited for too.
    const all = async (): Promise<true> => {
      while (underWay.size) await Promise.allSettled([...underWay]);
      return true;
    };
    const ended = await Promise.race([all(), out]);
    if (!ended) underWay.clear();
    return ended;
  } finally {
    clearTimeout(timer);
  }
}
