// A page's recorder as the content script sets it up at document_start, its observers' events held at a start gate
// (see src/content/start-gate.ts), and a person's input as a browser reports it: for the start gate's tests.
import { Recorder } from '../../src/content/recorder';
import { Outbox } from '../../src/content/outbox';
import { initPointerObserver } from '../../src/content/observers/pointer-observer';
import { editAtEvent, initInputObserver } from '../../src/content/observers/input-observer';
import { initKeyObserver } from '../../src/content/observers/key-observer';
import { initFormObserver } from '../../src/content/observers/form-observer';
import { StartGate } from '../../src/content/start-gate';
import { throughGate } from '../../src/content/guard';
import { passThroughRedactor, type Redactor } from '../../src/core/redactor';
import { trusted } from './fake-observer-param';

export interface StartingRecorder {
  rec: Recorder;
  gate: StartGate;
  /** The recorder begins (the gate still holds: open it as the content script does, or call `start`). */
  begin: () => void;
  /** The recorder begins and the gate opens, replaying what it held. */
  start: () => void;
}

/** A recorder that begins now with `redactor`, its pointer and input observers attached; stopped through `stops`. */
export function recordingNow(stops: (() => void)[], redactor: Redactor = passThroughRedactor): Recorder {
  const rec = new Recorder(window, redactor, new Outbox());
  const param = rec.observerParam();
  rec.begin({ taskId: 'task-1', instruction: 'log in', startedAt: 1 }, redactor, 1, { tabId: 7, frameId: 0 });
  stops.push(initPointerObserver(window, param), initInputObserver(window, param), () => rec.end());
  return rec;
}

/** Observers attached through a holding gate; their teardown and the recorder's end are pushed onto `stops`. */
export function startingRecorder(stops: (() => void)[]): StartingRecorder {
  const rec = new Recorder(window, passThroughRedactor, new Outbox());
  const param = rec.observerParam();
  const gate = new StartGate(editAtEvent(param));
  const observers = throughGate(gate, () => [initPointerObserver(window, param), initInputObserver(window, param), initKeyObserver(window, param), initFormObserver(window, param)]);
  stops.push(() => { observers.forEach((s) => s()); rec.end(); });
  const begin = (): void => rec.begin({ taskId: 'task-1', instruction: 'log in', startedAt: 1 }, passThroughRedactor, 1, { tabId: 7, frameId: 0 });
  return { rec, gate, begin, start: () => { begin(); gate.open((at, run) => rec.replayHeld(at, run)); } };
}

export const pointer = (type: string, x = 10): PointerEvent => trusted(new PointerEvent(type, { bubbles: true, composed: true, clientX: x, clientY: 10, button: 0 }));
export const click = (x = 10): MouseEvent => trusted(new MouseEvent('click', { bubbles: true, composed: true, clientX: x, clientY: 10, button: 0, detail: 1 }));

/** A press: pointerdown, pointerup and click on `el`. */
export function press(el: Element): void {
  el.dispatchEvent(pointer('pointerdown'));
  el.dispatchEvent(pointer('pointerup'));
  el.dispatchEvent(click());
}

/** A trusted `input` with no key behind it (autofill, or a page's execCommand). */
export const inputEvent = (): InputEvent => trusted(new InputEvent('input', { bubbles: true, composed: true, data: 'x', inputType: 'insertText' }));

/** Types `text` at the end of `field` as a person does: per character a trusted keydown, beforeinput and input. */
export function typeInto(field: HTMLInputElement, text: string): void {
  for (const ch of text) {
    field.dispatchEvent(trusted(new KeyboardEvent('keydown', { bubbles: true, composed: true, key: ch })));
    field.dispatchEvent(trusted(new InputEvent('beforeinput', { bubbles: true, composed: true, data: ch, inputType: 'insertText' })));
    field.value += ch;
    field.dispatchEvent(trusted(new InputEvent('input', { bubbles: true, composed: true, data: ch, inputType: 'insertText' })));
  }
}
