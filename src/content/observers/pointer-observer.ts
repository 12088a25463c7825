// Clicks, double clicks and right clicks. The snapshot is taken at
// pointerdown, before the page reacts; the step is emitted when the click
// (or contextmenu / dblclick) confirms what the gesture was. Clicks on
// checkboxes, radios, selects and file inputs become check/select/file steps
// in the input observer, which reuses this pointerdown snapshot.
import type { PreAction } from '../recorder';
import type { ObserverParam } from './observer-param';
import { listen } from '../guard';
import { controlOf, controlOfEvent, eventElement, isToggle } from '../dom-utils';
import { tagOf } from '../dom-safe';
import { clickedControl } from '../clicked-control';

function handledAsInput(el: Element | null): boolean {
  const control = controlOf(el);
  if (!control) return false;
  return isToggle(control) || tagOf(control) === 'select' || tagOf(control) === 'option'
    || (tagOf(control) === 'input' && (control as HTMLInputElement).type === 'file');
}

/** A radio that is already selected: clicking it changes nothing, so no change event will make it a step. */
function selectedRadio(el: Element | null): boolean {
  const control = controlOf(el);
  return !!control && tagOf(control) === 'input' && (control as HTMLInputElement).type === 'radio' && (control as HTMLInputElement).checked;
}

export type PointerObserverParam = Pick<ObserverParam, 'recording' | 'gesture' | 'capture' | 'emit' | 'retarget' | 'toTop'>;

export function initPointerObserver(win: Window, recorder: PointerObserverParam): () => void {
  let pending: { pre: PreAction; button: number; x: number; y: number; radioWasSelected?: boolean } | null = null;

  const takePending = (button: number, x: number, y: number, target: Element | null): PreAction => {
    const p = pending;
    pending = null;
    // Keyboard-activated clicks have no pointerdown: capture now.
    if (p && p.button === button && Math.abs(p.x - x) < 20 && Math.abs(p.y - y) < 20) return p.pre;
    return recorder.capture(target);
  };

  const centre = (pre: PreAction): [number, number] | null => {
    const b = pre.target?.bbox;
    return b ? [Math.round(b.x + b.width / 2), Math.round(b.y + b.height / 2)] : null;
  };

  const teardowns = [
    listen(win, 'pointerdown', (e) => {
      const event = e as PointerEvent;
      if (!event.isTrusted || !recorder.recording) return;
      const target = eventElement(event);
      const pre = recorder.capture(target);
      pending = { pre, button: event.button, x: event.clientX, y: event.clientY, radioWasSelected: selectedRadio(controlOfEvent(event) ?? target) };
      recorder.gesture.pointerPressed({ pre, element: target, at: Date.now(), x: event.clientX, y: event.clientY });
    }),
    listen(win, 'click', (e) => {
      const event = e as MouseEvent;
      if (!event.isTrusted || !recorder.recording || event.button !== 0) return;
      const target = eventElement(event);
      // A checkbox inside a shadow root is clicked through its host: the path says which control it is.
      const control = controlOfEvent(event) ?? target;
      // Every trusted click is a step: a click on the radio already selected fires no change, so it is a click here.
      if (handledAsInput(control) && pending?.radioWasSelected && selectedRadio(control)) {
        const pre = takePending(0, event.clientX, event.clientY, target);
        recorder.emit(pre, { type: 'click', coordinates: recorder.toTop(event.clientX, event.clientY, target) });
        return;
      }
      if (handledAsInput(control) || recorder.gesture.clickIgnored()) {
        // A box or radio clicked while the recorder started (this click held, then run: see start-gate): its
        // change ran before the recorder began (changes are not held), so the click is the step.
        if (pending?.pre.late && isToggle(controlOf(control))) {
          const pre = takePending(0, event.clientX, event.clientY, target);
          recorder.emit(pre, { type: 'click', coordinates: recorder.toTop(event.clientX, event.clientY, target) });
          return;
        }
        pending = null;
        return;
      }
      const taken = takePending(0, event.clientX, event.clientY, target);
      // A wrapper under the pointer (a tab's inner part) stands for the control it belongs to.
      const clicked = clickedControl(event, target);
      const pre = clicked ? recorder.retarget(taken, clicked) : taken;
      // The second click of a double click is reported as the dblclick step.
      if (event.detail === 2) {
        pending = { pre, button: 0, x: event.clientX, y: event.clientY };
        return;
      }
      const keyboard = event.detail === 0 && event.clientX === 0 && event.clientY === 0;
      recorder.emit(pre, {
        type: 'click',
        coordinates: keyboard ? centre(pre) : recorder.toTop(event.clientX, event.clientY, target),
      });
    }),
    listen(win, 'dblclick', (e) => {
      const event = e as MouseEvent;
      if (!event.isTrusted || !recorder.recording) return;
      const target = eventElement(event);
      const pre = takePending(0, event.clientX, event.clientY, target);
      recorder.emit(pre, { type: 'double_click', coordinates: recorder.toTop(event.clientX, event.clientY, target) });
    }),
    listen(win, 'contextmenu', (e) => {
      const event = e as MouseEvent;
      if (!event.isTrusted || !recorder.recording) return;
      const target = eventElement(event);
      const pre = takePending(2, event.clientX, event.clientY, target);
      const keyboard = event.clientX === 0 && event.clientY === 0;
      recorder.emit(pre, {
        type: 'right_click',
        coordinates: keyboard ? centre(pre) : recorder.toTop(event.clientX, event.clientY, target),
      });
    }),
  ];
  return () => teardowns.forEach((t) => t());
}
