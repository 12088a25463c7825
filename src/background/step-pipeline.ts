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
import { dataUrlToBlob, processImage } from '../platform/image-ops';
import { readRecording } from '../platform/recording-flag';
import { frameForStep } from './capture-scheduler';
import { activeScrubber } from './scrubber-state';
import { onStepStored } from './recording-session';

let chain: Promise<unknown> = Promise.resolve();

export function recordStep(draft: StepDraft, sender: browser.Runtime.MessageSender): Promise<Reply<'step/record'>> {
  const tab = sender.tab;
  if (!tab || tab.id === undefined) return Promise.resolve({ ok: false, error: 'step without a tab', retry: false });
  // Grab the frame now, not after earlier steps are stored: freshness depends on timing.
  const frame = frameForStep(tab, draft.timestamp, draft.lastChangeAt);
  const run = (): Promise<Reply<'step/record'>> => store(draft, tab, sender.frameId ?? 0, frame);
  const next = chain.then(run, run);
  chain = next.catch(() => undefined);
  return next.catch((error: unknown) => ({ ok: false as const, error: String(error), retry: true }));
}

async function store(
  draft: StepDraft, tab: browser.Tabs.Tab, frameId: number, framePromise: ReturnType<typeof frameForStep>,
): Promise<Reply<'step/record'>> {
  const state = await readRecording();
  if (!state) return { ok: false, error: 'not recording', retry: false };
  const database = await db();
  const existing = await database.getFromIndex('steps', 'byDraft', draft.draftId);
  if (existing) return { ok: true, stepId: existing.seq, duplicate: true };

  const scrubber = await activeScrubber();
  const url = scrubber.redactUrl(draft.url).text;
  const title = scrubber.redact(draft.title).text;
  const skipScreenshot = scrubber.noScreenshots(draft.url);
  const frame = await framePromise;

  let image: { id: string; blob: Blob; width: number; height: number } | null = null;
  let note: string | undefined;
  if (skipScreenshot) note = 'site configured without screenshots';
  else if (!frame.ok) note = frame.error;
  else {
    note = frame.note;
    const raw = await dataUrlToBlob(frame.frame.dataUrl);
    const probe = await createImageBitmap(raw);
    const rawWidth = probe.width;
    probe.close();
    // Scale to CSS pixels: coordinates and boxes are then pixels of the PNG.
    const cssWidth = Math.round(rawWidth / draft.devicePixelRatio);
    const style = scrubber.blurStyle();
    const rects = regionsToPixels(draft.redactedRegions, 1, style.padding, cssWidth, Number.MAX_SAFE_INTEGER);
    const cleaned = await processImage(raw, cssWidth, rects, style);
    const ocr = await scrubber.ocrClean(cleaned);
    image = { id: crypto.randomUUID(), ...ocr.image };
    for (const [rule, n] of Object.entries(ocr.redactions)) draft.redactions[`ocr:${rule}`] = n;
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
  await onStepStored(state, (task?.stepCount ?? 0) + 1);
  return { ok: true, stepId: seq, duplicate: false };
}
