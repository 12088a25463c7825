// Whether the last write failed for lack of space. Kept in storage.local
// (small, so it still fits) so the popup can say so after a worker restart,
// and shown on the toolbar icon.
import { localStore } from '../platform/stores';
import { showBadge } from '../platform/toolbar';
import { STORAGE_FULL_MESSAGE } from '../core/storage-error';

const KEY = 'storageProblem';

export async function reportStorageFull(): Promise<void> {
  await localStore().set({ [KEY]: STORAGE_FULL_MESSAGE }).catch(() => undefined);
  await showBadge({ text: 'FULL', color: '#6d4c41', title: `ALIEN Dataflow: ${STORAGE_FULL_MESSAGE}` });
}

/** Cleared by the next successful write (the badge is redrawn by the caller). */
export async function clearStorageProblem(): Promise<boolean> {
  const got = await localStore().get(KEY);
  if (!got[KEY]) return false;
  await localStore().remove(KEY);
  return true;
}

export async function storageProblem(): Promise<string | null> {
  const got = await localStore().get(KEY);
  return typeof got[KEY] === 'string' ? got[KEY] : null;
}
