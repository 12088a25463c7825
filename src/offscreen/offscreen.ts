// The offscreen document: long-running work that needs a DOM (blob URLs,
// workers for OCR) and must outlive the popup. It obeys only the service
// worker: messages from any other context (a tab, an extension page) are ignored.
import { isMessage, type Message } from '../core/messages';
import { cancelExport, exportsKnown, runExport } from './export-runner';
import { scrubShot } from './frame-scrub';
import { warmDetector } from './text-detector';
import { warmOcr } from './ocr';
import { mayReceive } from '../platform/sender';
import { onMessage } from '../platform/messaging';

onMessage((raw, sender) => {
  if (!isMessage(raw) || !('target' in raw) || raw.target !== 'offscreen') return undefined;
  if (!mayReceive(raw.kind, sender)) {
    console.warn('[alien-dataflow] offscreen: ignoring a message not sent by the service worker', raw.kind);
    return undefined;
  }
  const message = raw as Extract<Message, { target: 'offscreen' }>;
  switch (message.kind) {
    case 'offscreen/export':
      // Reply at once; progress and the result come as broadcasts.
      void runExport(message.exportId, message.options, message.configHash, message.extensionVersion, message.demonstratorHash);
      return Promise.resolve({ ok: true });
    case 'offscreen/export-cancel':
      cancelExport(message.exportId);
      return Promise.resolve({ ok: true });
    case 'offscreen/exports-known':
      return Promise.resolve({ ok: true, ...exportsKnown() });
    case 'offscreen/scrub-frame':
      return scrubShot(message.job)
        .then((result) => ({ ok: true, result }))
        .catch((error: unknown) => ({ ok: false, error: String(error) }));
    case 'offscreen/warm':
      // A failure here is only a slower first step: the frame's own work loads them again, and says so.
      void Promise.all([warmOcr(), message.detect ? warmDetector() : null])
        .catch((error: unknown) => console.warn('[alien-dataflow] warming image work failed', error));
      return Promise.resolve({ ok: true });
  }
});
