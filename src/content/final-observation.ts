// The page as it is now, for the task's final state (core/final-state): the
// same snapshot and scrubbing as a step's "before" (Recorder.capture), with
// no action. Asked by the worker at Stop, in the top frame only (the worker
// adds the other frames' regions, as for a step).
import type { Recorder } from './recorder';
import type { PageObservation } from '../core/step-draft';

export function finalObservation(rec: Recorder, win: Window): PageObservation {
  // capture() also flushes an open typing session first: its step is sent before this observation is answered.
  const pre = rec.capture(null);
  return {
    domTree: '',
    domParts: pre.snapshot.parts,
    axParts: pre.snapshot.axParts,
    title: pre.title,
    url: pre.url,
    viewport: { width: win.innerWidth, height: win.innerHeight },
    devicePixelRatio: win.devicePixelRatio || 1,
    lastChangeAt: pre.lastChangeAt,
    ...(pre.topScroll ? { topScroll: pre.topScroll } : {}),
    redactedRegions: pre.snapshot.redactedRegions,
    mediaRegions: pre.snapshot.mediaRegions,
    redactions: pre.snapshot.redactions,
  };
}
