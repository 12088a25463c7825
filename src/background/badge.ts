// The toolbar icon shows a red REC badge while recording.
import browser from 'webextension-polyfill';

export async function showRecordingBadge(stepCount: number | null): Promise<void> {
  if (stepCount === null) {
    await browser.action.setBadgeText({ text: '' });
    await browser.action.setTitle({ title: 'ALIEN Dataflow' });
    return;
  }
  await browser.action.setBadgeBackgroundColor({ color: '#c62828' });
  await browser.action.setBadgeText({ text: 'REC' });
  await browser.action.setTitle({ title: `ALIEN Dataflow: recording (${stepCount} steps)` });
}
