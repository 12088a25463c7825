// Every recorder callback runs through this guard: the recorder must never
// throw into the page, whatever the page does.
import { addListener, removeListener } from './dom-safe';

export function guard<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  return (...args: A) => {
    try {
      fn(...args);
    } catch (error) {
      console.debug('[alien-dataflow] recorder error', error);
    }
  };
}

/** addEventListener that returns its own teardown. */
export function listen(
  target: EventTarget, type: string, handler: (event: Event) => void, options: AddEventListenerOptions = { capture: true, passive: true },
): () => void {
  const guarded = guard(handler);
  // Through EventTarget's prototype: <img name="addEventListener"> replaces a document's own.
  addListener(target, type, guarded, options);
  return () => removeListener(target, type, guarded, options);
}
