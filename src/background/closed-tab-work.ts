// What the worker does when a tab closes while recording: file its page as
// the task's final state, and take in the edits its page could not send.
// Both read the tab's memory and the recording flag, which Stop clears; run
// beside a Stop pressed just after the close, either could find them gone,
// or file its record after an Export pressed at Stop had counted what is
// pending (a Firefox run lost a closed tab's final state so). Stop waits for
// this work first (recording-session).

/** Longest Stop waits for it: a final state's frame is sealed within 1.5 s (final-state FINAL_SHOT_WAIT_MS). */
export const CLOSED_TAB_WORK_MS = 4000;

const underWay = new Set<Promise<unknown>>();

/** Runs `work` for a closed tab (at once: it may read what the close handler forgets next), noted until it ends. */
export function closedTabWork<T>(work: () => Promise<T>): Promise<T> {
  const run = (async () => work())();
  const noted = run.finally(() => underWay.delete(noted));
  // Noted only for waiting: its failure is the caller's to report.
  noted.catch(() => undefined);
  underWay.add(noted);
  return run;
}

/** Resolves when the closed tabs' work under way has ended (true), or after `withinMs` (false). */
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
    return await Promise.race([all(), out]);
  } finally {
    clearTimeout(timer);
  }
}
