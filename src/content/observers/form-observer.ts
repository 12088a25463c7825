// Form submission. A submit caused by a click on a submit button or by Enter
// was already recorded as that click or key; only a submit without such a
// step (e.g. a button activated some other way) becomes a `submit` step.
import type { Recorder } from '../recorder';
import { listen } from '../guard';
import { eventElement } from '../dom-utils';

const IMPLIED_MS = 250;

export function initFormObserver(win: Window, recorder: Recorder): () => void {
  return listen(win, 'submit', (e) => {
    if (!e.isTrusted || !recorder.recording) return;
    const implied = Date.now() - recorder.lastEmitAt < IMPLIED_MS && (recorder.lastEmitType === 'click' || recorder.lastEmitType === 'key');
    if (implied) return;
    const form = eventElement(e);
    recorder.emit(recorder.capture(form), { type: 'submit', coordinates: null });
  });
}
