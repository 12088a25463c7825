// Form submission. A submit caused by a click on a submit button or by Enter
// was already recorded as that click or key; only a submit without such a
// step (e.g. a button activated some other way) becomes a `submit` step.
import type { ObserverParam } from './observer-param';
import { listen } from '../guard';
import { eventElement } from '../dom-utils';

const IMPLIED_MS = 250;

export type FormObserverParam = Pick<ObserverParam, 'recording' | 'lastStep' | 'capture' | 'emit'>;

export function initFormObserver(win: Window, recorder: FormObserverParam): () => void {
  return listen(win, 'submit', (e) => {
    if (!e.isTrusted || !recorder.recording) return;
    const last = recorder.lastStep;
    const implied = !!last && Date.now() - last.at < IMPLIED_MS && (last.type === 'click' || last.type === 'key');
    if (implied) return;
    const form = eventElement(e);
    recorder.emit(recorder.capture(form), { type: 'submit', coordinates: null });
  });
}
