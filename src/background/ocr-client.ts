// OCR of a screenshot in the offscreen document (tesseract.js needs workers
// and a DOM); returns the image regions whose text a rule matched.
import browser from 'webextension-polyfill';
import type { Box } from '../core/schema';
import type { Reply } from '../core/messages';
import type { ScrubConfig } from '../core/scrub/config';
import { ensureOffscreen } from './offscreen-document';

async function toDataUrl(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${blob.type || 'image/png'};base64,${btoa(binary)}`;
}

export async function ocrSecrets(image: Blob, config: ScrubConfig): Promise<{ regions: Box[]; redactions: Record<string, number> }> {
  await ensureOffscreen();
  const reply = (await browser.runtime.sendMessage({
    kind: 'offscreen/ocr', target: 'offscreen', image: await toDataUrl(image), config,
  })) as Reply<'offscreen/ocr'>;
  if (!reply.ok) throw new Error(reply.error);
  return { regions: reply.regions, redactions: reply.redactions };
}
