// Drafts go to the service worker as soon as they exist (it orders them by
// arrival) and stay here until it acknowledges them as stored. A worker that
// was stopped is woken by the send; a failed send is retried with backoff and
// the worker de-duplicates by draftId, so no step is lost or stored twice.
import type { StepDraft } from '../core/step-draft';
import { send } from '../platform/messaging';

const MAX_ATTEMPTS = 12;

export class Outbox {
  private readonly inFlight = new Set<string>();

  push(draft: StepDraft): void {
    this.inFlight.add(draft.draftId);
    void this.deliver(draft).finally(() => this.inFlight.delete(draft.draftId));
  }

  get pending(): number {
    return this.inFlight.size;
  }

  private async deliver(draft: StepDraft): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try {
        const reply = await send<'step/record'>({ kind: 'step/record', draft });
        if (reply?.ok) return;
        if (reply && !reply.retry) {
          console.warn('[alien-dataflow] step not stored:', reply.error);
          return;
        }
        // Storage is full: not a reason to give up. Hold the step while the page lives.
        if (reply?.waitForSpace) attempt = Math.min(attempt, MAX_ATTEMPTS - 2);
      } catch (error) {
        // The extension was reloaded or removed: nobody is left to receive.
        if (String(error).includes('context invalidated')) return;
      }
      await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 5000)));
    }
    console.warn('[alien-dataflow] gave up delivering a step after retries');
  }
}
