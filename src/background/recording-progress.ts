// A recording's figures, shown as they move: the toolbar badge and open popups. Apart from
// recording-session so the step processor can report progress without importing the session
// (which imports step intake, which imports the processor: a cycle).
import type { RecordingState } from '../core/messages';
import { broadcast } from '../platform/messaging';
import { showRecordingBadge } from './badge';

/** After a step was accepted or stored: redraw the badge (also clearing a FULL badge) and tell open popups. */
export async function onStepStored(state: RecordingState, stepCount: number, recordedCount: number, recording = true): Promise<void> {
  await showRecordingBadge(recording ? stepCount : null);
  if (recording) broadcast({ kind: 'recording/changed', state, stepCount, recordedCount });
}
