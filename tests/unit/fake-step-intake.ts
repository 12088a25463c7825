// background/step-intake for unit tests of navigation decisions: each step recordStep is given is noted with the
// stamp it would be processed by (the held one, or the next), in `stamped`; the tab's last step is kept as intake
// keeps it (onTabActivated reads it). Used from a vi.mock factory:
// `vi.mock('…/step-intake', async () => (await import('./fake-step-intake')).fakeStepIntake())`.
/** `at`: the step's own time (the export's order). */
export interface StampedStep { what: string; stamp: number; id?: string; note?: string; at?: number }

export const stamped: StampedStep[] = [];

interface DraftFacts { draftId: string; timestamp: number; note?: string; action: { type: string; navigation?: string } }

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
      stamped.push({ what: `${draft.action.type} ${draft.action.navigation ?? ''}`.trim(), stamp: await arrival, id: draft.draftId, at: draft.timestamp, ...(draft.note ? { note: draft.note } : {}) });
      return { ok: true };
    },
  };
}
