// Steps the page cannot record by itself: a navigation reported by the next
// page (typed URL, reload, back/forward, a link followed without a recorded
// click) and switching tabs. Their "before" observation is the state the
// previous page sent on pagehide, or the tab's last recorded observation.
import { isRestrictedPage, isStandInState, restrictedPageState, type NavigationKind, type PageState } from '../core/page-state';
import { observationOf, type StepDraft } from '../core/step-draft';
import type { Action } from '../core/schema';
import { causesNavigation } from '../core/actions/registry';
import { readRecording } from '../platform/recording-flag';
import { ingestUnsent, recordStep, type StepSender } from './step-intake';
import { heldEdits, inTabEditOrder } from './held-edits';
import { takeInGonePageEdits } from './gone-page-edits';
import { knownDrafts } from '../platform/db';
import { clearExitsUpTo, clearLeaving, listUnsent, readExits, readLeaving, takeExit, type NotedExit, type UnsentDraft } from '../platform/page-handoff';
import { withAssembledTree } from '../core/dom-tree-parts';
import { navigationStep } from '../core/navigation-cause';
import { exitByScript, lastActionAgo, leftByScript, navigationChain, type Arrival } from '../core/navigation-chain';
import { tabMemory, type ShownPage } from './tab-memory';
import { activeScrubber, fullScrubber } from './scrubber-state';
import { tabById, type Tab } from '../platform/tabs';
import { activeConfig } from './scrubber-state';
import { sitePolicy } from '../core/site-policy';
import { samePage, type LeftPage } from './capture-scheduler';
import { inTabArrivalOrder, inTabNoteOrder } from './arrival-queue';
import { forgetEarlySteps, holdArrival, holdsTab, navigationStamps } from './arrival-stamps';
import { kickProcessor } from './step-processor';

/** The draft is the state's observation (observationOf, not a second list of its fields) plus the action. */
function draftFrom(state: PageState, taskId: string, id: string, action: Action): StepDraft {
  return {
    draftId: id, taskId, timestamp: state.at, action, target: null,
    ...observationOf(state), mediaRegions: state.mediaRegions ?? [], redactions: { ...state.redactions },
  };
}

/**
 * Firefox may tear a leaving page's script down before its last write lands (its pagehide hand-over never
 * arrives). Then the page as of the last step in this tab stands in, if that step was on the page that was
 * left; otherwise only the left page's address is known (a reload left the address it arrived at). With no
 * step on it yet, or none stored yet, the address alone stands in: the navigation is still a step (before, a
 * reload right after the recording started, or right after a click still being processed, was lost). Null
 * when even the address is unknown, or the page left was a blank one with no step in it.
 */
async function standInForLeftPage(tab: Tab, leftUrl: string | null, arrival: Arrival): Promise<PageState | null> {
  // Only what was seen before the new page arrived: the new page's own first report can come in ahead of its
  // load report (which a busy worker may answer late), and is no picture of the page left.
  const seen = await tabMemory.lastObservation(tab.id!);
  const kept = seen && seen.at <= arrival.at ? seen : null;
  const address = leftUrl ?? (arrival.navigation === 'reload' ? arrival.url : null);
  if (kept && (address === null || kept.url === address)) return kept;
  // A blank document nothing was recorded in (a new window before its first page) is no page to leave.
  if (address === null || address === 'about:blank') return null;
  const viewport = { width: tab.width ?? kept?.viewport.width ?? 0, height: tab.height ?? kept?.viewport.height ?? 0 };
  return restrictedPageState(address, '', viewport, kept?.at ?? Date.now());
}

/** Transitions only the browser's own interface makes (a reload, an address typed, a bookmark). */
const BROWSERS_OWN = new Set(['reload', 'typed', 'generated', 'keyword', 'keyword_generated', 'auto_bookmark', 'start_page']);

/** Longest a link-like navigation's decision waits for the left page's note of how it was left. */
const EXIT_NOTE_WAIT_MS = 2000;
/** The note of a step made from a page on a site excluded from recording: nothing of that page is kept. */
const EXCLUDED_PAGE_LEFT = 'the page before this step is on a site excluded from recording';

/**
 * A move the page's own script can make as well as a person (a link followed, `location = …`, history.back()):
 * only the left page's note says which. Not a reload: the browser's Reload button fires no navigate event, so no
 * note would ever come (nor in Firefox for WebDriver's reload, which commits as a link).
 */
const noteCanDecide = (kind: NavigationKind | null): boolean => kind === 'link' || kind === 'other' || kind === 'back_forward';


/**
 * The left page's navigate event as it noted it when it fired: the newest noted after the tab's last decided
 * arrival and before this one, not taken by another arrival (a report repeated for the same arrival takes it
 * again). Each note has its own key: a page moving on by itself every second, under load, wrote the next page's
 * note over the one a queued decision needed, and its script's moves were made steps (seen in Firefox CI).
 */
async function takeNotedExit(tabId: number, arrival: Arrival, decidedBefore: number): Promise<NotedExit | null> {
  return inTabNoteOrder(tabId, async () => {
    const noted = (await readExits(tabId)).findLast((e) => e.at > decidedBefore && e.at <= arrival.at
      && (e.takenBy ?? arrival.at) === arrival.at) ?? null;
    if (noted && noted.takenBy === undefined) await takeExit(tabId, noted, arrival.at);
    return noted;
  });
}

/**
 * A page reported how it was reached: the navigation steps that implies (see core/navigation-chain). A report
 * for an arrival already decided (the page repeats it until answered; a late report of a page whose successor's
 * hand-over carried its arrival) is answered and not decided again: the first decision took its hand-over and
 * set the tab's page, so a repeat would see the page it arrived at as the page it left, and make a step from it
 * to itself once the script's exit had gone stale.
 */
export async function onPageLoaded(tab: Tab, arrival: Arrival): Promise<void> {
  const tabId = tab.id;
  if (tabId === undefined) return;
  // Its step's place in the trajectory is the report's arrival, however long deciding takes (and waiting behind the
  // tab's earlier reports first): the tab's steps sent meanwhile (a click on the page arrived at) wait behind it.
  // Taken before anything is awaited.
  const holding = holdArrival(tabId);
  try {
    await inTabArrivalOrder(tabId, async () => {
      const decidedBefore = await tabMemory.arrivalDecided(tabId);
      if (arrival.at <= decidedBefore) return;
      await decideArrival(tab, tabId, arrival, { held: (await holding).stamp, decidedBefore });
      // Only once decided (and its step, if any, durable): a worker stopped before this decides the repeat afresh.
      // The page's steps that waited for it go on (the kick below).
      await tabMemory.setArrivalDecided(tabId, arrival.at);
      forgetEarlySteps(tabId, arrival.at);
      // Its note is spent, and so is any older one (a page's navigations that led nowhere).
      await clearExitsUpTo(tabId, arrival.at);
    });
  } finally {
    (await holding).release();
    void kickProcessor();
  }
}

/** Longest a decision waits for the left page's own type step before the edit the worker held stands in for it. */
const LEFT_EDIT_WAIT_MS = 1000;

/**
 * Edits the left page was writing and never sent as steps: Firefox may end a leaving page's script before its
 * last send and its hand-over land, as it does a closing tab's (background/held-edits). Before, such an edit
 * waited for the tab to close, and Stop cleared it: the typing was lost. An edit belongs to the page left when it
 * began before this arrival, by the pages' own clock (the worker may hold it later, when busy). One whose step
 * is pending or stored already is let go at once; for the others the page's step, or its hand-over, is given a
 * moment; the hand-over's copy (the page's last text) is taken before the worker's (throttled) one. What is
 * still missing becomes the step (background/gone-page-edits), placed where its typing began, before this
 * navigation; a copy from the page arriving after that is a duplicate.
 */
async function takeLeftEdits(tabId: number, arrivedAt: number): Promise<void> {
  const ofLeftPage = (e: UnsentDraft): boolean => e.draft.timestamp < arrivedAt;
  const missing = async (): Promise<string[]> => {
    const ids = (await heldEdits(tabId)).filter(ofLeftPage).map((e) => e.draft.draftId);
    if (!ids.length) return ids;
    const known = await knownDrafts(ids);
    const handed = new Set((await listUnsent()).map((u) => u.draft.draftId));
    return ids.filter((id) => !known.has(id) && !handed.has(id));
  };
  for (const until = Date.now() + LEFT_EDIT_WAIT_MS; Date.now() < until && (await missing()).length;) {
    await new Promise((r) => setTimeout(r, 100));
  }
  await inTabEditOrder(tabId, () => takeInGonePageEdits(tabId, ofLeftPage));
}

/** Where a report's navigations go in the task's order (see arrival-stamps). */
interface ReportOrder {
  /** The stamp held as the report came in. */
  held: number;
  /** The tab's last arrival decided before this report's. */
  decidedBefore: number;
}

/**
 * Every navigation a report makes is stored under the stamp navigationStamps gives its arrival: the held one,
 * or below the steps its page sent before the report was decided (a lost report's before the current one's:
 * their draft ids, named after their arrivals, order equal stamps).
 */
async function decideArrival(tab: Tab, tabId: number, arrival: Arrival, order: ReportOrder): Promise<void> {
  const recording = await readRecording();
  if (!recording) return;
  // Drafts the last page handed over and never got through: older than the page's own retries would be.
  await ingestUnsent(2000);
  await takeLeftEdits(tabId, arrival.at);
  // A hand-over from before the tab's last decided arrival is of a page that decision already went past (its
  // message copy landing after the decision had begun, see background/page-leaving-intake): never this one's.
  const handovers = await readLeaving(tabId);
  for (const old of handovers.filter((l) => l.state.at <= order.decidedBefore)) await clearLeaving(tabId, old.state.at);
  const { links, stale } = navigationChain(handovers.filter((l) => l.state.at > order.decidedBefore), arrival);
  await clearExitsUpTo(tabId, order.decidedBefore);
  let noted = await takeNotedExit(tabId, arrival, order.decidedBefore);
  for (const page of stale) await clearLeaving(tabId, page.state.at);
  const leftUrl = await tabMemory.loadedPage(tabId);
  await tabMemory.setLoadedPage(tabId, arrival.url);
  const lost = links.filter((l) => !l.current);
  const stamps = await navigationStamps(tabId, [...lost.map((l) => l.arrival.at), arrival.at], order.decidedBefore, order.held);
  const stamp = stamps.at(-1)!;
  // Pages whose own report was lost first: the browser's commit for them is gone, their own word stands.
  for (const [i, link] of lost.entries()) {
    const kind = navigationStep(null, link.arrival.navigation, lastActionAgo(link.before, causesNavigation), leftByScript(link.before));
    const before = withAssembledTree(link.before.state);
    if (kind && before.at >= recording.startedAt) {
      await recordNavigation(tab, recording.taskId, before, link.arrival, kind, { note: 'its page never reported (it loaded while the worker restarted)', stamp: stamps[i]! });
    }
    else await clearLeaving(tabId, link.before.state.at);
  }
  const handed = links.find((l) => l.current)?.before ?? null;
  const before = handed ? withAssembledTree(handed.state) : await standInForLeftPage(tab, leftUrl, arrival);
  // A report of a page reached before this recording began (its sends lost across a Stop and Start) is not this task's.
  if (!before || before.at < recording.startedAt || arrival.at < recording.startedAt) return;
  // The tab's last step, if it was made before this arrival: a step of the page arrived at (accepted while its report
  // waited) is no action on the page left.
  const last = await tabMemory.lastStep(tabId, arrival.at);
  // A commit belongs to this navigation if it came after the page was left (a stand-in: after the last step), and
  // is not a later page's: a report decided late (the worker woke or restarted) can find the tab moved on, by a
  // link or by the page's own redirect, whose commit would make the person's navigation the script's (no step).
  // The page's own is the first commit after its navigation began (the newest, for a page that did not say when:
  // an arrival handed over by an older version). One made before the page's recorder started is surely its own;
  // one after may be a later page's (its own lost with a stopping worker, or pushed out of the six kept): then it
  // must have the page's address too (laterPages).
  const since = handed ? before.at - 1000 : (last?.at ?? before.at);
  const origin = navigationBegan(arrival);
  // The worker's addresses scrubbed as the page scrubs its own (with NER), or a name in one would tell them apart.
  const redactUrl = (await fullScrubber()).redactUrl;
  const ownCommit = () => (origin === null ? tabMemory.commit(tabId) : tabMemory.commitFrom(tabId, origin - CLOCK_SLACK_MS));
  const fresh = (c: Awaited<ReturnType<typeof tabMemory.commit>>) => (c && c.at >= since && !laterPages(c, arrival, redactUrl) ? c : null);
  let commit = fresh(await ownCommit());
  // The commit event and this message race, and so does the note of how the last page was left: a page's write
  // as it goes away (Firefox ends its script soon after) can land after the next page's report. Give both a moment.
  const exitUnknown = !noted && !handed?.exit;
  // A stand-in is stamped with this navigation's time, not the last step's, nor the decision's (a report decided late
  // would put it after a click already made on the page arrived at; steps are exported in time order): the browser's
  // commit of the page arrived at, when known, else that page's arrival (its recorder's start, which a slow page delays).
  const leftAt = (): number => (handed ? before.at : Math.min(Date.now(), arrival.at, commit?.at ?? Infinity));
  const agoMs = (): number | null => (last && causesNavigation(last.type) ? leftAt() - last.at : null);
  if (!commit || exitUnknown) {
    await new Promise((r) => setTimeout(r, 300));
    commit ??= fresh(await ownCommit());
    if (exitUnknown) noted = await takeNotedExit(tabId, arrival, order.decidedBefore);
    // Where only the note can tell a person's navigation from the page's script, a loaded machine can hold the
    // page's write back much longer: wait for it a while more. (Seen in Firefox under the full test load: a page's
    // own history.back() made a step, as a link and as a back_forward.) Steps sent meanwhile wait behind this one.
    // Only a page a recorder ran in writes one: not a browser page, nor a blank one (the tab's commits say which
    // page was left; the last page that reported its load may be older than that).
    const shownBefore = handed ? null : (await leftPage(tabId, tab.url, arrival, commit?.at))?.url;
    const leftRecordable = !shownBefore || (shownBefore !== 'about:blank' && !isRestrictedPage(shownBefore));
    const noteDecides = (): boolean => !noted && !handed?.exit && leftRecordable && arrival.navigation !== 'reload'
      && noteCanDecide(navigationStep(commit, arrival.navigation, agoMs(), false));
    for (const until = Date.now() + EXIT_NOTE_WAIT_MS; noteDecides() && Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 100));
      commit ??= fresh(await ownCommit());
      noted = await takeNotedExit(tabId, arrival, order.decidedBefore);
    }
  }
  // The page's own script took it away with no input of the person's (history.back() on a timer, location = …): no step.
  // A stand-in's own time is now, and a queue of reports can put now seconds after the page went (its note would
  // look stale): the new page's arrival is when the old one was left.
  const byScript = handed ? leftByScript(handed, noted) : exitByScript(noted, arrival.at);
  // A page that handed nothing over, standing in for the page left, with the address arrived at: the stand-in may
  // be the page arrived at itself (a page restored from the back/forward cache reports no load, so the tab's last
  // reported page can be that one again, and in Firefox its note of how it was left can be lost with it), and
  // whether a person or the page's script sent it is unknown: no step. A page that handed its state over says how
  // it was left (a form posted to its own address, then Back, is the person's step). A reload, or the same address
  // typed or picked from a bookmark, is the browser's word and stays a step either way.
  const browserOwn = arrival.navigation === 'reload' || (!!commit && BROWSERS_OWN.has(commit.transitionType));
  const toItself = !handed && samePage(before.url, arrival.url) && !browserOwn;
  const kind = toItself ? null : navigationStep(commit, arrival.navigation, agoMs(), byScript);
  const leaving = handed ? before : { ...before, at: leftAt() };
  if (!kind) {
    if (handed) await clearLeaving(tabId, handed.state.at);
    return;
  }
  const left = await leftPage(tabId, tab.url, arrival, commit?.at);
  const { config } = await activeConfig();
  if (left && !sitePolicy(config.sites, left.url, undefined).record) {
    // Left a site excluded from recording: nothing of it is kept, neither its address nor its title nor a frame.
    const blank = { ...restrictedPageState('', '', leaving.viewport, leaving.at), redactions: {} };
    await recordNavigation(tab, recording.taskId, blank, arrival, kind, { note: EXCLUDED_PAGE_LEFT, handed: !!handed, left, stamp });
    return;
  }
  const note = handed ? null
    : 'the page before this step is the page as of the last step in it (or only its address): the browser ended it before it could hand its state over';
  await recordNavigation(tab, recording.taskId, leaving, arrival, kind, { note, handed: !!handed, left, stamp });
}

/**
 * How far apart a page's clock and the browser's may read one moment: Firefox rounds a page's Date.now() and
 * performance.now() down, each to 1 ms, or to 100 ms where it resists fingerprinting (so `origin` can read up to
 * 100 ms late). A commit this far before the navigation began can only be of a page that redirected at once.
 */
const CLOCK_SLACK_MS = 100;

/** When the arrival's navigation began, if the page said so and it is plausible (a page's word: at most 10 minutes before its arrival). */
function navigationBegan(arrival: Arrival): number | null {
  const { origin, at } = arrival;
  return typeof origin === 'number' && Number.isFinite(origin) && origin <= at && at - origin < 600_000 ? origin : null;
}

/**
 * Whether a commit is of a page after the one arrived at: committed after the arrival (a page's commit comes
 * before its recorder starts) to another address. Both, not either: Firefox stamps the commit in its parent
 * process, which a loaded machine can make later than the page's own start. The page's address is the one it
 * was loaded at as well as its own now (a pushState before its recorder started). Refused, a commit of this page
 * only leaves the page's own word.
 */
function laterPages(commit: { url: string; at: number }, arrival: Arrival, redactUrl: (url: string) => { text: string }): boolean {
  if (commit.at <= arrival.at) return false;
  const committed = redactUrl(commit.url).text;
  return !samePage(committed, arrival.url) && !samePage(committed, arrival.loadedUrl);
}

/**
 * The top-level page shown before the one arrived at, and while it was shown. The newest page noted by the
 * arrival's commit (`committedAt`, else its arrival) is the one arrived at when it was noted by that commit, or has
 * the tab's address (`nowUrl`, raw) or, the tab having moved on since (a report decided late), the arrival's
 * (scrubbed); otherwise (its commit not noted yet, or a same-document navigation) it is the page left.
 */
async function leftPage(tabId: number, nowUrl: string | undefined, arrival: Arrival, committedAt?: number): Promise<LeftPage | null> {
  const arrivedAt = committedAt ?? arrival.at;
  const pages = (await tabMemory.pages(tabId)).filter((p) => p.since <= arrivedAt);
  const newest = pages.at(-1);
  const { redactUrl } = await fullScrubber();
  const isArrived = (p: ShownPage): boolean => p.since === committedAt || samePage(p.url, nowUrl)
    || samePage(redactUrl(p.url).text, arrival.url) || samePage(redactUrl(p.url).text, arrival.loadedUrl);
  const arrived = newest && pages.length > 1 && isArrived(newest) ? newest : null;
  const page = arrived ? pages.at(-2) : newest;
  return page ? { url: page.url, since: page.since, until: arrived?.since ?? arrivedAt } : null;
}

/**
 * Store one navigate step; its hand-over is taken only once the step is durable. The step is named after the
 * arrival it records (one per page load), so a page that reports its load again (its first answer lost with
 * a stopping worker) makes the same draft, which intake drops, and never a second step from a stand-in.
 */
interface NavigationStepFacts {
  /** Why the page before it is not the page's own hand-over, when it is not. */
  note: string | null;
  /** The left page handed its state over (and is cleared once the step is durable). */
  handed?: boolean;
  left?: LeftPage | null;
  /** The arrival stamp held for its page's report (see arrival-stamps). */
  stamp: number;
}

async function recordNavigation(
  tab: Tab, taskId: string, leaving: PageState, arrival: Arrival, kind: NavigationKind, { note, handed = true, left = null, stamp }: NavigationStepFacts,
): Promise<void> {
  const safeUrl = (await activeScrubber()).redactUrl(arrival.url).text;
  const draft = draftFrom(leaving, taskId, `nav:${tab.id}:${arrival.at}`, {
    type: 'navigate', coordinates: null, element_id: null, url: safeUrl, navigation: kind,
  });
  if (note) draft.note = note;
  // The page before the navigation: only a frame captured while it was shown will do.
  const reply = await recordStep(draft, { tab, frameId: 0, pageUrl: null, ...(left ? { leftPage: left } : {}) }, { heldStamp: stamp });
  // Taken only once the step is durable: a worker stopped before this point gets the same page state on the page's retry.
  if (!reply.ok && reply.retry) throw new Error(reply.error);
  if (handed) await clearLeaving(tab.id!, leaving.at);
}

/**
 * A tab moved from window `from` to window `to` (dragged out into a window of its own, or into another). The
 * browser then brings forward a new front tab in `from` and the moved tab in `to`: neither is a switch the person
 * made (they were in the moved tab, and still are; to drag a tab is to bring it forward first, a switch of its
 * own). Noted here, for those two activations to find (onTabActivated); run before them (the worker keeps the
 * browser's tab events in order).
 */
export async function onTabMoved(tabId: number, from: number | null, to: number | null): Promise<void> {
  if (from !== null && await tabMemory.activeIn(from) === tabId) await tabMemory.setFrontMovedOut(from, tabId);
  if (to !== null) await tabMemory.setMovedIn(to, tabId);
}

/**
 * The person brought `tabId` forward at `at` (taken as the browser's event arrives, before anything is awaited: the
 * step's time is the switch's, not the end of this work, which a waking worker can stretch past a click already
 * made in the tab brought forward; steps are exported in time order).
 */
export async function onTabActivated(tabId: number, at: number = Date.now(), windowId?: number): Promise<void> {
  // The tab left is the one in front of this window before: tabs.onActivated fires for a window a page opens (a
  // payment popup) but not for a click back into the window behind it, so the tab last brought forward anywhere
  // may be that popup's, closed since. A window's first tab (a new window) is left from the last one anywhere.
  const inWindow = windowId === undefined ? null : await tabMemory.activeIn(windowId);
  const moves = windowId === undefined ? {} : await tabMemory.takeMoves(windowId);
  if (windowId !== undefined && moves.movedIn === tabId) {
    // The moved tab in front of the window it was moved to: the tab the person was in.
    await tabMemory.setActiveIn(windowId, tabId);
    await tabMemory.setActiveTab(tabId);
    return;
  }
  if (windowId !== undefined && moves.frontOut !== undefined && inWindow === moves.frontOut) {
    // The browser's pick of a front tab for the window the person's tab left: that window's front from now on,
    // but the person is still in the moved tab.
    await tabMemory.setActiveIn(windowId, tabId);
    return;
  }
  const previous = inWindow ?? await tabMemory.activeTab();
  await tabMemory.setActiveTab(tabId);
  if (windowId !== undefined) await tabMemory.setActiveIn(windowId, tabId);
  const recording = await readRecording();
  if (!recording || previous === null || previous === tabId) return;
  const isNew = await tabMemory.takeNewTab(tabId);
  const [prevTab, nextTab] = await Promise.all([
    tabById(previous), tabById(tabId),
  ]);
  if (!prevTab) return;
  // The tabs' addresses and titles come raw from the browser, not scrubbed by a page: with NER, as a page's text
  // is ("Account of Jane Roe", ?name=Jane+Roe).
  const scrubber = await fullScrubber();
  const { config } = await activeConfig();
  // Leaving a site excluded from recording: the switch is still the person's step, but nothing of that page stands
  // in for it, neither its address, nor its title, nor a frame (as a navigation away from one). So for a tab still
  // loading such a page (no address yet; the browser titles it by the address it loads), and for one wrapping such a
  // page's address (a blob of it, its source: see hostMatches).
  const isExcluded = (u: string | undefined): boolean => !!u && !sitePolicy(config.sites, u, undefined).record;
  // The address pending counts only where the tab shows no page of its own yet (a page still shown is that page).
  const blank = (u: string | undefined): boolean => !u || u === 'about:blank';
  const excludedAt = (t: Tab | null): boolean => isExcluded(t?.url) || (isExcluded(t?.pendingUrl) && (blank(t?.url) || isRestrictedPage(t?.url ?? '')));
  const leftExcluded = excludedAt(prevTab);
  // Leaving a page no script may read (chrome://, about:, the add-on stores): its title and address, when the browser tells
  // them (it does not for pages outside our host permissions), stand in for it.
  const restricted = !leftExcluded && (!prevTab.url || isRestrictedPage(prevTab.url));
  const viewport = { width: prevTab.width ?? 0, height: prevTab.height ?? 0 };
  // A blank tab's title is the address it loads (Firefox gives no pendingUrl): no title of it stands in.
  const standIn = (): PageState => leftExcluded ? restrictedPageState('', '', viewport, at)
    : restrictedPageState(scrubber.redactUrl(prevTab.url ?? '').text, blank(prevTab.url) ? '' : scrubber.redact(prevTab.title ?? '').text, viewport, at);
  const kept = restricted || leftExcluded ? null : await tabMemory.lastObservation(previous);
  // A stand-in kept from an earlier switch away from this tab is no page of it: made afresh, with its address now.
  let before = restricted ? standIn() : kept && !isStandInState(kept) ? kept : null;
  let lostPage: string | null = null;
  if (!before) {
    // Its page was not kept (storage.session was full): if this tab was worked in, the switch is still a step.
    // So it is when the tab's first step, a navigation, is still being decided (it is numbered before the switch),
    // and when the person only looked at it: the switch into it was a step, so the switch back is one too.
    const last = await tabMemory.lastStep(previous);
    const deciding = holdsTab(previous);
    const entered = await tabMemory.enteredAt(previous);
    // Only in one window: tabs.onActivated fires for a window opened (a page's popup) but not for a click back into
    // the window behind it, so a tab of another window may be the last one brought forward and not the one left.
    const lookedAt = (!last || last.type === 'tab_switch') && entered !== null && entered >= recording.startedAt
      && prevTab.windowId === nextTab?.windowId;
    if (!deciding && !lookedAt && (!last || last.at < recording.startedAt)) return;
    before = standIn();
    lostPage = deciding && !last ? 'the page before this step had no step of its own yet (its navigation was still being decided): its address and title stand in'
      : lookedAt ? 'the page before this step had no step of its own (it was only looked at): its address and title stand in'
        : kept ? 'the page before this step had no snapshot of its own: its address and title stand in'
          : 'the page before this step was not kept (the browser\'s session storage was full)';
  }
  if (before.at < recording.startedAt && !lostPage) return;
  const url = nextTab?.url || nextTab?.pendingUrl || '';
  // The tab switched to on a site excluded from recording: nothing of it is kept, not even its address.
  const excluded = excludedAt(nextTab);
  const draft = draftFrom({ ...before, at }, recording.taskId, `tab:${previous}:${tabId}:${at}`, {
    type: 'tab_switch', coordinates: null, element_id: null, url: excluded ? '' : scrubber.redactUrl(url).text,
    ...(isNew ? { navigation: 'new_tab' as const } : {}),
  });
  if (restricted) draft.note = 'the page before this step cannot be recorded or captured by extensions (a browser page or an add-on store)';
  if (lostPage) draft.note = lostPage;
  if (leftExcluded) draft.note = EXCLUDED_PAGE_LEFT;
  // Noted before the step is stored (its reply waits for the frame): a glance back made meanwhile finds it.
  await tabMemory.setEntered(tabId, at);
  const sender: StepSender = leftExcluded
    ? { tab: { ...prevTab, url: undefined, pendingUrl: undefined, title: undefined, favIconUrl: undefined, active: false }, frameId: 0, pageUrl: null, excludedPageLeft: true }
    : { tab: { ...prevTab, active: false }, frameId: 0, pageUrl: prevTab.url ?? null };
  const reply = await recordStep(draft, sender);
  if (!reply.ok) await tabMemory.setEntered(tabId, 0);
}
