// What differs between the browsers this extension runs in, and nothing else.
// Everything outside src/platform/host/ is shared unchanged; a third browser
// would add one file here (and its manifest in scripts/).

import type { BrowserName } from '../../core/browser-name';

/** The browser family a host serves. */
export type HostName = BrowserName;

export interface BrowserHost {
  readonly name: HostName;
  /**
   * Opens (once) the page that does image work (blur, OCR workers) and streams exports: Chrome's offscreen
   * document, or in Firefox an iframe of the same page inside the background page.
   */
  openImageWorkPage(): Promise<void>;
  /** Shortest gap between two captureVisibleTab calls that the browser's quota allows (see docs/browsers.md). */
  readonly captureIntervalMs: number;
  /** Is `error` the browser refusing a capture for its quota (worth one more try after a pause)? */
  isCaptureQuotaError(error: unknown): boolean;
  /** Is this extension URL the background context (the worker's script, or Firefox's generated page)? */
  isBackgroundUrl(url: URL): boolean;
  /** Hands a finished zip (a blob: URL this extension made) to the browser's downloads. */
  download(url: string, filename: string, saveAs: boolean): Promise<void>;
  /** What became of a zip handed to `download` by this URL (waiting for one under way), asked by a worker that restarted meanwhile. */
  downloadOf(url: string): Promise<DownloadOutcome>;
}

/** A zip handed to the downloads: being or been saved, refused at the save dialog, or not saved at all. */
export type DownloadOutcome = 'saved' | 'refused' | 'none';

/** The path of the image-work page inside the extension, the same in every browser. */
export const IMAGE_WORK_PAGE = 'offscreen/offscreen.html';
