// What a page hands over as it goes away, written by the content script
// straight to storage.local (the browser process keeps it, whether or not the
// service worker is running): its last state, the "before" of the navigation
// step the next page reports (with its own arrival, if that report never got
// through), and drafts it sent but saw no acknowledgement for. A worker stopped at that moment still finds both when it starts again.
// Everything here was scrubbed in the page; it is kept only until the worker
// has taken it, and cleared when a recording starts or stops.
import browser from 'webextension-polyfill';
import type { StepDraft } from '../core/step-draft';
import type { PendingStep } from '../core/pending-step';
import type { LeftPage, PageExit } from '../core/navigation-chain';
import { keysStartingWith as keysIn, valuesOf as valuesIn } from './storage-keys';

const keysStartingWith = (...prefixes: string[]): Promise<string[]> => keysIn(browser.storage.local, ...prefixes);
const valuesOf = <T>(keys: string[]): Promise<T[]> => valuesIn<T>(browser.storage.local, keys);

const LEAVING = 'handoff:leaving:';
const UNSENT = 'handoff:unsent:';
const EXIT = 'handoff:exit:';

/** A draft the page sent and saw no answer for, with where it came from as intake would file it (core/pending-step). */
export interface UnsentDraft extends Pick<PendingStep, 'tabId' | 'frameId'> { draft: StepDraft; savedAt: number }

/** Each page's hand-over under its own key: one not yet taken is never overwritten by the next page's. */
const leavingKey = (tabId: number, at: number): string => `${LEAVING}${tabId}:${at}`;

export async function saveLeaving(tabId: number, left: LeftPage): Promise<void> {
  await browser.storage.local.set({ [leavingKey(tabId, left.state.at)]: left });
}

/** The tab's hand-overs not yet taken, oldest first. */
export async function readLeaving(tabId: number): Promise<LeftPage[]> {
  const pages = await valuesOf<LeftPage>(await keysStartingWith(`${LEAVING}${tabId}:`));
  return pages.sort((a, b) => a.state.at - b.state.at);
}

/** Whether the hand-over of the page `tabId` left at `at` is filed (one key read, not every hand-over of the tab). */
export async function hasLeaving(tabId: number, at: number): Promise<boolean> {
  const key = leavingKey(tabId, at);
  return key in await browser.storage.local.get(key);
}

export async function clearLeaving(tabId: number, at: number): Promise<void> {
  await browser.storage.local.remove(leavingKey(tabId, at));
}

/**
 * One note per page, under a key of its own: each navigate event of the page rewrites it (its newest way out
 * stands, and a page firing them by the thousand writes one key), and a page moving on quickly does not write
 * over the note of the page before, which a queued decision still needs. `page`: when the page's document
 * began (its performance.timeOrigin).
 */
const exitKey = (tabId: number, page: number): string => `${EXIT}${tabId}:${page}`;

/** A noted exit, the page it was noted on, and the arrival (its time) whose navigation step it was read for, once one was. */
export type NotedExit = PageExit & { page: number; takenBy?: number };

/**
 * How the tab's page is being left (its navigate event), noted the moment it fires: the pagehide hand-over that
 * also carries it may never land.
 */
export async function saveExit(tabId: number, exit: PageExit, page = exit.at): Promise<void> {
  await browser.storage.local.set({ [exitKey(tabId, page)]: { ...exit, page } satisfies NotedExit });
}

/** The tab's noted exits, oldest first. */
export async function readExits(tabId: number): Promise<NotedExit[]> {
  const notes = await valuesOf<NotedExit>(await keysStartingWith(`${EXIT}${tabId}:`));
  return notes.sort((a, b) => a.at - b.at);
}

/** Marks the exit as read for the arrival at `arrivalAt`: a later arrival (the browser's own navigation, which notes none) does not read it again. */
export async function takeExit(tabId: number, exit: NotedExit, arrivalAt: number): Promise<void> {
  await browser.storage.local.set({ [exitKey(tabId, exit.page)]: { ...exit, takenBy: arrivalAt } });
}

/** Forgets the tab's exits noted at or before `at` (they belong to arrivals already decided); all of them by default (the tab closed). */
export async function clearExitsUpTo(tabId: number, at = Infinity): Promise<void> {
  const old = (await readExits(tabId)).filter((e) => e.at <= at).map((e) => exitKey(tabId, e.page));
  if (old.length) await browser.storage.local.remove(old);
}

export async function saveUnsent(items: UnsentDraft[]): Promise<void> {
  if (items.length) await browser.storage.local.set(Object.fromEntries(items.map((u) => [`${UNSENT}${u.draft.draftId}`, u])));
}

export async function listUnsent(): Promise<UnsentDraft[]> {
  return valuesOf<UnsentDraft>(await keysStartingWith(UNSENT));
}

export async function removeUnsent(draftId: string): Promise<void> {
  await browser.storage.local.remove(`${UNSENT}${draftId}`);
}

/** Forget pages' last states (navigation memory is kept only while recording); with `unsent`, hand-over drafts too. */
export async function clearHandoff(unsent: boolean): Promise<void> {
  const keys = await keysStartingWith(LEAVING, EXIT, ...(unsent ? [UNSENT] : []));
  if (keys.length) await browser.storage.local.remove(keys);
}
