// Hands a screenshot's image work to the offscreen document (see
// core/frame-job): the capture's data URL goes as it is, in one message.
import browser from 'webextension-polyfill';
import type { FrameJob, FrameJobResult } from '../core/frame-job';
import type { Reply } from '../core/messages';
import { host } from '../platform/host';

export async function scrubFrameOffscreen(job: FrameJob): Promise<FrameJobResult> {
  await host.openImageWorkPage();
  const reply = (await browser.runtime.sendMessage({ kind: 'offscreen/scrub-frame', target: 'offscreen', job })) as Reply<'offscreen/scrub-frame'> | undefined;
  if (!reply) throw new Error('the offscreen document did not answer');
  if (!reply.ok) throw new Error(reply.error);
  return reply.result;
}
