// @vitest-environment happy-dom
// Observers report to the recorder through an ObserverParam (content/observers/observer-param, rrweb's
// observerParam) and never write its state: the view they get is frozen, with its data behind getters, and the
// Recorder's own fields are private (checked by the compiler below). ESLint refuses the Recorder in an observer.
import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => import('./sent-messages').then((m) => m.polyfill));

import { Recorder } from '../../src/content/recorder';
import { Outbox } from '../../src/content/outbox';
import { passThroughRedactor } from '../../src/core/redactor';
import type { ObserverParam } from '../../src/content/observers/observer-param';
import { sent } from './sent-messages';

const STATE = { taskId: 'task-1', instruction: 'buy', startedAt: 1 };

describe('ObserverParam', () => {
  it('cannot be written: every field of the view refuses a write', () => {
    const param: ObserverParam = new Recorder(window, passThroughRedactor, new Outbox()).observerParam();
    expect(Object.isFrozen(param)).toBe(true);
    const keys = Object.keys(param);
    expect(keys).toEqual(expect.arrayContaining(['recording', 'lastStep', 'where', 'gesture', 'capture', 'emit']));
    for (const key of keys) expect(Reflect.set(param, key, null), key).toBe(false);
    expect(() => {
      // @ts-expect-error the recording state is the recorder's own
      param.recording = true;
    }).toThrow(TypeError);
    expect(() => {
      // @ts-expect-error the last step is set by emit() alone
      param.lastStep = { at: 0, type: 'click' };
    }).toThrow(TypeError);
    expect(() => {
      // @ts-expect-error where the frame is comes from the worker, through the recorder
      param.where = { tabId: 1, frameId: 0 };
    }).toThrow(TypeError);
    expect(param.recording).toBe(false);
    expect(param.lastStep).toBeNull();
    expect(param.where).toBeNull();
  });

  it('shows the recorder as it is now, and a step emitted through it reaches the outbox', async () => {
    document.body.innerHTML = '<main><button>Buy</button></main>';
    const rec = new Recorder(window, passThroughRedactor, new Outbox());
    const param = rec.observerParam();
    rec.begin(STATE, passThroughRedactor, 1, { tabId: 7, frameId: 0 });
    expect(param.recording).toBe(true);
    expect(param.where).toEqual({ tabId: 7, frameId: 0 });
    const button = document.querySelector('button');
    param.emit(param.capture(button), { type: 'click', coordinates: [5, 6] });
    expect(param.lastStep?.type).toBe('click');
    expect(typeof param.lastStep?.at).toBe('number');
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ kind: 'step/record', draft: { taskId: 'task-1', action: { type: 'click', coordinates: [5, 6] }, target: { tag: 'button' } } });
    rec.end();
    expect(param.recording).toBe(false);
  });
});

/**
 * Compiled, never run: the typecheck (tsc over tests/) fails if any of these writes from outside the recorder
 * becomes legal again, as each of them was before the observers took an ObserverParam.
 */
export function writesThatMustNotCompile(rec: Recorder): void {
  // @ts-expect-error private
  rec.state = null;
  // @ts-expect-error private
  rec.sensitive = () => true;
  // @ts-expect-error private
  rec.unlocated = null;
  // @ts-expect-error private
  rec.where = null;
  // @ts-expect-error private
  rec.offset = { x: 0, y: 0 };
  // @ts-expect-error private
  rec.offsetTopScroll = undefined;
  // @ts-expect-error private
  rec.lastStep = null;
  // @ts-expect-error private: observers get it through their ObserverParam
  rec.gesture.dragEnded();
  // @ts-expect-error private
  rec.ids.startAt(1);
  // @ts-expect-error a getter only
  rec.recording = false;
}
