// Who sent a runtime message, told from what the browser says of the sender
// (never from the message itself): the extension's own pages, its offscreen
// document and its worker all have URLs on the extension's origin; a content
// script has a tab and the page's URL. Anything else is not ours.
import browser from 'webextension-polyfill';
import { SENT_BY, type MessageKind, type SenderKind } from '../core/messages';
import { host, IMAGE_WORK_PAGE } from './host';

const OFFSCREEN_PATH = `/${IMAGE_WORK_PAGE}`;

export function senderKind(sender: browser.Runtime.MessageSender): SenderKind | null {
  if (sender.id !== browser.runtime.id) return null;
  const origin = new URL(browser.runtime.getURL('')).origin;
  let url: URL | null;
  try {
    url = sender.url ? new URL(sender.url) : null;
  } catch {
    return null;
  }
  if (url && url.origin === origin) {
    if (url.pathname === OFFSCREEN_PATH) return 'offscreen';
    // The worker's script, or the page the browser runs it in (see platform/host).
    if (host.isBackgroundUrl(url) && !sender.tab) return 'worker';
    return 'extension-page';
  }
  // Content scripts run in web pages: they have a tab, and their URL is the page's.
  if (sender.tab && sender.tab.id !== undefined) return 'content-script';
  return null;
}

/** May `sender` send a message of `kind`? */
export function mayReceive(kind: MessageKind, sender: browser.Runtime.MessageSender): boolean {
  const from = senderKind(sender);
  return from !== null && SENT_BY[kind].includes(from);
}

/** Is `url` a blob: URL this extension made (the only thing a download may be)? */
export function isOwnBlobUrl(url: string): boolean {
  return url.startsWith(`blob:${new URL(browser.runtime.getURL('')).origin}/`);
}
