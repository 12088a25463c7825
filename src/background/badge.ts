// The toolbar icon shows a red REC badge while recording.
import { showBadge } from '../platform/toolbar';

export async function showRecordingBadge(stepCount: number | null): Promise<void> {
  await showBadge(stepCount === null
    ? { text: '', title: 'ALIEN Dataflow' }
    : { text: 'REC', color: '#c62828', title: `ALIEN Dataflow: recording (${stepCount} steps)` });
}
