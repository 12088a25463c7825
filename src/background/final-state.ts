// The task's final state (core/final-state), taken by the worker: at Stop it
// asks the task's tab for its page now; when that tab closes, the page's own
// hand-over (its state at pagehide) stands in. Either goes the way a step
// goes: a pending record written before Stop returns (resumed after a worker
// restart), the frame sealed into it, then blur, OCR and the scrub boundary
// in the step processor, which files it under `finals`, not `steps`.
import { finalDraftId, type FinalDraft } from '../core/final-state';
import type { PageObservation } from '../core/step-draft';
import type { PendingStep } from '../core/pending-step';
import { sitePolicy } from '../core/site-policy';
import { withAssembledTree } from '../core/dom-tree-parts';
import { db } from '../platform/db';
import { askFrame, tabById } from '../platform/tabs';
import { readLeaving } from '../platform/page-handoff';
import { readRecording } from '../platform/recording-flag';
import { activeConfig } from './scrubber-state';
import { tabMemory, type ShownPage } from './tab-memory';
import { shotForFinal, shotOfLeftPage, type LeftPage, type Shot, type ShotResult } from './capture-scheduler';
import { addOtherFrames, attachShot } from './step-intake';
import { nextArrival } from './arrival-stamps';
import { shotInMemory, kickProcessor } from './step-processor';

/** Longest Stop waits for the page's answer (its snapshot; ~0.1 s on a 16k-element page). */
const FINAL_ASK_MS = 2000;
/**
 * Longest Stop then waits for the frame to be sealed into the pending record, so a worker stopped right after Stop
 * still finds it (a step's page would retry and capture again; nothing retries a final state). A settled frame is
 * sealed in milliseconds; a capture at Stop waits its turn under the browser's two-a-second limit.
 */
const FINAL_SHOT_WAIT_MS = 1500;

/**
 * At Stop, before the recording flag is cleared (the page answers only while recording): the page of the task's
 * tab now, durable before this resolves. The frame's capture and the image work go on after Stop has returned.
 */
export async function takeFinalState(taskId: string): Promise<void> {
  const tabId = await tabMemory.activeTab();
  const tab = tabId === null ? null : await tabById(tabId);
  if (!tab || tab.id === undefined || !tab.url) return;
  const { config } = await activeConfig();
  if (!sitePolicy(config.sites, tab.url, undefined).record) return;
  const timeout = new Promise<null>((r) => setTimeout(() => r(null), FINAL_ASK_MS));
  const asked = askFrame<'page/final'>(tab.id, 0, { kind: 'page/final', target: 'content' }).catch(() => null);
  const observation = await Promise.race([asked, timeout]);
  // No recorder answered (a browser page, a page still loading): no final state rather than a made-up one.
  if (!observation) return;
  // The page that answered may be another than the tab's address read before (a navigation committed between
  // the two): its own address (scrubbed, host intact) decides the policy too, as a step's frame address does,
  // and a shot taken for the tab's address does not stand for a page known to be of another host. (A host the
  // scrubber redacted, a LAN address, is not known to differ: its page keeps its shot.)
  const policy = sitePolicy(config.sites, tab.url, observation.url);
  if (!policy.record) return;
  const at = Date.now();
  const url = tab.url;
  const elsewhere = hostsDiffer(url, observation.url);
  const frameOf = (d: FinalDraft): Promise<ShotResult> => !elsewhere ? shotForFinal(tab, d.lastChangeAt, url)
    : Promise.resolve({ ok: false, error: 'the page that answered at Stop was of another host than the tab\'s address' });
  await fileFinal({ tabId: tab.id, taskId, observation, at, screenshots: policy.screenshots, liveTab: true, frameOf });
}

/**
 * A tab closed while recording: if it was one of the task's tabs, its page's state as the page handed it over at pagehide
 * is the final state for now (a Stop in another tab replaces it), with the newest frame of that page. `shots` are
 * the tab's frames, taken before the scheduler forgot them.
 */
export async function finalOfClosedTab(tabId: number, shots: readonly Shot[]): Promise<void> {
  const recording = await readRecording();
  // A tab of the task: it recorded a step (tab facts are cleared at Start) or is the one the recording is in. The
  // browser may activate the next tab before it reports this one closed, so being active is not required.
  if (!recording || ((await tabMemory.lastStep(tabId)) === null && (await tabMemory.activeTab()) !== tabId)) return;
  // Firefox ends a closing tab's content script before its hand-over is written (docs/browsers.md): then the page
  // as of the tab's last step (kept at its intake) stands in, said in its note.
  // Only a hand-over of the page the tab was last on: one from before its last decided arrival is an older page's.
  const decided = await tabMemory.arrivalDecided(tabId);
  const left = (await readLeaving(tabId)).filter((l) => l.state.at > decided).at(-1)?.state ?? null;
  const state = left ?? (await tabMemory.lastObservation(tabId));
  if (!state) return;
  const note = left ? 'the page as it was when its tab closed' : 'its tab closed without handing its page over; the page as of its last step';
  const { config } = await activeConfig();
  // The page the state is of, by the tab's commits (raw addresses): its policy, and the only shots that may stand
  // for it. The tab's newest shot may be of an earlier page (a no_screenshots page is never captured): blurred by
  // this page's regions, that page's text would stay readable, so no shot rather than another page's.
  const shown = shownPageAt(await tabMemory.pages(tabId), state.at, recording.startedAt, shots);
  // The state's own address (scrubbed, its host intact) decides too: with no commit noted, the page above is only
  // the newest shot's address, which may be another site's. Shots stand for the state only when of its host.
  const page = shown && sameHost(shown.url, state.url) ? shown : null;
  const policy = sitePolicy(config.sites, shown?.url, state.url);
  if (!policy.record) return;
  const pick = (d: FinalDraft): ShotResult => page ? shotOfLeftPage(shots, page, d.lastChangeAt, state.at)
    : { ok: false, error: 'the tab closed; no frame is known to be of the page its state is of' };
  await fileFinal({
    tabId, taskId: recording.taskId, observation: state, at: state.at, screenshots: policy.screenshots, liveTab: false,
    frameOf: (d) => Promise.resolve(pick(d)), note,
  });
}

/** Both addresses parse and name the same host (a scrubbed address keeps its host; one whose host is redacted matches none). */
export function sameHost(a: string, b: string): boolean {
  try {
    return new URL(a).hostname.toLowerCase() === new URL(b).hostname.toLowerCase();
  } catch {
    return false;
  }
}

/** Both addresses parse and name different hosts (a redacted host parses as none: not known to differ). */
function hostsDiffer(a: string, b: string): boolean {
  try {
    return new URL(a).hostname.toLowerCase() !== new URL(b).hostname.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * The page shown at `at`: the newest commit noted at or before it, until the next. Before the first commit the
 * recording noted, the page the tab showed since before Start (a tab switched to): its address is that of the
 * shots taken since Start and before that commit, all of one document.
 */
export function shownPageAt(pages: readonly ShownPage[], at: number, startedAt: number, shots: readonly Shot[]): LeftPage | null {
  const i = pages.findLastIndex((p) => p.since <= at);
  const page = pages[i];
  if (page) return { url: page.url, since: page.since, until: pages[i + 1]?.since ?? Infinity };
  const until = pages[0]?.since ?? Infinity;
  const url = shots.findLast((f) => f.capturedAt >= startedAt && f.capturedAt < until)?.url;
  return url ? { url, since: startedAt, until } : null;
}

/** Write the pending record (task must exist), then seal its frame into it as a step's is. */
interface FinalInputs {
  tabId: number; taskId: string; observation: PageObservation; at: number; screenshots: boolean;
  /** The tab is still open: the other frames' current regions are added (a closed tab's frames carry their own). */
  liveTab: boolean;
  frameOf: (d: FinalDraft) => Promise<ShotResult>;
  note?: string;
}

async function fileFinal({ tabId, taskId, observation, at, screenshots, liveTab, frameOf, note }: FinalInputs): Promise<void> {
  const draft: FinalDraft = withAssembledTree({ ...observation, draftId: finalDraftId(taskId, at), taskId, timestamp: at, final: true, ...(note ? { note } : {}) });
  // The screenshot shows the whole tab: the other frames' regions are blurred too (as for a top-frame step).
  if (screenshots && liveTab) await addOtherFrames(tabId, 0, draft);
  const pending: PendingStep = {
    draftId: draft.draftId, taskId, arrivedAt: await nextArrival(), draft, tabId, frameId: 0,
    noScreenshot: !screenshots, frame: screenshots ? null : { kind: 'none', note: 'site configured without screenshots' },
  };
  const memory = screenshots ? shotInMemory(draft.draftId) : null;
  try {
    const database = await db();
    const tx = database.transaction(['tasks', 'pending'], 'readwrite');
    const task = await tx.objectStore('tasks').get(taskId);
    if (task) await tx.objectStore('pending').put(pending);
    await tx.done;
    if (!task) {
      memory?.settled();
      return;
    }
  } catch (error) {
    memory?.settled();
    throw error;
  }
  if (!memory) return void kickProcessor();
  const sealed = attachShot(draft.draftId, frameOf(draft), memory);
  await Promise.race([sealed, new Promise((r) => setTimeout(r, FINAL_SHOT_WAIT_MS))]);
}
