// The browser's events the worker acts on, in the terms it uses. Listeners
// are added synchronously at the worker's top level: a worker woken by an
// event must find its listener at once.
import browser from 'webextension-polyfill';

/** How a top-level document was reached (webNavigation.onCommitted): decides navigation steps. */
export interface TopFrameCommit { tabId: number; transitionType: string; qualifiers: string[]; url: string; at: number }

export const onTabClosed = (listener: (tabId: number) => void): void => browser.tabs.onRemoved.addListener((tabId) => listener(tabId));

export const onTabCreated = (listener: (tabId: number) => void): void => browser.tabs.onCreated.addListener((tab) => {
  if (tab.id !== undefined) listener(tab.id);
});

export const onTabActivated = (listener: (tabId: number, windowId: number) => void): void =>
  browser.tabs.onActivated.addListener(({ tabId, windowId }) => listener(tabId, windowId));

/** A tab moved out of a window (dragged out into a window of its own, or into another): the window it left. */
export const onTabDetached = (listener: (tabId: number, windowId: number) => void): void =>
  browser.tabs.onDetached.addListener((tabId, { oldWindowId }) => listener(tabId, oldWindowId));

/** A tab moved into a window: the window it is now in. */
export const onTabAttached = (listener: (tabId: number, windowId: number) => void): void =>
  browser.tabs.onAttached.addListener((tabId, { newWindowId }) => listener(tabId, newWindowId));

/** Commits of top-level documents only; frames' navigations are the content script's business. */
export const onTopFrameCommitted = (listener: (commit: TopFrameCommit) => void): void => browser.webNavigation.onCommitted.addListener((d) => {
  if (d.frameId === 0) listener({ tabId: d.tabId, transitionType: d.transitionType, qualifiers: d.transitionQualifiers, url: d.url, at: d.timeStamp });
});

/** The browser started with this extension in it, or the extension was installed or updated. */
export function onExtensionStarted(listener: () => void): void {
  browser.runtime.onStartup.addListener(listener);
  browser.runtime.onInstalled.addListener(listener);
}
