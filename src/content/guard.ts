// Every recorder callback runs through this guard: the recorder must never
// throw into the page, whatever the page does.
import { addListener, removeListener } from './dom-safe';
import type { StartGate } from './start-gate';

export function guard<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  return (...args: A) => {
    try {
      fn(...args);
    } catch (error) {
      console.debug('[alien-dataflow] recorder error', error);
    }
  };
}

/** The gate the listeners being attached go through (see throughGate). */
let attachingFor: StartGate | null = null;

/** Runs `attach`; the listeners it adds with `listen` wait at `gate` while it holds (the observers': see start-gate). */
export function throughGate<T>(gate: StartGate, attach: () => T): T {
  const before = attachingFor;
  attachingFor = gate;
  try {
    return attach();
  } finally {
    attachingFor = before;
  }
}

/** addEventListener that returns its own teardown. */
export function listen(
  target: EventTarget, type: string, handler: (event: Event) => void, options: AddEventListenerOptions = { capture: true, passive: true },
): () => void {
  const guarded = guard(handler);
  const gate = attachingFor;
  const listener = gate ? guard((event: Event) => { if (!gate.hold(event, guarded, () => guarded(event))) guarded(event); }) : guarded;
  // Through EventTarget's prototype: <img name="addEventListener"> replaces a document's own.
  addListener(target, type, listener, options);
  return () => removeListener(target, type, listener, options);
}
