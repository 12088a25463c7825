// A service worker that is being stopped or started drops the messages that
// arrive meanwhile: the send rejects ("Receiving end does not exist", "message
// port closed") or resolves with nothing. Questions whose answer is the same
// when asked twice (status, config, a frame's ids) are simply asked again.

export interface AskPolicy {
  attempts: number;
  /** First wait; each later one doubles, up to maxMs. */
  baseMs: number;
  maxMs: number;
}

/** About 12 s in all: longer than a worker takes to start, short enough that a page is not left waiting. */
export const ASK_WORKER: AskPolicy = { attempts: 10, baseMs: 50, maxMs: 2000 };

/**
 * Longer than any handler takes to answer (a step waits up to 3 s for its frame). A worker stopped while it
 * handled a message can leave the send neither answered nor failed; the sender must not wait forever.
 */
export const ANSWER_WITHIN_MS = 15_000;

/** `sent`, or a rejection once `ms` have passed without an answer. */
export function answerWithin<T>(sent: Promise<T>, ms: number = ANSWER_WITHIN_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([sent, late]).finally(() => clearTimeout(timer));
}

/** The extension was reloaded or removed: no one will ever answer, so asking again is pointless. */
export function isGone(error: unknown): boolean {
  return String(error).includes('context invalidated');
}

export async function askAgain<T>(
  ask: () => Promise<T | undefined>,
  policy: AskPolicy = ASK_WORKER,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<T> {
  let last: unknown = 'no answer';
  for (let attempt = 0; attempt < policy.attempts; attempt++) {
    try {
      const answer = await answerWithin(ask());
      if (answer !== undefined) return answer;
      last = 'no answer';
    } catch (error) {
      if (isGone(error)) throw error;
      last = error;
    }
    if (attempt < policy.attempts - 1) await wait(Math.min(policy.baseMs * 2 ** attempt, policy.maxMs));
  }
  throw new Error(`the extension's worker did not answer after ${policy.attempts} attempts (${String(last)})`);
}
