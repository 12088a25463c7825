// What the content script sends the worker, kept for a test to read. A test mocks webextension-polyfill with
// this module's `polyfill`: vi.mock('webextension-polyfill', () => import('./sent-messages').then((m) => m.polyfill)).
import type { StepDraft } from '../../src/core/step-draft';

export const sent: unknown[] = [];

export const polyfill = {
  default: { runtime: { sendMessage: (message: unknown) => { sent.push(message); return Promise.resolve({ ok: true }); } } },
};

/** The step drafts sent so far, in order. */
export const drafts = (): StepDraft[] => sent.flatMap((m) => ((m as { kind: string }).kind === 'step/record' ? [(m as { draft: StepDraft }).draft] : []));
