// draft -> screenshot -> scrub -> clean image -> IndexedDB, one step at a time
// per task, in arrival order. Nothing raw is written: the draft was scrubbed in
// the page, the URL and title are scrubbed again here, and the screenshot is
// blurred before its first write.
import browser from 'webextension-polyfill';
import type { StepDraft } from '../core/step-draft';
import type { Reply } from '../core/messages';
import type { Step } from '../core/schema';
import type { StoredStep } from '../core/stored-step';
import { defaultThoughtTrace } from '../core/thought-trace';
import { regionsToPixels } from '../core/blur-regions';
import { screenshotPath } from '../core/zip-layout';
import { db, lastSeq } from '../platform/db';
import { dataUrlToBlob, processImage, type ImageOut } from '../platform/image-ops';
import { frameForStep } from './capture-scheduler';
import { activeScrubber } from './scrubber-state';
import { onStepStored } from './recording-session';
import { ocrSecrets } from './ocr-client';
import { tabMemory } from './tab-memory';
import { joinFrameTree } from '../core/frame-join';
import { noteUserAction, untilUserPauses } from './input-quiet';
import { isStorageFull, STORAGE_FULL_MESSAGE } from '../core/storage-error';
import { clearStorageProblem, reportStorageFull } from './storage-health';

/** A step may arrive shortly after Stop (an edit committed by the stop itself); it still belongs to its task. */
const LATE_STEP_MS = 15_000;

export interface StepSender { tab?: browser.Tabs.Tab; frameId?: number }

let chain: Promise<unknown> = Promise.resolve();
/** Steps arrived and not yet stored (this one included). */
let queued = 0;
const MAX_QUEUE_TO_WAIT = 3;

/** Resolves when every step that has arrived so far is stored (or failed). */
export function whenStored(): Promise<unknown> {
  return chain;
}

export function recordStep(draft: StepDraft, sender: StepSender): Promise<Reply<'step/record'>> {
  const tab = sender.tab;
  if (!tab || tab.id === undefined) return Promise.resolve({ ok: false, error: 'step without a tab', retry: false });
  // Known at once, before storing: a navigation reported meanwhile must see this action.
  void tabMemory.setLastStep(tab.id, draft.timestamp, draft.action.type);
  noteUserAction();
  // Grab the frame now, not after earlier steps are stored: freshness depends on timing.
  const frame = frameForStep(tab, draft.timestamp, draft.lastChangeAt);
  queued++;
  const run = (): Promise<Reply<'step/record'>> => store(draft, tab, sender.frameId ?? 0, frame).finally(() => { queued--; });
  const next = chain.then(run, run);
  chain = next.catch(() => undefined);
  return next.catch(async (error: unknown): Promise<Reply<'step/record'>> => {
    if (!isStorageFull(error)) return { ok: false, error: String(error), retry: true };
    await reportStorageFull();
    return { ok: false, error: STORAGE_FULL_MESSAGE, retry: true, waitForSpace: true };
  });
}

async function store(
  draft: StepDraft, tab: browser.Tabs.Tab, frameId: number, framePromise: ReturnType<typeof frameForStep>,
): Promise<Reply<'step/record'>> {
  const database = await db();
  const task0 = await database.get('tasks', draft.taskId);
  if (!task0) return { ok: false, error: 'unknown task', retry: false };
  if (task0.status !== 'recording' && Date.now() - (task0.endedAt ?? 0) > LATE_STEP_MS) {
    return { ok: false, error: 'the recording has ended', retry: false };
  }
  const state = { taskId: task0.id, instruction: task0.instruction, startedAt: task0.createdAt };
  const existing = await database.getFromIndex('steps', 'byDraft', draft.draftId);
  if (existing) return { ok: true, stepId: existing.seq, duplicate: true };

  if (frameId !== 0 && tab.id !== undefined) draft.domTree = await joinedTree(tab.id, frameId, draft.domTree);
  const scrubber = await activeScrubber();
  const url = scrubber.redactUrl(draft.url).text;
  const title = scrubber.redact(draft.title).text;
  if (scrubber.neverRecord(draft.url)) return { ok: false, error: 'site excluded by the scrubber config', retry: false };
  const skipScreenshot = scrubber.noScreenshots(draft.url);
  const frame = await framePromise;

  let image: { id: string; blob: Blob; width: number; height: number } | null = null;
  let note: string | undefined;
  if (draft.note) note = draft.note;
  else if (skipScreenshot) note = 'site configured without screenshots';
  else if (!frame.ok) note = frame.error;
  else {
    note = frame.note;
    // Wait for a pause only while the queue is short: in a long stream of actions, keep up instead.
    if (queued <= MAX_QUEUE_TO_WAIT) await untilUserPauses();
    const raw = await dataUrlToBlob(frame.frame.dataUrl);
    const probe = await createImageBitmap(raw);
    const rawWidth = probe.width;
    const rawHeight = probe.height;
    probe.close();
    // A subframe knows only its own viewport; the capture gives the tab's.
    if (frameId !== 0) draft.viewport = { width: Math.round(rawWidth / draft.devicePixelRatio), height: Math.round(rawHeight / draft.devicePixelRatio) };
    // Scale to CSS pixels: coordinates and boxes are then pixels of the PNG.
    const cssWidth = Math.round(rawWidth / draft.devicePixelRatio);
    const { blur } = scrubber.config;
    const style = { mode: blur.mode, strength: blur.strength };
    const rects = regionsToPixels(draft.redactedRegions, 1, blur.padding, cssWidth, Number.MAX_SAFE_INTEGER);
    let cleaned: ImageOut | null = await processImage(raw, cssWidth, rects, style);
    // Text the DOM does not show (images, canvas, cross-origin frames): OCR, then blur what a rule matches.
    if (scrubber.config.ocr.enabled) {
      try {
        const ocr = await ocrSecrets(cleaned.blob, scrubber.config);
        if (ocr.regions.length) {
          const { width, height } = cleaned;
          cleaned = await processImage(cleaned.blob, null, regionsToPixels(ocr.regions, 1, blur.padding, width, height), style);
        }
        for (const [rule, n] of Object.entries(ocr.redactions)) draft.redactions[`ocr:${rule}`] = (draft.redactions[`ocr:${rule}`] ?? 0) + n;
      } catch (error) {
        // Never store an image that OCR could not check: keep the step, drop the screenshot, say why.
        console.warn('[alien-dataflow] OCR failed; screenshot dropped', error);
        note = `screenshot dropped: OCR failed (${String(error)})`;
        cleaned = null;
      }
    }
    if (cleaned) image = { id: crypto.randomUUID(), ...cleaned };
  }

  const seq = (await lastSeq(state.taskId)) + 1;
  const step: Step = {
    task_id: state.taskId,
    step_id: seq,
    timestamp: draft.timestamp,
    observation: {
      screenshot_path: image ? screenshotPath(state.taskId, seq) : null,
      dom_tree: draft.domTree,
      active_window: title,
      url,
      viewport: draft.viewport,
      device_pixel_ratio: draft.devicePixelRatio,
      screenshot_captured_at: frame.ok && image ? frame.frame.capturedAt : null,
      screenshot_fresh: frame.ok && !!image && frame.fresh,
      ...(note ? { screenshot_note: note } : {}),
    },
    thought_trace: defaultThoughtTrace(draft.action, draft.target),
    action: draft.action,
    target: draft.target,
    tab_id: tab.id!,
    frame_id: frameId,
    confirmed: false,
  };
  const stored: StoredStep = {
    taskId: state.taskId, seq, draftId: draft.draftId, step, imageId: image?.id ?? null,
    redactions: draft.redactions, deleted: false,
  };
  const tx = database.transaction(['steps', 'images', 'tasks'], 'readwrite');
  if (image) await tx.objectStore('images').put(image);
  await tx.objectStore('steps').put(stored);
  const task = await tx.objectStore('tasks').get(state.taskId);
  if (task) await tx.objectStore('tasks').put({ ...task, stepCount: task.stepCount + 1 });
  await tx.done;
  await Promise.all([
    tabMemory.setLastObservation(tab.id!, {
      at: draft.timestamp, domTree: draft.domTree, title, url, lastChangeAt: draft.lastChangeAt, viewport: draft.viewport,
      devicePixelRatio: draft.devicePixelRatio, redactedRegions: draft.redactedRegions, redactions: {},
    }),
  ]);
  const hadProblem = await clearStorageProblem();
  if (task0.status === 'recording' || hadProblem) await onStepStored(state, (task?.stepCount ?? 0) + 1, task0.status === 'recording');
  return { ok: true, stepId: seq, duplicate: false };
}

/** A cross-origin frame's tree, joined into the top frame's current tree when the top frame can say where it sits. */
async function joinedTree(tabId: number, frameId: number, frameXml: string): Promise<string> {
  try {
    const reply = (await browser.tabs.sendMessage(tabId, { kind: 'frame/snapshot', target: 'content' }, { frameId: 0 })) as { xml: string } | null;
    return (reply && joinFrameTree(reply.xml, frameId, frameXml)) ?? frameXml;
  } catch {
    return frameXml;
  }
}
