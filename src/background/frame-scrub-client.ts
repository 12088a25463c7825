// Hands a screenshot's image work to the offscreen document (see
// core/frame-job): the capture's data URL goes as it is, in one message.
import type { ShotJob, ShotJobResult } from '../core/frame-job';
import type { Reply } from '../core/messages';
import { host } from '../platform/host';
import { send } from '../platform/messaging';
import { activeConfig } from './scrubber-state';

export async function scrubShotOffscreen(job: ShotJob): Promise<ShotJobResult> {
  await host.openImageWorkPage();
  const reply: Reply<'offscreen/scrub-frame'> | undefined = await send<'offscreen/scrub-frame'>({ kind: 'offscreen/scrub-frame', target: 'offscreen', job });
  if (!reply) throw new Error('the offscreen document did not answer');
  if (!reply.ok) throw new Error(reply.error);
  return reply.result;
}

/** At Start: the image-work page loads OCR and the text detector before the first step needs them. */
export async function warmImageWork(): Promise<void> {
  const { config } = await activeConfig();
  if (!config.ocr.enabled) return;
  await host.openImageWorkPage();
  await send<'offscreen/warm'>({ kind: 'offscreen/warm', target: 'offscreen', detect: config.ocr.scope === 'detect' });
}
