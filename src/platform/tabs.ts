// Tabs as the worker uses them: look one up, find the one in front, capture
// what it shows, ask one of its frames, open one of the extension's pages.
import browser from 'webextension-polyfill';
import type { MessageKind, MessageOf, Reply } from '../core/messages';

export type Tab = browser.Tabs.Tab;

/** The tab, or null once it is closed. */
export const tabById = (tabId: number): Promise<Tab | null> => browser.tabs.get(tabId).catch(() => null);

/** The tab in front of the window the person last used. */
export async function activeTab(): Promise<Tab | undefined> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab;
}

/** The tab in front of each window. */
export const activeTabsOfWindows = (): Promise<Tab[]> => browser.tabs.query({ active: true });

/** What the window's active tab shows, as a PNG data URL (the browser's capture quota applies: see host). */
export const captureVisiblePng = (windowId: number): Promise<string> => browser.tabs.captureVisibleTab(windowId, { format: 'png' });

/** Every open tab. */
export const allTabs = (): Promise<Tab[]> => browser.tabs.query({});

/** The browser's ids of a tab's frames (none for a tab gone or discarded). */
export async function frameIdsOf(tabId: number): Promise<number[]> {
  const frames = await browser.webNavigation.getAllFrames({ tabId }).catch(() => null);
  return (frames ?? []).map((f) => f.frameId);
}

/** A question to the content script of one frame of a tab. */
export function askFrame<K extends MessageKind>(tabId: number, frameId: number, message: MessageOf<K>): Promise<Reply<K>> {
  return browser.tabs.sendMessage(tabId, message, { frameId }) as Promise<Reply<K>>;
}

/** Opens one of the extension's pages (`review/review.html`) in a new tab. */
export async function openExtensionTab(path: string): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(path) });
}
