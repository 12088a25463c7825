// The offscreen document: long-running work that needs a DOM (blob URLs,
// workers for OCR) and must outlive the popup.
import browser from 'webextension-polyfill';
import { isMessage, type Message } from '../core/messages';
import { cancelExport, runExport } from './export-runner';
import { findSecretRegions } from './ocr';

browser.runtime.onMessage.addListener((raw: unknown): Promise<unknown> | undefined => {
  if (!isMessage(raw) || !('target' in raw) || raw.target !== 'offscreen') return undefined;
  const message = raw as Extract<Message, { target: 'offscreen' }>;
  switch (message.kind) {
    case 'offscreen/export':
      // Reply at once; progress and the result come as broadcasts.
      void runExport(message.exportId, message.options, message.configHash, message.extensionVersion);
      return Promise.resolve({ ok: true });
    case 'offscreen/export-cancel':
      cancelExport(message.exportId);
      return Promise.resolve({ ok: true });
    case 'offscreen/ocr':
      return findSecretRegions(message.image, message.config)
        .then((r) => ({ ok: true, ...r }))
        .catch((error: unknown) => ({ ok: false, error: String(error) }));
  }
});
