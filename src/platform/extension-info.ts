// What the extension knows of itself: where its files are, and its version.
import browser from 'webextension-polyfill';

/** The full URL of one of the extension's files (`ocr/worker.min.js`). */
export const extensionUrl = (path: string): string => browser.runtime.getURL(path);

export const extensionVersion = (): string => browser.runtime.getManifest().version;

/** Whether this is Firefox (its extension pages are moz-extension:), readable in every context, content scripts too. */
export const inFirefox = (): boolean => browser.runtime.getURL('').startsWith('moz-extension:');
