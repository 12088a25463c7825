// Whether the last write failed for lack of space. Kept in storage.local
// (small, so it still fits) so the popup can say so after a worker restart,
// and shown on the toolbar icon.
import browser from 'webextension-polyfill';
import { STORAGE_FULL_MESSAGE } from '../core/storage-error';

const KEY = 'storageProblem';

export async function reportStorageFull(): Promise<void> {
  await browser.storage.local.set({ [KEY]: STORAGE_FULL_MESSAGE }).catch(() => undefined);
  await browser.action.setBadgeBackgroundColor({ color: '#6d4c41' });
  await browser.action.setBadgeText({ text: 'FULL' });
  await browser.action.setTitle({ title: `ALIEN Dataflow: ${STORAGE_FULL_MESSAGE}` });
}

/** Cleared by the next successful write (the badge is redrawn by the caller). */
export async function clearStorageProblem(): Promise<boolean> {
  const got = await browser.storage.local.get(KEY);
  if (!got[KEY]) return false;
  await browser.storage.local.remove(KEY);
  return true;
}

export async function storageProblem(): Promise<string | null> {
  const got = await browser.storage.local.get(KEY);
  return typeof got[KEY] === 'string' ? got[KEY] : null;
}
