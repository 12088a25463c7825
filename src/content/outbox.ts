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

export class Outbox {
  private readonly inFlight = new Map<string, StepDraft>();
  /** The browser's ids for this frame, told by the worker when recording starts. */
  where: { tabId: number; frameId: number } | null = null;
  /** This page's arrival while its load report is still on its way (see ObserverParam.reportingArrival). */
  afterArrival: number | null = null;

  push(draft: StepDraft): void {
    this.inFlight.set(draft.draftId, draft);
    void this.deliver(draft).finally(() => this.inFlight.delete(draft.draftId));
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

  private async deliver(draft: StepDraft): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try {
        // Read at each attempt: once the report is answered, the worker has decided the arrival.
        const after = this.afterArrival;
        const reply = await answerWithin(send<'step/record'>({ kind: 'step/record', draft, ...(after !== null ? { afterArrival: after } : {}) }));
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
      await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 5000)));
    }
    console.warn('[alien-dataflow] gave up delivering a step after retries');
  }
}
