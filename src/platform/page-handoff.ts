// What a page hands over as it goes away, written by the content script
// straight to storage.local (the browser process keeps it, whether or not the
// service worker is running): its last state, the "before" of the navigation
// step the next page reports, and drafts it sent but saw no acknowledgement
// for. A worker stopped at that moment still finds both when it starts again.
// Everything here was scrubbed in the page; it is kept only until the worker
// has taken it, and cleared when a recording starts or stops.
import browser from 'webextension-polyfill';
import type { PageState, StepDraft } from '../core/step-draft';

const LEAVING = 'handoff:leaving:';
const UNSENT = 'handoff:unsent:';

export interface UnsentDraft { draft: StepDraft; tabId: number; frameId: number; savedAt: number }

export async function saveLeaving(tabId: number, state: PageState): Promise<void> {
  await browser.storage.local.set({ [`${LEAVING}${tabId}`]: state });
}

export async function readLeaving(tabId: number): Promise<PageState | null> {
  const key = `${LEAVING}${tabId}`;
  return ((await browser.storage.local.get(key))[key] as PageState | undefined) ?? null;
}

export async function clearLeaving(tabId: number): Promise<void> {
  await browser.storage.local.remove(`${LEAVING}${tabId}`);
}

export async function saveUnsent(items: UnsentDraft[]): Promise<void> {
  if (items.length) await browser.storage.local.set(Object.fromEntries(items.map((u) => [`${UNSENT}${u.draft.draftId}`, u])));
}

export async function listUnsent(): Promise<UnsentDraft[]> {
  const all = await browser.storage.local.get(null);
  return Object.entries(all).filter(([k]) => k.startsWith(UNSENT)).map(([, v]) => v as UnsentDraft);
}

export async function removeUnsent(draftId: string): Promise<void> {
  await browser.storage.local.remove(`${UNSENT}${draftId}`);
}

/** Forget pages' last states (navigation memory is kept only while recording); with `unsent`, hand-over drafts too. */
export async function clearHandoff(unsent: boolean): Promise<void> {
  const keys = Object.keys(await browser.storage.local.get(null)).filter((k) => k.startsWith(LEAVING) || (unsent && k.startsWith(UNSENT)));
  if (keys.length) await browser.storage.local.remove(keys);
}
