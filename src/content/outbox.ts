// Drafts go to the service worker as soon as they exist and stay here until
// it acknowledges them, which it does only once they are in IndexedDB. A
// worker that was stopped is woken by the send; a failed send is retried with
// backoff and the worker de-duplicates by draftId. When the page goes away
// with drafts still unacknowledged, they are handed over through
// storage.local (see platform/page-handoff), so no step is lost with the page.
import type { StepDraft } from '../core/step-draft';
import { send } from '../platform/messaging';
import { answerWithin, isGone } from '../core/ask-again';
import { saveUnsent } from '../platform/page-handoff';

const MAX_ATTEMPTS = 12;

const NUDGED: unique symbol = Symbol('nudged');

/**
 * How long an attempt's answer is waited for once Stop asks for the steps (drain): the worker answers a step once
 * it is durable and its frame sealed, within 3 s (step-intake's SHOT_ACK_WAIT_MS). Sent again sooner, a step the
 * worker is still taking in would be taken in twice (stored once, but a capture spent on it at Stop).
 */
const LOST_AFTER_MS = 3500;

export class Outbox {
  private readonly inFlight = new Map<string, StepDraft>();
  /** Wakes each delivery now waiting (for an answer, or between attempts): drain() calls and forgets them. */
  private readonly wakers = new Set<() => void>();
  /** Called when the last draft in flight is acknowledged (or given up). */
  private readonly onEmpty = new Set<() => void>();
  /** The browser's ids for this frame, told by the worker when recording starts. */
  where: { tabId: number; frameId: number } | null = null;
  /** This page's arrival while its load report is still on its way (see ObserverParam.reportingArrival). */
  afterArrival: number | null = null;

  push(draft: StepDraft): void {
    this.inFlight.set(draft.draftId, draft);
    void this.deliver(draft).finally(() => {
      this.inFlight.delete(draft.draftId);
      if (this.inFlight.size === 0) this.onEmpty.forEach((f) => f());
    });
  }

  /**
   * Sends every draft not yet acknowledged again: at once if it waits out a retry's backoff, and once its answer
   * is overdue (LOST_AFTER_MS after its send) if a stopped worker may never give it (else up to 15 s: see
   * core/ask-again). Resolves once none is left, or after `withinMs`, to how many are left. Asked at Stop, so an
   * Export pressed at once finds every step (the worker keeps one step per draft id: one sent twice is stored once).
   */
  drain(withinMs: number): Promise<number> {
    if (this.inFlight.size === 0) return Promise.resolve(0);
    const wake = [...this.wakers];
    this.wakers.clear();
    wake.forEach((w) => w());
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.onEmpty.delete(done);
        resolve(this.inFlight.size);
      };
      const timer = setTimeout(done, withinMs);
      this.onEmpty.add(done);
    });
  }

  get pending(): number {
    return this.inFlight.size;
  }

  /** The page is going away: hand every unacknowledged draft over. */
  handOver(): void {
    if (!this.where || this.inFlight.size === 0) return;
    const { tabId, frameId } = this.where;
    const savedAt = Date.now();
    void saveUnsent([...this.inFlight.values()].map((draft) => ({ draft, tabId, frameId, savedAt }))).catch(() => undefined);
  }

  /** `work`'s outcome, or NUDGED as soon as drain() is called: the wait is registered only while it lasts. */
  private untilNudged<T>(work: Promise<T>): Promise<T | typeof NUDGED> {
    return new Promise<T | typeof NUDGED>((resolve, reject) => {
      const wake = (): void => resolve(NUDGED);
      this.wakers.add(wake);
      work.then(resolve, reject).finally(() => this.wakers.delete(wake));
    });
  }

  private async deliver(draft: StepDraft): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try {
        // Read at each attempt: once the report is answered, the worker has decided the arrival.
        const after = this.afterArrival;
        const sentAt = Date.now();
        const sending = answerWithin(send<'step/record'>({ kind: 'step/record', draft, ...(after !== null ? { afterArrival: after } : {}) }));
        // An attempt given up on after a nudge may still fail later, unheard: not an unhandled rejection.
        sending.catch(() => undefined);
        let reply = await this.untilNudged(sending);
        if (reply === NUDGED) {
          // Stop is under way: an answer still due in the worker's usual time is waited for; past it, this send
          // is taken as lost and the step sent again now. Not counted as an attempt: a drain never uses one up.
          let timer: ReturnType<typeof setTimeout> | undefined;
          const lost = new Promise<typeof NUDGED>((r) => { timer = setTimeout(() => r(NUDGED), Math.max(0, sentAt + LOST_AFTER_MS - Date.now())); });
          reply = await Promise.race([sending, lost]).finally(() => clearTimeout(timer));
          if (reply === NUDGED) {
            attempt--;
            continue;
          }
        }
        if (reply?.ok) return;
        if (reply && !reply.retry) {
          console.warn('[alien-dataflow] step not stored:', reply.error);
          return;
        }
        // Storage is full: not a reason to give up. Hold the step while the page lives.
        if (reply?.waitForSpace) attempt = Math.min(attempt, MAX_ATTEMPTS - 2);
      } catch (error) {
        // The extension was reloaded or removed: nobody is left to receive.
        if (isGone(error)) return;
      }
      // The backoff, cut short by a drain: the step goes again at once.
      let backoff: ReturnType<typeof setTimeout> | undefined;
      await this.untilNudged(new Promise<void>((r) => { backoff = setTimeout(r, Math.min(100 * 2 ** attempt, 5000)); }));
      clearTimeout(backoff);
    }
    console.warn('[alien-dataflow] gave up delivering a step after retries');
  }
}
