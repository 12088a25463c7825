// @vitest-environment happy-dom
// The page as the content script sends it: a step's draft, the page state handed over at pagehide and the final
// state at Stop are built by one function (Recorder's observedPage), and the final state is answered only after
// the task's last step, an open typing session, has been sent.
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => import('./sent-messages').then((m) => m.polyfill));

import { initInputObserver } from '../../src/content/observers/input-observer';
import { pageState } from '../../src/content/observers/navigation-observer';
import { finalObservation } from '../../src/content/final-observation';
import { trusted } from './fake-observer-param';
import { endRecordings, startRecording } from './recording';
import { drafts } from './sent-messages';

afterEach(endRecordings);

describe('finalObservation', () => {
  it('sends the open typing session\'s step before it answers', () => {
    document.body.innerHTML = '<main><label>Note <input id="note"></label></main>';
    const rec = startRecording('write a note', initInputObserver);
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
    const rec = startRecording('write a note', initInputObserver);
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
