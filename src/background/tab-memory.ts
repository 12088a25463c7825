// Per-tab facts the worker needs across restarts, in storage.session: the last
// step's time and type, the last observation,
// and which tab is active. Cleared when a recording starts.
import browser from 'webextension-polyfill';
import type { PageState } from '../core/page-state';
import { VAULT_KEY } from './frame-vault';

const key = (kind: string, tabId: number): string => `${kind}:${tabId}`;

async function get<T>(k: string): Promise<T | null> {
  const got = await browser.storage.session.get(k);
  return (got[k] as T | undefined) ?? null;
}

export const tabMemory = {
  lastStep: (tabId: number) => get<{ at: number; type: string }>(key('lastStep', tabId)),
  setLastStep: (tabId: number, at: number, type: string) => browser.storage.session.set({ [key('lastStep', tabId)]: { at, type } }),
  /** The last observation recorded in a tab: the "before" of a tab switch away from it. */
  lastObservation: (tabId: number) => get<PageState>(key('lastObs', tabId)),
  setLastObservation: (tabId: number, state: PageState) => browser.storage.session.set({ [key('lastObs', tabId)]: state }),
  /** How the tab's last top-level document was reached (webNavigation.onCommitted). */
  commit: (tabId: number) => get<{ transitionType: string; qualifiers: string[]; url: string; at: number }>(key('commit', tabId)),
  setCommit: (tabId: number, c: { transitionType: string; qualifiers: string[]; url: string; at: number }) =>
    browser.storage.session.set({ [key('commit', tabId)]: c }),
  activeTab: () => get<number>('activeTab'),
  setActiveTab: (tabId: number) => browser.storage.session.set({ activeTab: tabId }),
  markNewTab: (tabId: number) => browser.storage.session.set({ [key('newTab', tabId)]: true }),
  takeNewTab: async (tabId: number) => {
    const isNew = await get<boolean>(key('newTab', tabId));
    if (isNew) await browser.storage.session.remove(key('newTab', tabId));
    return !!isNew;
  },
  /** Forget every tab fact; the frame vault's key stays (pending frames of an earlier task still need it). */
  clearAll: async () => {
    const keys = Object.keys(await browser.storage.session.get(null)).filter((k) => k !== VAULT_KEY);
    if (keys.length) await browser.storage.session.remove(keys);
  },
};
