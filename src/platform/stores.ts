// The browser's two key-value stores, reached only through here: `localStore`
// is on disk (config, the recording flag, prefs); `sessionStore` is memory
// only, never disk, and outlives a worker stop but not the browser. A browser
// that lacked one would supply it in this file.
import browser from 'webextension-polyfill';

export type StorageArea = browser.Storage.StorageArea;

export const localStore = (): StorageArea => browser.storage.local;
export const sessionStore = (): StorageArea => browser.storage.session;
