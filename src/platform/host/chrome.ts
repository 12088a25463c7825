// Chrome: a service worker (no DOM), so image work and export streaming run in
// an offscreen document; captureVisibleTab is limited to about two calls a second.
import browser from 'webextension-polyfill';
import { IMAGE_WORK_PAGE, type BrowserHost } from './host';
import { downloadOf, downloadZip } from './shared';

let creating: Promise<void> | null = null;

async function offscreenExists(): Promise<boolean> {
  const contexts = await chrome.runtime.getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType], documentUrls: [browser.runtime.getURL(IMAGE_WORK_PAGE)],
  });
  return contexts.length > 0;
}

export const chromeHost: BrowserHost = {
  name: 'chromium',
  async openImageWorkPage() {
    if (await offscreenExists()) return;
    // Several callers may ask at once: one creation, shared.
    creating ??= chrome.offscreen
      .createDocument({
        url: IMAGE_WORK_PAGE,
        reasons: ['BLOBS' as chrome.offscreen.Reason, 'WORKERS' as chrome.offscreen.Reason],
        justification: 'Build export zips as blobs for download and run OCR workers over screenshots.',
      })
      .finally(() => { creating = null; });
    await creating;
  },
  // MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND is 2.
  captureIntervalMs: 500,
  isCaptureQuotaError: (error) => String(error).includes('MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND'),
  // The worker's script; every page is an .html document.
  isBackgroundUrl: (url) => url.pathname.endsWith('.js'),
  download: downloadZip,
  downloadOf,
};
