// The page as it is now, for the task's final state (core/final-state): the
// same snapshot and scrubbing as a step's "before" (Recorder.capture), with
// no action. Asked by the worker at Stop, in the top frame only (the worker
// adds the other frames' regions, as for a step).
import type { Recorder } from './recorder';
import type { PageObservation } from '../core/step-draft';
import { pageState } from './observers/navigation-observer';

export function finalObservation(rec: Recorder, win: Window): PageObservation {
  // capture() also flushes an open typing session first: its step is sent before this observation is answered.
  const { at: _at, ...observation } = pageState(rec, win);
  return observation;
}
