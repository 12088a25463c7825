// The host this code runs in, chosen once from the extension's own URL scheme
// (moz-extension: in Firefox), which every context can read, unlike feature
// checks such as chrome.offscreen that exist only in some contexts.
import browser from 'webextension-polyfill';
import type { BrowserHost, HostName } from './host';
import { chromeHost } from './chrome';
import { firefoxHost } from './firefox';

export type { BrowserHost, HostName } from './host';
export { IMAGE_WORK_PAGE } from './host';

export function hostNameOf(extensionUrl: string): HostName {
  return extensionUrl.startsWith('moz-extension:') ? 'firefox' : 'chromium';
}

export const host: BrowserHost = hostNameOf(browser.runtime.getURL('')) === 'firefox' ? firefoxHost : chromeHost;
