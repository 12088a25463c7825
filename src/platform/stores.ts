// The browser's two key-value stores, reached only through here: `localStore`
// is on disk (config, the recording flag, prefs); `sessionStore` is memory
// only, never disk, and outlives a worker stop but not the browser. A browser
// that lacked one would supply it in this file.
import browser from 'webextension-polyfill';

export type StorageArea = browser.Storage.StorageArea;

export const localStore = (): StorageArea => browser.storage.local;
export const sessionStore = (): StorageArea => browser.storage.session;

/** Calls `cb` when any of `keys` changes in storage.local, from any context; returns the unsubscribe. */
export function onLocalChange(keys: readonly string[], cb: () => void): () => void {
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string): void => {
    if (area === 'local' && keys.some((k) => k in changes)) cb();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
