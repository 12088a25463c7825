// @vitest-environment happy-dom
// The page as the content script sends it: a step's draft, the page state handed over at pagehide and the final
// state at Stop are built by one function (Recorder's observedPage), and the final state is answered only after
// the task's last step, an open typing session, has been sent.
import { afterEach, describe, expect, it, vi } from 'vitest';

const sent = vi.hoisted(() => [] as unknown[]);
vi.mock('webextension-polyfill', () => ({
  default: { runtime: { sendMessage: (message: unknown) => { sent.push(message); return Promise.resolve({ ok: true }); } } },
}));

import { Recorder } from '../../src/content/recorder';
import { Outbox } from '../../src/content/outbox';
import { passThroughRedactor } from '../../src/core/redactor';
import { initInputObserver } from '../../src/content/observers/input-observer';
import { pageState } from '../../src/content/observers/navigation-observer';
import { finalObservation } from '../../src/content/final-observation';
import type { StepDraft } from '../../src/core/step-draft';

const STATE = { taskId: 'task-1', instruction: 'write a note', startedAt: 1 };

function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

const drafts = (): StepDraft[] => sent.flatMap((m) => ((m as { kind: string }).kind === 'step/record' ? [(m as { draft: StepDraft }).draft] : []));

const stops: (() => void)[] = [];
afterEach(() => {
  stops.splice(0).forEach((stop) => stop());
  sent.length = 0;
});

function recording(): Recorder {
  const rec = new Recorder(window, passThroughRedactor, new Outbox());
  const stopInput = initInputObserver(window, rec.observerParam());
  rec.begin(STATE, passThroughRedactor, 1, { tabId: 7, frameId: 0 });
  stops.push(() => { stopInput(); rec.end(); });
  return rec;
}

describe('finalObservation', () => {
  it('sends the open typing session\'s step before it answers', () => {
    document.body.innerHTML = '<main><label>Note <input id="note"></label></main>';
    const rec = recording();
    const field = document.getElementById('note') as HTMLInputElement;
    field.dispatchEvent(trusted(new InputEvent('beforeinput', { bubbles: true, composed: true, inputType: 'insertText', data: 'hi' })));
    field.value = 'hi';
    field.dispatchEvent(trusted(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: 'hi' })));
    expect(drafts()).toEqual([]);
    // The worker asks at Stop; the reply goes as soon as this returns.
    const observation = finalObservation(rec, window);
    expect(drafts()).toHaveLength(1);
    expect(drafts()[0]!.action).toMatchObject({ type: 'type', text: 'hi' });
    expect(observation.domParts?.marked).toContain('note');
  });

  it('holds the fields of a step\'s observation and of the page state, the time apart', async () => {
    document.body.innerHTML = '<main><button id="b">Save</button></main>';
    const rec = recording();
    const param = rec.observerParam();
    param.emit(param.capture(document.getElementById('b')), { type: 'click', coordinates: [1, 2] });
    rec.drainEmits();
    await vi.waitFor(() => expect(drafts()).toHaveLength(1));
    const keys = (o: object): string[] => Object.keys(o).sort();
    const final = finalObservation(rec, window);
    const state = pageState(param, window);
    const { draftId: _d, taskId: _t, timestamp: _ts, action: _a, target: _g, pageWork: _w, ...observed } = drafts()[0]!;
    expect(keys(final)).toEqual(keys(observed));
    expect(keys(state)).toEqual([...keys(final), 'at'].sort());
    expect(final).toMatchObject({ domTree: '', title: state.title, url: state.url, viewport: state.viewport, devicePixelRatio: state.devicePixelRatio });
    expect(final).not.toHaveProperty('at');
  });
});
