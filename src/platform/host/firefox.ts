// Firefox: the worker's script runs in an event page (background.scripts) that
// has a document, so the image-work page is an iframe inside it; there is no
// offscreen API. Firefox documents no captureVisibleTab quota (docs/browsers.md has the
// measurement); the same spacing as Chrome's is kept so one recording paces
// the same in both.
import browser from 'webextension-polyfill';
import { IMAGE_WORK_PAGE, type BrowserHost } from './host';
import { downloadOf, downloadZip } from './shared';

/** The page Firefox generates for background.scripts: it plays the worker's part. */
const BACKGROUND_PAGE = '/_generated_background_page.html';
let framed: Promise<void> | null = null;

export const firefoxHost: BrowserHost = {
  name: 'firefox',
  openImageWorkPage() {
    framed ??= new Promise<void>((resolve, reject) => {
      const frame = document.createElement('iframe');
      frame.addEventListener('load', () => resolve(), { once: true });
      frame.addEventListener('error', () => reject(new Error('the image-work page did not load')), { once: true });
      frame.src = browser.runtime.getURL(IMAGE_WORK_PAGE);
      document.body.append(frame);
    });
    return framed;
  },
  captureIntervalMs: 500,
  isCaptureQuotaError: () => false,
  isBackgroundUrl: (url) => url.pathname === BACKGROUND_PAGE || url.pathname.endsWith('.js'),
  download: downloadZip,
  downloadOf,
};
