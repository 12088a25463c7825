// The page as it is now, for the task's final state (core/final-state): the
// same snapshot and scrubbing as a step's "before" (Recorder.capture), with
// no action. Asked by the worker at Stop, in the top frame only (the worker
// adds the other frames' regions, as for a step).
import type { Recorder } from './recorder';
import type { PageObservation } from '../core/step-draft';
import { pageState } from './observers/navigation-observer';

export function finalObservation(rec: Recorder, win: Window): PageObservation {
  // The capture also ends an open typing session, the task's last step; emit() would build and send its draft in
  // a task after this event, after the reply has gone: send it now, so it reaches the worker before this answer.
  const { at: _at, ...observation } = pageState(rec, win);
  rec.drainEmits();
  return observation;
}
