// Pending steps -> image work -> stored steps. One loop per worker drains the
// pending store in arrival order; it is started by every intake and again
// whenever the worker starts, so work a stopped worker left behind is resumed.
// A step is moved from `pending` to `steps` in one transaction: it is in
// exactly one of the two at any instant, and never lost in between.
import type { Task } from '../core/task';
import type { RecordingState } from '../core/messages';
import type { ShotFacts, PendingStep } from '../core/pending-step';
import { SHOT_KEY_LOST_NOTE, SHOT_LOST_NOTE } from '../core/pending-step';
import { buildStep, type StepImage } from '../core/build-step';
import { imageIdFor, type ShotJobResult } from '../core/frame-job';
import { isStorageFull } from '../core/storage-error';
import { regionShift } from '../core/view-shift';
import { db, stepsOfTask } from '../platform/db';
import { activeConfig, activeScrubber } from './scrubber-state';
import { openShot } from './frame-vault';
import { scrubShotOffscreen } from './frame-scrub-client';
import { untilUserPauses } from './input-quiet';
import { clearStorageProblem, reportStorageFull } from './storage-health';
import { onStepStored } from './recording-progress';
import { awakeWhile, holdAwake, releaseAwake } from '../platform/keep-awake';
import { mergeRegions, ownLateDropped } from '../core/tab-text-map';
import { actionPoint } from '../core/step-draft';
import { tabTextMap } from './tab-text-map';
import { buildFinal, isFinalDraft, type FinalDraft } from '../core/final-state';
import { reportHistory } from './report-history';
import { armWake, clearWake } from '../platform/wake-alarm';
import { HOLD_MAX_MS, earlyStepWait, heldBehind } from './arrival-stamps';
import { tabMemory } from './tab-memory';

/** Frames being captured by this worker, and raw frames it still holds in memory. */
const capturing = new Map<string, number>();
/** The raw capture and what the worker knows of it (the same as its sealed copy's): fresh, map, scroll. */
const rawShots = new Map<string, { dataUrl: string; facts: ShotFacts }>();
/** Above this many raw frames in memory, the sealed copy in IndexedDB is used instead. */
const MAX_RAW_IN_MEMORY = 12;
/** Wait for a pause in the user's actions only while the backlog is this short (and the task still recording). */
const MAX_BACKLOG_TO_WAIT = 2;
/** Frames' reports up to this long after a capture are taken to describe it too (their blur and OCR areas only). */
const REPORTS_AFTER_CAPTURE_MS = 1000;
/** Longest a capture keeps the worker awake, should its end never be reported. */
const CAPTURE_HOLD_MS = 30_000;

/** Mark a step's frame as being captured (counted: a retry may capture while the first capture runs). */
export function shotInMemory(draftId: string): { keep: (dataUrl: string, facts: ShotFacts) => void; settled: () => void } {
  capturing.set(draftId, (capturing.get(draftId) ?? 0) + 1);
  // A frame held only in memory dies with a stopped worker: stay awake until it is captured and processed.
  holdAwake(`capture:${draftId}`, CAPTURE_HOLD_MS);
  let done = false;
  return {
    keep: (dataUrl, facts) => { if (rawShots.size < MAX_RAW_IN_MEMORY) rawShots.set(draftId, { dataUrl, facts }); },
    settled: () => {
      if (done) return;
      done = true;
      const n = (capturing.get(draftId) ?? 1) - 1;
      if (n > 0) capturing.set(draftId, n);
      else {
        capturing.delete(draftId);
        releaseAwake(`capture:${draftId}`);
      }
    },
  };
}

export function isCapturing(draftId: string): boolean {
  return capturing.has(draftId) || rawShots.has(draftId);
}

/**
 * A pending step without a frame, left by a stopped worker: its page may
 * still be alive and retrying (the retry captures a frame again). Only after
 * this long since this worker started is it stored without a screenshot.
 */
const ORPHAN_GRACE_MS = 4000;
const workerStartedAt = Date.now();

let running: Promise<void> | null = null;
let again = false;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let holdTimer: ReturnType<typeof setTimeout> | null = null;
let earlyTimer: ReturnType<typeof setTimeout> | null = null;

/** Make sure the loop runs; resolves when nothing is left that can be processed now. */
export function kickProcessor(): Promise<void> {
  again = true;
  // The loop waits for the user's pauses and for OCR, with no event coming meanwhile: stay awake throughout.
  running ??= awakeWhile(loopWithWake()).finally(() => { running = null; });
  return running;
}

/** The loop, with the wake alarm armed while it runs and for as long as any step is left pending after it. */
async function loopWithWake(): Promise<void> {
  armWake();
  let left = 1;
  try {
    // A kick that comes while the backlog is counted finds the loop still running: go round again for it.
    do {
      await loop();
      left = await backlog().catch(() => 1);
    } while (again);
  } finally {
    if (left > 0) armWake();
    else clearWake();
  }
}

async function loop(): Promise<void> {
  while (again) {
    again = false;
    for (let next = await nextReady(); next; next = await nextReady()) {
      try {
        await processOne(next);
      } catch (error) {
        if (isStorageFull(error)) await reportStorageFull();
        else console.warn('[alien-dataflow] step processing failed; will retry', error);
        // Leave it pending and try again later; never spin.
        retryTimer ??= setTimeout(() => { retryTimer = null; void kickProcessor(); }, 2000);
        return;
      }
    }
  }
}

/**
 * Whether a frame's map describes its pixels: measured as the page settled, and no frame whose report it holds
 * had changed by the time the pixels were taken (a page can change right after its report while the capture
 * waits its turn, and then never settle again). Asked at the image work: the pages' change notes have arrived.
 */
function mapHeld(tabId: number, meta: ShotFacts | null | undefined): boolean {
  if (!meta?.regions || !meta.mapSettled || meta.pixelsAt === undefined || !meta.reports) return false;
  return reportHistory.heldAt(tabId, meta.reports, meta.pixelsAt);
}

/**
 * The oldest pending step whose frame is settled (captured, failed, or lost with a stopped worker), and none of
 * whose task's earlier steps is still waiting for its frame: a step's number is given as it is stored, so a later
 * step stored first (its frame reused at once, the earlier one's still being captured) would come before it in
 * the trajectory (a double click's first click after its double_click, seen under load). Other tasks go on.
 */
async function nextReady(): Promise<PendingStep | null> {
  // Each tab's last decided arrival, read only for a tab with an early step, outside the scan (a storage read
  // inside it would end its IndexedDB transaction): a scan that meets one it lacks is made again with it.
  const decided = new Map<number, number>();
  for (;;) {
    const found = await scanForReady(decided);
    if (!found) return null;
    if (!('decidedOf' in found)) return found;
    decided.set(found.decidedOf, await tabMemory.arrivalDecided(found.decidedOf));
  }
}

/** nextReady's scan: the step, none (undefined), or the tab whose decided arrival it needs to know first. */
async function scanForReady(decided: ReadonlyMap<number, number>): Promise<PendingStep | { decidedOf: number } | undefined> {
  const database = await db();
  const index = database.transaction('pending').store.index('byArrival');
  const waiting = new Set<string>();
  const tabsWaiting = new Set<number>();
  // Held again below while a step still waits for its page's report: a wait that ended (the decision released)
  // must not keep the worker up for the rest of its bound, which can be over a minute.
  releaseAwake('early-step');
  for (let c = await index.openCursor(); c; c = await c.continue()) {
    const p = c.value;
    // A step stamped before it is still being decided (a navigation): it waits, and so do its task's later steps,
    // in any tab (a step's number is given as it is stored). The release kicks; a hold that ends by
    // expiring does not, hence the timer. The worker is kept awake by the decision itself (its message's
    // lease), which a hold never outlives: no lease here, or each hold would keep it up for a minute.
    if (heldBehind(p.arrivedAt)) {
      waiting.add(p.taskId);
      holdTimer ??= setTimeout(() => { holdTimer = null; void kickProcessor(); }, HOLD_MAX_MS + 50);
      continue;
    }
    // Sent by a page whose load report is not decided yet: the navigation it makes comes first. So do its tab's
    // and task's later steps. The decision kicks; the timer is for a report that never comes.
    if (tabsWaiting.has(p.tabId)) continue;
    const tabDecided = decided.get(p.tabId);
    if (p.afterArrival !== undefined && tabDecided === undefined) return { decidedOf: p.tabId };
    const early = earlyStepWait(p, tabDecided ?? 0);
    if (early > 0) {
      tabsWaiting.add(p.tabId);
      waiting.add(p.taskId);
      holdAwake('early-step', early + 1000);
      earlyTimer ??= setTimeout(() => { earlyTimer = null; void kickProcessor(); }, early + 50);
      continue;
    }
    if (waiting.has(p.taskId)) continue;
    // Its image work failed a moment ago: tried again only at its time (a kick meanwhile must not spend its attempts).
    const retryIn = (retryAt.get(p.draftId) ?? 0) - Date.now();
    if (retryIn > 0) {
      waiting.add(p.taskId);
      holdAwake('image-retry', retryIn + 1000);
      retryTimer ??= setTimeout(() => { retryTimer = null; void kickProcessor(); }, retryIn + 50);
      continue;
    }
    if (p.frame || rawShots.has(p.draftId)) return p;
    waiting.add(p.taskId);
    if (capturing.has(p.draftId)) continue;
    const wait = workerStartedAt + ORPHAN_GRACE_MS - Date.now();
    if (wait <= 0) return p;
    holdAwake('orphan-grace', wait + 1000);
    retryTimer ??= setTimeout(() => { retryTimer = null; void kickProcessor(); }, wait + 50);
  }
  return undefined;
}

async function backlog(): Promise<number> {
  return (await db()).count('pending');
}

async function processOne(p: PendingStep): Promise<void> {
  const database = await db();
  const task0 = await database.get('tasks', p.taskId);
  if (!task0) {
    // The task was deleted meanwhile: nothing to store the step in.
    await database.delete('pending', p.draftId);
    return;
  }
  const got = await imageFor(p, task0);
  // A failure may pass (the image-work page still loading, a busy machine): the step stays pending and is tried
  // again in 2 s, a few times, before it is stored without its screenshot.
  if (got.failed && noteFailedAttempt(p.draftId) < IMAGE_WORK_ATTEMPTS) {
    retryAt.set(p.draftId, Date.now() + IMAGE_RETRY_MS);
    // Awake until then: a worker unloaded meanwhile would forget the attempts made, and try again for ever.
    holdAwake('image-retry', IMAGE_RETRY_MS + 1000);
    throw new Error(`image work failed; will try again: ${got.note}`);
  }
  failedAttempts.delete(p.draftId);
  retryAt.delete(p.draftId);
  const { result } = got;
  let { image, note } = got;
  // A final state has no step's stand-in frame: an older frame would show the page before the last action.
  if (isFinalDraft(p.draft)) return storeFinal(p, p.draft, image, note);
  let draft = p.draft;
  if (!image && !p.noScreenshot && p.draft.url) {
    // No frame of its own: the newest clean frame of the same page stands in, marked not fresh.
    const standIn = await newestShotOfPage(p);
    if (standIn) {
      image = standIn.image;
      const said = `the screenshot of step ${standIn.seq}, the newest of the same page, stands in`;
      note = [note, said].filter(Boolean).join('; ');
      // The draft's own note (a stand-in page) wins over the frame's in the step: this must be said there too.
      if (draft.note) draft = { ...draft, note: `${draft.note}; ${said}` };
    }
  }
  // Read before the transaction opens: awaiting storage inside it would let it commit early.
  const scrubber = await activeScrubber();
  const tx = database.transaction(['steps', 'pending', 'tasks'], 'readwrite');
  const steps = tx.objectStore('steps');
  const task = await tx.objectStore('tasks').get(p.taskId);
  const duplicate = await steps.index('byDraft').getKey(p.draftId);
  if (task && duplicate === undefined) {
    const last = await steps.openCursor(stepsOfTask(p.taskId), 'prev');
    const seq = (last?.value.seq ?? 0) + 1;
    const work = {
      acceptedAt: p.arrivedAt, storedAt: Date.now(), imageMs: result?.timings.totalMs ?? null, ocrMs: result?.timings.ocrMs ?? null,
      decodeMs: result?.timings.decodeMs ?? null, encodeMs: result?.timings.encodeMs ?? null,
      crops: result?.crops ?? 0, cacheHits: result?.cacheHits ?? 0, fullFrame: result?.fullFrame ?? false,
      ...(result?.detection ? { detection: result.detection, detectMs: result.timings.detectMs ?? null } : {}),
      ...(result?.lateFrames ? { lateFrames: result.lateFrames } : {}),
      ...(p.draft.pageWork ? { pageWork: p.draft.pageWork } : {}),
    };
    await steps.put(buildStep({ draft, seq, tabId: p.tabId, frameId: p.frameId, image, work, scrubber, ...(note ? { note } : {}) }));
    await tx.objectStore('tasks').put({ ...task, stepCount: task.stepCount + 1 });
  }
  await tx.objectStore('pending').delete(p.draftId);
  await tx.done;
  rawShots.delete(p.draftId);
  if (!task || duplicate !== undefined) return;
  const hadProblem = await clearStorageProblem();
  const stepCount = task.stepCount + 1;
  if (task.status === 'recording' || hadProblem) {
    await onStepStored(stateOf(task), stepCount, task.recordedCount ?? stepCount, task.status === 'recording');
  }
}

/** A final state's image work is done: into `finals` (the newest per task wins) and out of `pending`, in one transaction. */
async function storeFinal(p: PendingStep, draft: FinalDraft, image: StepImage | null, note: string | undefined): Promise<void> {
  const scrubber = await activeScrubber();
  const database = await db();
  const tx = database.transaction(['finals', 'pending', 'tasks'], 'readwrite');
  const task = await tx.objectStore('tasks').get(p.taskId);
  const earlier = await tx.objectStore('finals').get(p.taskId);
  // Filed only while its pending record is there: the reviewer may have dropped the task's final state meanwhile.
  const stillPending = (await tx.objectStore('pending').getKey(p.draftId)) !== undefined;
  // An older observation (a closed tab's, processed late) never replaces a newer one (Stop's).
  const replaces = !!task && stillPending && !(earlier && earlier.state.timestamp > draft.timestamp);
  if (replaces) await tx.objectStore('finals').put(buildFinal({ draft, tabId: p.tabId, image, scrubber, ...(note ? { note } : {}) }));
  await tx.objectStore('pending').delete(p.draftId);
  await tx.done;
  rawShots.delete(p.draftId);
  // The replaced image, or this one if unused, goes: nothing else refers to it (image ids are per draft).
  const unused = replaces ? earlier?.imageId : image?.id;
  if (unused) await database.delete('images', unused);
}

/** How many times a step's image work is tried before its screenshot is dropped, and how far apart. */
const IMAGE_WORK_ATTEMPTS = 3;
const IMAGE_RETRY_MS = 2000;
/** Failed image-work attempts per pending step, in this worker (a restarted one tries afresh), and when to try next. */
const failedAttempts = new Map<string, number>();
const retryAt = new Map<string, number>();

function noteFailedAttempt(draftId: string): number {
  const n = (failedAttempts.get(draftId) ?? 0) + 1;
  failedAttempts.set(draftId, n);
  return n;
}

/** The clean image for a pending step, or why there is none (`failed`: the image work itself failed). */
async function imageFor(p: PendingStep, task: Task): Promise<{ image: StepImage | null; note?: string; result?: ShotJobResult; failed?: boolean }> {
  if (p.frame?.kind === 'none') return { image: null, note: p.frame.note };
  const held = rawShots.get(p.draftId);
  const dataUrl = held?.dataUrl ?? (p.frame?.kind === 'sealed' ? await openShot(p.frame) : null);
  if (!dataUrl) return { image: null, note: p.frame ? SHOT_KEY_LOST_NOTE : SHOT_LOST_NOTE };
  // The frame in memory may be processed before its sealed copy reached the pending record: its facts come along
  // (without them a fresh frame counted as stale, with no map, and was read whole: 5.5 s on the 16k page).
  const meta = p.frame?.kind === 'sealed' ? p.frame : (held?.facts ?? null);
  // Image work competes with the page for CPU: during a recording, wait for a pause unless steps are piling up.
  if (task.status === 'recording' && (await backlog()) <= MAX_BACKLOG_TO_WAIT) await untilUserPauses();
  const { config, hash: configHash } = await activeConfig();
  const imageId = imageIdFor(p.draftId);
  const shift = regionShift(p.draft.topScroll, meta?.topScroll);
  // A frame whose scroll is unknown (taken on a subframe's word before the top frame reported) cannot have a
  // scrolled step's regions placed on it: neither its DOM nor its map vouches for any line, and OCR reads it whole.
  const placeable = !p.draft.topScroll || !!meta?.topScroll;
  const fresh = (meta?.fresh ?? false) && placeable;
  const note = [meta?.note, shift && `the page was scrolled by ${Math.round(shift.x)}, ${Math.round(shift.y)} px after this frame; blur regions moved to match`]
    .filter(Boolean).join('; ');
  // Reports that came just after the capture may describe what it shows (a frame reports 100 ms after its change).
  const capturedAt0 = meta?.capturedAt ?? p.arrivedAt;
  const after = await tabTextMap.reportedBetween(p.tabId, meta?.topScroll, capturedAt0, capturedAt0 + REPORTS_AFTER_CAPTURE_MS).catch(() => null);
  const merged = after && meta?.regions ? mergeRegions(meta.regions, after) : (meta?.regions ?? after ?? undefined);
  // Late frames are blurred whole, except the step's own: its draft's regions describe it.
  // A map that did not hold when the pixels were taken excuses no line, on a fresh frame too (a change its step
  // no longer sees, moved below the fold by the action): its text boxes are dropped, its blur and OCR areas kept.
  const mapOk = mapHeld(p.tabId, meta) && placeable;
  const kept = merged && !mapOk ? { redacted: merged.redacted, media: merged.media, ...(merged.late ? { late: merged.late } : {}) } : merged;
  const shotRegions = kept && { ...kept, late: ownLateDropped(kept.late ?? [], p.frameId, isFinalDraft(p.draft) ? null : actionPoint(p.draft)) };
  try {
    const result = await scrubShotOffscreen({
      imageId, dataUrl, devicePixelRatio: p.draft.devicePixelRatio, redactedRegions: p.draft.redactedRegions,
      mediaRegions: p.draft.mediaRegions ?? [], domVouches: fresh, mapVouches: mapOk, config, configHash, ...(shift ? { regionShift: shift } : {}),
      ...(shotRegions ? { shotRegions } : {}), ...(meta?.topScroll ? { shotScroll: meta.topScroll } : {}),
    });
    const capturedAt = meta?.capturedAt ?? p.arrivedAt;
    return {
      image: { id: imageId, width: result.width, height: result.height, capturedAt, fresh, redactions: result.redactions },
      ...(note ? { note } : {}),
      result,
    };
  } catch (error) {
    if (isStorageFull(error)) throw error;
    // Never store an image nothing has checked: keep the step, drop the screenshot, say why.
    console.warn('[alien-dataflow] image work failed', error);
    return { image: null, note: `screenshot dropped: image work failed (${String(error)})`, failed: true };
  }
}

/** How far back a stand-in frame is looked for: a person's page rarely stays the same for more steps. */
const STAND_IN_LOOKBACK = 30;

/**
 * The newest stored screenshot of the step's page (same task, tab and address), copied under the step's own
 * image id: a step's image is deleted with it in review, so two steps never share one. Already blurred.
 */
async function newestShotOfPage(p: PendingStep): Promise<{ image: StepImage; seq: number } | null> {
  const database = await db();
  let looked = 0;
  for (let c = await database.transaction('steps').store.openCursor(stepsOfTask(p.taskId), 'prev'); c && looked < STAND_IN_LOOKBACK; c = await c.continue(), looked++) {
    const s = c.value;
    if (s.deleted || !s.imageId || s.step.tab_id !== p.tabId || s.step.observation.url !== p.draft.url) continue;
    const stored = await database.get('images', s.imageId);
    if (!stored) continue;
    const id = imageIdFor(p.draftId);
    await database.put('images', { ...stored, id });
    const capturedAt = s.step.observation.screenshot_captured_at ?? s.step.timestamp;
    return { image: { id, width: stored.width, height: stored.height, capturedAt, fresh: false, redactions: {} }, seq: s.seq };
  }
  return null;
}

function stateOf(task: Task): RecordingState {
  return { taskId: task.id, instruction: task.instruction, startedAt: task.createdAt };
}

/** The popup's "recorded" figure moves at intake, before the step is stored. */
export function onRecordedCount(task: Task, recordedCount: number): void {
  void onStepStored(stateOf(task), task.stepCount, recordedCount, true);
}
