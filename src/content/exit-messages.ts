// The page's exit note as a message to the worker (background/page-leaving-intake), at most every
// EXIT_MESSAGE_GAP_MS for the same word (a person's or a script's): a page can fire navigate events by the
// thousand (a `location = …` it cancels, a loop to a 204), and each message is storage work in the worker. A
// note that says something new (by a person where the last said by script, or the reverse) goes at once: the
// message is there because a leaving page's own storage write can be lost (Firefox), and a deferred send could
// be lost with the page. One held back goes when the gap ends, as the newest note then.
import type { PageExit } from '../core/navigation-chain';

export const EXIT_MESSAGE_GAP_MS = 250;

export interface ExitMessages {
  /** The page's newest way out (`page`: its performance.timeOrigin). */
  noted(exit: PageExit, page: number): void;
  /** The page is going (pagehide): a note held back goes now. */
  flush(): void;
  /** The observer is torn down: a note held back is dropped with its timer. */
  stop(): void;
}

export function exitMessages(send: (exit: PageExit, page: number) => void, now: () => number = Date.now): ExitMessages {
  let last: { at: number; byPerson: boolean } | null = null;
  let pending: { exit: PageExit; page: number } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    timer = null;
    if (!pending) return;
    const { exit, page } = pending;
    pending = null;
    last = { at: now(), byPerson: exit.byPerson };
    send(exit, page);
  };
  return {
    noted(exit, page) {
      pending = { exit, page };
      const since = last ? now() - last.at : Infinity;
      if (!last || last.byPerson !== exit.byPerson || since >= EXIT_MESSAGE_GAP_MS) {
        if (timer !== null) clearTimeout(timer);
        flush();
      } else {
        timer ??= setTimeout(flush, EXIT_MESSAGE_GAP_MS - since);
      }
    },
    flush() {
      if (timer !== null) clearTimeout(timer);
      flush();
    },
    stop() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
