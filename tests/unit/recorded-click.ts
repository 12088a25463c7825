// A person's click on `target` (a trusted pointerdown, then click) through a Recorder begun as the content script
// begins one, with `redactor` in force and the pointer observer on: the step draft it sends. The test file mocks
// the polyfill with ./sent-messages, and calls the returned stop (or its afterEach does).
import { expect, vi } from 'vitest';
import { Recorder } from '../../src/content/recorder';
import { Outbox } from '../../src/content/outbox';
import { initPointerObserver } from '../../src/content/observers/pointer-observer';
import { passThroughRedactor, type Redactor } from '../../src/core/redactor';
import { withAssembledTree } from '../../src/core/dom-tree-parts';
import type { StepDraft } from '../../src/core/step-draft';
import { trusted } from './fake-observer-param';
import { drafts } from './sent-messages';

export async function recordedClick(target: Element, redactor: Redactor, stops: (() => void)[]): Promise<StepDraft> {
  // The wrapper the snapshotter holds is no scrubber: the one begun with is in force, as in the content script.
  const rec = new Recorder(window, passThroughRedactor, new Outbox());
  const stop = initPointerObserver(window, rec.observerParam());
  rec.begin({ taskId: 'task-1', instruction: 'click', startedAt: 1 }, redactor, 1, { tabId: 7, frameId: 0 });
  stops.push(() => { stop(); rec.end(); });
  target.dispatchEvent(trusted(new PointerEvent('pointerdown', { bubbles: true, composed: true, clientX: 10, clientY: 10, button: 0 })));
  target.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, composed: true, clientX: 10, clientY: 10, button: 0, detail: 1 })));
  await vi.waitFor(() => expect(drafts()).toHaveLength(1));
  return withAssembledTree(drafts()[0]!);
}
