// background/step-intake for unit tests of navigation decisions: each step recordStep is given is noted with the
// stamp it would be processed by (the held one, or the next), in `stamped`; the tab's last step is kept as intake
// keeps it (onTabActivated reads it). Used from a vi.mock factory:
// `vi.mock('…/step-intake', async () => (await import('./fake-step-intake')).fakeStepIntake())`.
/** `at`: the step's own time (the export's order); `url`: the action's address; `title`: the page before it. */
export interface StampedStep { what: string; stamp: number; id?: string; note?: string; at?: number; url?: string; title?: string }

export const stamped: StampedStep[] = [];
/** While set, recordStep answers only once it resolves (the real one waits to store the step and seal its frame). */
export const intake: { held: Promise<void> | null } = { held: null };

interface DraftFacts { draftId: string; timestamp: number; note?: string; title?: string; action: { type: string; navigation?: string; url?: string } }

export async function fakeStepIntake() {
  const { nextArrival } = await import('../../src/background/arrival-stamps');
  return {
    ingestUnsent: () => Promise.resolve(0),
    addOtherFrames: () => Promise.resolve(),
    attachShot: () => Promise.resolve(),
    recordStep: async (draft: DraftFacts, sender: { tab?: { id?: number } }, order: { heldStamp?: number } = {}) => {
      const arrival = order.heldStamp !== undefined ? Promise.resolve(order.heldStamp) : nextArrival();
      // As intake does at once (step-intake.ts): the tab has a step.
      const { tabMemory } = await import('../../src/background/tab-memory');
      if (sender.tab?.id !== undefined) void tabMemory.setLastStep(sender.tab.id, draft.timestamp, draft.action.type);
      const held = intake.held;
      if (held) await held;
      stamped.push({ what: `${draft.action.type} ${draft.action.navigation ?? ''}`.trim(), stamp: await arrival, id: draft.draftId, at: draft.timestamp, url: draft.action.url, title: draft.title, ...(draft.note ? { note: draft.note } : {}) });
      return { ok: true };
    },
  };
}
