// Step intake: a draft arrives from a page (its text already scrubbed there),
// is written to IndexedDB as a pending step, and only then acknowledged. The
// page drops its copy on the acknowledgement, so from that moment the pending
// record is the only copy: any worker stop, reload or navigation after it
// loses nothing (step-processor resumes it). The frame is captured at once,
// for freshness, and sealed into the record when it arrives.
import { actionPoint, observationOf, type StepDraft } from '../core/step-draft';
import type { Reply } from '../core/messages';
import { PAGE_GONE_NOTE, type ShotFacts, type PendingStep, type SealedShot, type NoShot } from '../core/pending-step';
import { belongsToTask } from '../core/build-step';
import { sitePolicy } from '../core/site-policy';
import { isStorageFull, STORAGE_FULL_MESSAGE } from '../core/storage-error';
import { joinFrameTree } from '../core/frame-join';
import { joinFrameAxTree } from '../core/ax-tree-parts';
import { withAssembledTree } from '../core/dom-tree-parts';
import { db } from '../platform/db';
import { readRecording } from '../platform/recording-flag';
import { nextArrival, noteEarlyStep } from './arrival-stamps';
import { shotForStep, shotOfLeftPage, shotsOfTab, type ShotResult, type LeftPage } from './capture-scheduler';
import { activeConfig } from './scrubber-state';
import type { ScrubConfig } from '../core/scrub/config';
import { tabMemory } from './tab-memory';
import { noteUserAction } from './input-quiet';
import { reportStorageFull } from './storage-health';
import { sealShot } from './frame-vault';
import { regionShift, scrollOffset, shiftBoxes } from '../core/view-shift';
import { shotInMemory, isCapturing, kickProcessor, onRecordedCount } from './step-processor';
import { listUnsent, removeUnsent, type UnsentDraft } from '../platform/page-handoff';
import { askFrame, tabById, type Tab } from '../platform/tabs';
import { keyedQueue } from '../core/keyed-queue';
import { lateBoxes, mergeRegions, uniqueBoxes } from '../core/tab-text-map';
import { tabTextMap } from './tab-text-map';
import type { FinalDraft } from '../core/final-state';

/**
 * Who sent a step. `pageUrl`: the page the step was taken on (raw, for frame
 * checks only); the tab's address unless the worker says otherwise (null: not
 * known, as for the page before a navigation).
 */
export interface StepSender {
  tab?: Tab; frameId?: number; url?: string; pageUrl?: string | null;
  /** A navigation's step: the page it left (raw address, memory only), whose frames alone may stand for it. */
  leftPage?: LeftPage;
  /**
   * A tab switch away from a tab on a site excluded from recording: the caller kept nothing of that page (the
   * draft's page is blank, `tab` has no address), and no frame of it is taken.
   */
  excludedPageLeft?: boolean;
}

/** Where a step goes in its task's order, when not simply as it arrived. */
export interface StepOrder {
  /** A navigation decided late: the stamp held from its report's arrival (see arrival-stamps). */
  heldStamp?: number;
  /** Sent by a page while its load report, of this arrival time, was still on its way. */
  afterArrival?: number;
}

/** How long the reply waits for the frame to be sealed into the pending record (the capture queue is ~0.5 s deep). */
const SHOT_ACK_WAIT_MS = 3000;

/**
 * Accept a draft: durable before the reply. The reply also waits (briefly)
 * for the frame to be sealed, so a worker stopped mid-capture is found out by
 * the page's retry, which then captures again instead of losing the frame.
 */
export async function recordStep(sent: StepDraft, sender: StepSender, order: StepOrder = {}): Promise<Reply<'step/record'>> {
  // Asked for before anything is awaited: steps are stored in this order, which must be the order they came in
  // (a navigation decided late brings the stamp it held from its arrival: see arrival-stamps).
  const arrival = order.heldStamp !== undefined ? Promise.resolve(order.heldStamp) : nextArrival();
  const tab = sender.tab;
  if (!tab || tab.id === undefined) return { ok: false, error: 'step without a tab', retry: false };
  if (order.afterArrival !== undefined) noteEarlyStep(tab.id, order.afterArrival, arrival);
  const { config } = await activeConfig();
  const policy = sender.excludedPageLeft ? { record: true, screenshots: false } : sitePolicy(config.sites, tab.url, sender.url);
  if (!policy.record) return { ok: false, error: 'site excluded by the scrubber config', retry: false };
  // A navigation's screenshot is of the page it left: that page's policy decides too.
  if (sender.leftPage && !sitePolicy(config.sites, sender.leftPage.url, undefined).screenshots) policy.screenshots = false;
  // Known at once, before storing: a navigation reported meanwhile must see this action.
  void tabMemory.setLastStep(tab.id, sent.timestamp, sent.action.type);
  noteUserAction();
  // Grab the frame now, not after earlier steps are stored: freshness depends on timing.
  const pageUrl = sender.pageUrl === undefined ? tab.url ?? null : sender.pageUrl;
  const left = sender.leftPage;
  let shot: Promise<ShotResult> | null = !policy.screenshots ? null
    : left ? Promise.resolve(shotOfLeftPage(shotsOfTab(tab.id), left, sent.lastChangeAt, sent.timestamp))
      : shotForStep(tab, sent.timestamp, sent.lastChangeAt, pageUrl);
  // The page sends the tree in parts; joining them here keeps ~10 ms per step off its main thread.
  const draft = withAssembledTree(sent);
  // The frame's number as the page was told it (frame/hello), not the browser's own frame id.
  const frameId = await tabMemory.frameNumber(tab.id, sender.frameId ?? 0);
  if (frameId !== 0) await joinTopFrame(tab.id, frameId, draft);
  if (policy.screenshots) await addOtherFrames(tab.id, frameId, draft);
  // Its page's report still undecided: the step waits for that decision (step-processor), kept with the record
  // for a worker that stops meanwhile.
  // Not once recording stopped: Stop has cleared the decided arrivals, and no report is decided any more.
  const early = order.afterArrival !== undefined && order.afterArrival > await tabMemory.arrivalDecided(tab.id) && !!(await readRecording());
  const pending: PendingStep & { draft: StepDraft } = {
    draftId: draft.draftId, taskId: draft.taskId, arrivedAt: await arrival, draft, tabId: tab.id, frameId,
    noScreenshot: !policy.screenshots,
    frame: policy.screenshots ? null : { kind: 'none', note: sender.excludedPageLeft ? 'site excluded from recording' : 'site configured without screenshots' },
    ...(early ? { afterArrival: order.afterArrival } : {}),
  };
  // Marked as being captured before the record exists, so the processor never takes it for an orphan.
  const alreadyCapturing = isCapturing(draft.draftId);
  const memory = shot ? shotInMemory(draft.draftId) : null;
  let accepted: Persisted;
  try {
    accepted = await persist(pending);
  } catch (error) {
    memory?.settled();
    if (!isStorageFull(error)) return { ok: false, error: String(error), retry: true };
    await reportStorageFull();
    return { ok: false, error: STORAGE_FULL_MESSAGE, retry: true, waitForSpace: true };
  }
  if (accepted.reply.ok && !accepted.reply.duplicate) {
    keepLastObservation(tab.id, draft);
    // The processor's loop arms the wake alarm while any step is pending: run it now, not only once the frame is
    // in (a worker stopped during the capture left the step pending with no alarm, so no wake without a new event).
    void kickProcessor();
  }
  if (accepted.reply.ok && accepted.reply.duplicate) {
    // A retry of a step whose frame a stopped worker never sealed: capture it now (not fresh, so OCR reads all of it).
    shot = accepted.orphanedShot && pageUrl && !alreadyCapturing ? shotForStep(tab, Date.now(), Date.now(), pageUrl) : null;
  }
  if (!accepted.reply.ok || !shot || !memory) {
    memory?.settled();
    if (accepted.reply.ok) void kickProcessor();
    return accepted.reply;
  }
  await Promise.race([attachShot(pending.draftId, shot, memory), new Promise((r) => setTimeout(r, SHOT_ACK_WAIT_MS))]);
  return accepted.reply;
}

/** A tab's last-observation writes, one after another, so an earlier step's slower write never overtakes a later one. */
const observationWrites = keyedQueue<number>();

/**
 * The tab's page as of this step, kept as soon as the step is durable (not once its image work is done, which
 * waits for the person to pause): a tab switch away, or a Firefox navigation whose page could not hand its
 * state over, right after this action sees this page, not one from several steps back.
 */
function keepLastObservation(tabId: number, draft: StepDraft): void {
  const state = { ...observationOf(draft), at: draft.timestamp, redactions: {} };
  observationWrites(tabId, () => tabMemory.setLastObservation(tabId, state)).catch((e: unknown) => console.warn('[alien-dataflow] last page of a tab', e));
}

interface Persisted {
  reply: Reply<'step/record'>;
  /** Seen before, still pending, and no frame was ever sealed for it. */
  orphanedShot?: boolean;
}

/** One transaction: the task must exist and the action must belong to it; a draft seen before is not added twice. */
async function persist(pending: PendingStep & { draft: StepDraft }): Promise<Persisted> {
  const database = await db();
  const tx = database.transaction(['tasks', 'steps', 'pending'], 'readwrite');
  const task = await tx.objectStore('tasks').get(pending.taskId);
  if (!task) {
    await tx.done;
    return { reply: { ok: false, error: 'unknown task', retry: false } };
  }
  if (!belongsToTask(task, pending.draft.timestamp)) {
    await tx.done;
    return { reply: { ok: false, error: 'the action happened after the recording ended', retry: false } };
  }
  const earlier = await tx.objectStore('pending').get(pending.draftId);
  const stored = earlier ? undefined : await tx.objectStore('steps').index('byDraft').getKey(pending.draftId);
  if (earlier || stored !== undefined) {
    await tx.done;
    return { reply: { ok: true, duplicate: true }, orphanedShot: !!earlier && earlier.frame === null };
  }
  await tx.objectStore('pending').put(pending);
  const recordedCount = (task.recordedCount ?? task.stepCount) + 1;
  await tx.objectStore('tasks').put({ ...task, recordedCount });
  await tx.done;
  if (task.status === 'recording') onRecordedCount(task, recordedCount);
  return { reply: { ok: true, duplicate: false } };
}

/** Longest a step waits for its frame's capture (queued behind others at 2 a second, then the page's map). */
const CAPTURE_GIVE_UP_MS = 20_000;

/** Seal the frame into the pending record; the raw data URL also stays in memory for the processor's fast path. */
export async function attachShot(draftId: string, shotPromise: Promise<ShotResult>, memory: ReturnType<typeof shotInMemory>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    // A capture that never ends (the browser's call never answering) must not keep its step, and every later step
    // of its task, waiting: the wake alarm would keep this same worker alive, so no fresh one would recover it.
    const gaveUp = new Promise<ShotResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, error: `the capture did not finish in ${CAPTURE_GIVE_UP_MS / 1000} s` }), CAPTURE_GIVE_UP_MS);
    });
    const result = await Promise.race([shotPromise, gaveUp]);
    let sealed: SealedShot | NoShot;
    if (!result.ok) sealed = { kind: 'none', note: result.error };
    else {
      const facts: ShotFacts = {
        capturedAt: result.shot.capturedAt, fresh: result.fresh, ...(result.note ? { note: result.note } : {}),
        ...(result.shot.topScroll ? { topScroll: result.shot.topScroll } : {}), regions: result.shot.regions,
        ...(result.shot.mapSettled ? { mapSettled: true, pixelsAt: result.shot.pixelsAt, reports: result.shot.reports } : {}),
      };
      memory.keep(result.shot.dataUrl, facts);
      sealed = await sealShot(result.shot.dataUrl, facts);
    }
    const database = await db();
    const tx = database.transaction('pending', 'readwrite');
    const record = await tx.store.get(draftId);
    if (record && !record.frame) await tx.store.put({ ...record, frame: sealed });
    await tx.done;
  } catch (error) {
    // Sealing or writing failed (e.g. a full disk): the frame stays in memory and the processor uses it from there.
    console.warn('[alien-dataflow] frame kept in memory only', error);
  } finally {
    clearTimeout(timer);
    memory.settled();
    kickProcessor();
  }
}

/**
 * A cross-origin frame's step: its tree is joined into the top frame's current
 * tree, and the top frame's redacted and media regions are added, since the
 * screenshot shows the whole tab, not just the frame.
 */
async function joinTopFrame(tabId: number, frameId: number, draft: StepDraft): Promise<void> {
  const top = await askFrame<'frame/snapshot'>(tabId, 0, { kind: 'frame/snapshot', target: 'content' }).catch(() => null);
  if (!top) {
    // The top frame cannot vouch for its text: read the whole frame by OCR.
    draft.mediaRegions = [...draft.mediaRegions, { kind: 'frame', x: 0, y: 0, width: 100_000, height: 100_000 }];
    return;
  }
  draft.domTree = joinFrameTree(top.xml, frameId, draft.domTree) ?? draft.domTree;
  // The accessibility tree the same way: the frame's own under its iframe's line in the top frame's.
  if (draft.axTree !== undefined && top.axtree !== undefined) draft.axTree = joinFrameAxTree(top.axtree, frameId, draft.axTree) ?? draft.axTree;
  // The top frame measured its regions now; the frame's hold at the scroll its offset was measured at.
  const shift = regionShift(scrollOffset(top.topScroll), draft.topScroll);
  draft.redactedRegions = [...draft.redactedRegions, ...shiftBoxes(top.redactedRegions, shift)];
  draft.mediaRegions = [...draft.mediaRegions, ...shiftBoxes(top.mediaRegions, shift)];
}

/**
 * The screenshot shows the whole tab: every other frame's latest regions (the tab's text map) are added to the
 * step's own, placed at the scroll the step's boxes hold at. A top-frame step so blurs a sensitive field typed
 * into a cross-origin frame, and a frame's step blurs the top page's secrets.
 */
export async function addOtherFrames(tabId: number, frameId: number, draft: StepDraft | FinalDraft): Promise<void> {
  const others = await tabTextMap.composed(tabId, draft.topScroll, frameId);
  const merged = mergeRegions({ redacted: draft.redactedRegions, media: draft.mediaRegions }, others);
  draft.redactedRegions = uniqueBoxes([...merged.redacted, ...lateBoxes(others, frameId, 'action' in draft ? actionPoint(draft) : null)]);
  draft.mediaRegions = merged.media;
}

/**
 * Drafts a page handed over as it went away, unacknowledged (see
 * platform/page-handoff): added as pending steps unless already known. They
 * have no frame (the page is gone), so they are stored without a screenshot.
 * `minAgeMs` leaves alone hand-overs whose message may still be on its way.
 */
export async function ingestUnsent(minAgeMs: number): Promise<number> {
  let added = 0;
  const unsent = await listUnsent();
  // Read once for the batch, and only when there is one (this runs on every page load).
  const config = unsent.length ? (await activeConfig()).config : undefined;
  for (const u of unsent) {
    if (Date.now() - u.savedAt < minAgeMs) continue;
    if (await takeInPageless(u, config)) added++;
    await removeUnsent(u.draft.draftId);
  }
  if (added) void kickProcessor();
  return added;
}

/**
 * A draft of a page that is gone: a pending step without a frame (unless already known); true if one was added.
 * The site is checked by the draft's own page as well as by the tab (which may show another page by now, or be
 * closed): nothing typed on a site kept out of recording is taken.
 */
export async function takeInPageless(u: UnsentDraft, config?: ScrubConfig): Promise<boolean> {
  config ??= (await activeConfig()).config;
  const tab = await tabById(u.tabId);
  if (!sitePolicy(config.sites, tab?.url, u.draft.url || undefined).record) return false;
  const got = await persist({
    draftId: u.draft.draftId, taskId: u.draft.taskId, arrivedAt: u.savedAt, draft: withAssembledTree(u.draft), tabId: u.tabId, frameId: u.frameId,
    noScreenshot: false, frame: { kind: 'none', note: PAGE_GONE_NOTE },
  });
  return got.reply.ok && !got.reply.duplicate;
}
