// Per-tab facts the worker needs across restarts, in storage.session: the last
// step's time and type, the last observation,
// and which tab is active. Cleared when a recording starts.
import { sessionStore } from '../platform/stores';
import type { PageState } from '../core/page-state';
import { VAULT_KEY } from './frame-vault';
import { LEDGER_PREFIX } from './export-ledger';
import { keyedQueue } from '../core/keyed-queue';

const key = (kind: string, tabId: number): string => `${kind}:${tabId}`;

/**
 * Facts storage.session refused even with the kept pages forgotten (full of the tabs' text maps, up to 1 MB a
 * tab): held in the worker's memory, so a tab switch, a frame's number or a navigation's facts are still known
 * until the worker stops. A later stored write of a key drops its copy here.
 */
const heldInMemory = new Map<string, unknown>();

async function get<T>(k: string): Promise<T | null> {
  const got = await sessionStore().get(k);
  return (got[k] as T | undefined) ?? (heldInMemory.get(k) as T | undefined) ?? null;
}

/** A tab's frame numbering runs one call at a time, so two frames saying hello together never get the same number. */
const numbering = keyedQueue<number>();
const pageNotes = keyedQueue<number>();
const stepNotes = keyedQueue<number>();
const commitNotes = keyedQueue<number>();
type NotedCommit = { transitionType: string; qualifiers: string[]; url: string; at: number };
/** Commits kept per tab: a report decided late takes its page's own, the first after its navigation began. */
const RECENT_COMMITS = 6;
type NotedStep = { at: number; type: string };
/** Steps kept per tab: a navigation decided late needs the page left's last one, under the steps made since. */
const RECENT_STEPS = 16;

/** A top-level page of a tab: its raw address, and since when it was shown. */
export interface ShownPage { url: string; since: number }

export const tabMemory = {
  /**
   * A small number for one of the tab's frames (0 = the top frame), stable while recording. Element ids are
   * frame number x 1,000,000 + n: Chrome's frame ids are small, but Firefox's (e.g. 15032385538) would make
   * ids past JavaScript's exact integers, so the browser's frame ids are never used for them.
   */
  frameNumber: (tabId: number, browserFrameId: number): Promise<number> => {
    if (browserFrameId === 0) return Promise.resolve(0);
    return numbering(tabId, async () => {
      const k = key('frames', tabId);
      const numbers = (await get<Record<string, number>>(k)) ?? {};
      const known = numbers[String(browserFrameId)];
      if (known !== undefined) return known;
      const next = Object.keys(numbers).length + 1;
      await put({ [k]: { ...numbers, [String(browserFrameId)]: next } });
      return next;
    });
  },
  /** The tab's newest step by its time (`before`: the newest made at or before it). */
  lastStep: async (tabId: number, before = Infinity): Promise<NotedStep | null> => {
    const newest = await get<NotedStep>(key('lastStep', tabId));
    if (!newest || newest.at <= before) return newest;
    return ((await get<NotedStep[]>(key('recentSteps', tabId))) ?? []).findLast((s) => s.at <= before) ?? null;
  },
  /** Noted in time order, whatever order they come in: a navigation decided late is stamped before steps sent since. */
  setLastStep: (tabId: number, at: number, type: string) => stepNotes(tabId, async () => {
    const steps = (await get<NotedStep[]>(key('recentSteps', tabId))) ?? [];
    const kept = [...steps, { at, type }].sort((a, b) => a.at - b.at).slice(-RECENT_STEPS);
    await put({ [key('recentSteps', tabId)]: kept, [key('lastStep', tabId)]: kept.at(-1)! });
  }),
  /** The last observation recorded in a tab: the "before" of a tab switch away from it. */
  lastObservation: (tabId: number) => get<PageState>(key('lastObs', tabId)),
  // Not held in memory when storage.session refuses it: a page state carries its DOM (megabytes, one per tab).
  setLastObservation: (tabId: number, state: PageState) => put({ [key('lastObs', tabId)]: state }, false).catch(async (error: unknown) => {
    // A page too large to keep even alone: a switch back to this tab will lack its page (see onTabActivated).
    await sessionStore().remove(key('lastObs', tabId));
    console.warn('[alien-dataflow] a page too large for storage.session', error);
  }),
  /** How the tab's last top-level document was reached (webNavigation.onCommitted). */
  commit: (tabId: number) => get<NotedCommit>(key('commit', tabId)),
  /** The tab's first commit at or after `from` (the commit of a page whose navigation began then). */
  commitFrom: async (tabId: number, from: number): Promise<NotedCommit | null> =>
    ((await get<NotedCommit[]>(key('commits', tabId))) ?? []).find((c) => c.at >= from) ?? null,
  setCommit: (tabId: number, c: NotedCommit) => commitNotes(tabId, async () => {
    const commits = ((await get<NotedCommit[]>(key('commits', tabId))) ?? []).filter((n) => n.at !== c.at || n.url !== c.url);
    const kept = [...commits, c].sort((a, b) => a.at - b.at).slice(-RECENT_COMMITS);
    await put({ [key('commit', tabId)]: c, [key('commits', tabId)]: kept });
  }),
  /** The address (scrubbed) of the page last loaded in the tab: which page a navigation left. */
  loadedPage: (tabId: number) => get<string>(key('page', tabId)),
  setLoadedPage: (tabId: number, url: string) => put({ [key('page', tabId)]: url }),
  /**
   * The newest page arrival (its `at`) whose navigation steps are decided: a page repeats its load report until
   * it is answered, and a repeat decided again would find its own address as the page left.
   */
  arrivalDecided: async (tabId: number) => (await get<number>(key('arrived', tabId))) ?? 0,
  setArrivalDecided: (tabId: number, at: number) => put({ [key('arrived', tabId)]: at }),
  /**
   * The raw addresses of the tab's last few top-level pages, each with when it began to be shown (its commit):
   * which page a navigation left, and so which frames are of it (see capture-scheduler's shotOfLeftPage).
   * storage.session is memory only, so raw addresses never reach disk; cleared with the rest.
   */
  pages: async (tabId: number) => (await get<ShownPage[]>(key('pages', tabId))) ?? [],
  notePage: (tabId: number, url: string, since: number) => pageNotes(tabId, async () => {
    const k = key('pages', tabId);
    const pages = ((await get<ShownPage[]>(k)) ?? []).filter((p) => p.since !== since || p.url !== url);
    pages.push({ url, since });
    pages.sort((a, b) => a.since - b.since);
    await put({ [k]: pages.slice(-4) });
  }),
  /** The tab last brought forward, in any window. */
  activeTab: () => get<number>('activeTab'),
  setActiveTab: (tabId: number) => put({ activeTab: tabId }),
  /** The tab in front of a window, as last brought forward there (or found there at Start). */
  activeIn: (windowId: number) => get<number>(key('activeIn', windowId)),
  setActiveIn: (windowId: number, tabId: number) => put({ [key('activeIn', windowId)]: tabId }),
  /**
   * A tab moved between windows (see navigation-steps' onTabMoved): the tab in front of the window it left, and the
   * tab moved into a window. Taken by the window's next activation, which the move made and not the person.
   */
  setFrontMovedOut: (windowId: number, tabId: number) => put({ [key('frontOut', windowId)]: tabId }),
  setMovedIn: (windowId: number, tabId: number) => put({ [key('movedIn', windowId)]: tabId }),
  takeMoves: async (windowId: number): Promise<{ frontOut?: number; movedIn?: number }> => {
    const keys = [key('frontOut', windowId), key('movedIn', windowId)] as const;
    const [frontOut, movedIn] = await Promise.all(keys.map((k) => get<number>(k)));
    if (frontOut !== null || movedIn !== null) await sessionStore().remove([...keys]);
    for (const k of keys) heldInMemory.delete(k);
    return { ...(frontOut !== null ? { frontOut } : {}), ...(movedIn !== null ? { movedIn } : {}) };
  },
  /** A tab switch into `tabId` was recorded at `at`: a switch away from it is the person's, though they did nothing there. */
  setEntered: (tabId: number, at: number) => put({ [key('entered', tabId)]: at }),
  enteredAt: (tabId: number) => get<number>(key('entered', tabId)),
  markNewTab: (tabId: number) => put({ [key('newTab', tabId)]: true }),
  takeNewTab: async (tabId: number) => {
    const isNew = await get<boolean>(key('newTab', tabId));
    if (isNew) await sessionStore().remove(key('newTab', tabId));
    heldInMemory.delete(key('newTab', tabId));
    return !!isNew;
  },
  /** Forget every tab fact; the frame vault's key stays (pending frames of an earlier task still need it). */
  clearAll: async () => {
    // Not the frame vault's key, nor the export ledger: an export under way outlives a Start or a Stop.
    const keys = Object.keys(await sessionStore().get(null)).filter((k) => k !== VAULT_KEY && !k.startsWith(LEDGER_PREFIX));
    if (keys.length) await sessionStore().remove(keys);
    heldInMemory.clear();
  },
};


/**
 * storage.session holds about 10 MB in both browsers (docs/browsers.md), and a page state carries its DOM, so a
 * few large tabs, or another writer, can fill it. Then the kept page states (the biggest entries, and only the
 * "before" of a later tab switch) are forgotten, except the one being written, and the write is tried again.
 * Refused again (the tabs' text maps fill it), the items are held in memory (`orInMemory`), and their stored
 * values removed, which are older: a failed write must not cost the step that made it (a tab switch, a frame).
 */
async function put(items: Record<string, unknown>, orInMemory = true): Promise<void> {
  try {
    await sessionStore().set(items);
    for (const k of Object.keys(items)) heldInMemory.delete(k);
    return;
  } catch (error) {
    console.warn('[alien-dataflow] storage.session is full; forgetting the pages kept for tab switches', error);
  }
  const states = Object.keys(await sessionStore().get(null)).filter((k) => k.startsWith('lastObs:') && !(k in items));
  if (states.length) await sessionStore().remove(states);
  try {
    await sessionStore().set(items);
    for (const k of Object.keys(items)) heldInMemory.delete(k);
  } catch (error) {
    if (!orInMemory) throw error;
    console.warn('[alien-dataflow] storage.session is still full; tab facts held in memory until the worker stops', error);
    await sessionStore().remove(Object.keys(items)).catch(() => undefined);
    for (const [k, v] of Object.entries(items)) heldInMemory.set(k, structuredClone(v));
  }
}
