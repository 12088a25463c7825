// Start and stop a recording. The session lives in storage.local and
// IndexedDB, never only in worker memory, so a stopped worker loses nothing.
import type { RecordingState, Reply } from '../core/messages';
import type { Task } from '../core/task';
import { clearEarlyMarks, db } from '../platform/db';
import { readRecording, writeRecording } from '../platform/recording-flag';
import { broadcast } from '../platform/messaging';
import { showRecordingBadge } from './badge';
import { storageProblem } from './storage-health';
import { activeTab, activeTabsOfWindows } from '../platform/tabs';
import { captureSettled } from './capture-scheduler';
import { tabMemory } from './tab-memory';
import { clearHandoff } from '../platform/page-handoff';
import { fullScrubber, publishConfig } from './scrubber-state';
import { ingestUnsent } from './step-intake';
import { warmImageWork } from './frame-scrub-client';
import { takeFinalState } from './final-state';
import { drainPages } from './page-drain';
import { closedTabWorkDone, duringStop, noteStopFront } from './closed-tab-work';
import { arrivalsUndecided, decisionsUnderWay, forgetAllEarlySteps } from './arrival-stamps';

export async function startRecording(instruction: string): Promise<RecordingState> {
  const current = await readRecording();
  if (current) await stopRecording();
  // The instruction is stored and exported with every step: scrubbed like page text ("Email Jane Roe at …").
  const text = (await fullScrubber()).redact(instruction.trim()).text;
  if (!text) throw new Error('Type the task first: what are you about to do?');
  const task: Task = { id: crypto.randomUUID(), instruction: text, status: 'recording', createdAt: Date.now(), endedAt: null, stepCount: 0, recordedCount: 0 };
  await (await db()).put('tasks', task);
  // Drafts an earlier task's pages handed over are taken in before the slate is wiped.
  await ingestUnsent(0);
  await clearHandoff(true);
  await tabMemory.clearAll();
  const frameSecret = Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');
  const state: RecordingState = { taskId: task.id, instruction: text, startedAt: task.createdAt, frameSecret };
  // Before the flag: pages that see the flag read the config without asking this worker.
  await publishConfig();
  await writeRecording(state);
  await showRecordingBadge(0);
  broadcast({ kind: 'recording/changed', state, stepCount: 0, recordedCount: 0 });
  // Measured: the first step's image work took 4.2 s on the 16k-element page, 2.6 s of it loading the detector.
  void warmImageWork().catch((error: unknown) => console.warn('[alien-dataflow] image work not warmed', error));
  // The tab in front of each window: a switch in a window is from its own tab in front (see onTabActivated).
  for (const front of await activeTabsOfWindows().catch(() => [])) {
    if (front.id !== undefined && front.windowId !== undefined) await tabMemory.setActiveIn(front.windowId, front.id);
  }
  const tab = await activeTab();
  if (tab?.id !== undefined) {
    await tabMemory.setActiveTab(tab.id);
    // The page the recording starts on, as a page load would have noted it: a navigation away from it before
    // any step there still knows which page it left (see navigation-steps).
    if (tab.url) {
      // Raw from the browser: scrubbed with NER, as the page scrubs its own address.
      await tabMemory.setLoadedPage(tab.id, (await fullScrubber()).redactUrl(tab.url).text);
      // Its frames count from now: frames kept from before the recording are no evidence of what it shows.
      await tabMemory.notePage(tab.id, tab.url, Date.now());
    }
    void captureSettled(tab);
  }
  return state;
}

/** Longest Stop waits for the tabs' load reports still on their way (see arrival-stamps). */
const STOP_WAITS_FOR_ARRIVALS_MS = 3000;

/** The Stop under way: a second Stop (the popup asked again) joins it rather than clearing the memory beside it. */
let stopping: Promise<Task | null> | null = null;

export function stopRecording(): Promise<Task | null> {
  stopping ??= duringStop(stopNow).finally(() => { stopping = null; });
  return stopping;
}

async function stopNow(): Promise<Task | null> {
  noteStopFront(await tabMemory.activeTab().catch(() => null));
  const state = await readRecording();
  // First the steps pages still hold unacknowledged, while they record and before any arrival is waited for:
  // a step sent after the arrivals were forgotten would wait for a decision that no longer comes.
  if (state) await drainPages().catch((e: unknown) => console.warn('[alien-dataflow] pages not drained at Stop', e));
  // A tab closed just before Stop: its final state and its page's unsent edits are filed while its memory stands.
  if (state) await closedTabsSettled();
  // A page reached while recording whose report is still being decided, or on its way (its steps said so), is
  // a navigation of the task: decided before the memory it is decided from is cleared below. A report on its way
  // is waited for 3 s; one being decided, until its decision ends (a hung one, HOLD_MAX_MS): the steps its page
  // sent first wait for it by the marks cleared below, and once cleared would be numbered before it.
  const undecided = (): Promise<boolean> => arrivalsUndecided(tabMemory.arrivalDecided).catch(() => false);
  for (const until = Date.now() + STOP_WAITS_FOR_ARRIVALS_MS; state && (decisionsUnderWay() || (Date.now() < until && await undecided()));) {
    await new Promise((r) => setTimeout(r, 50));
  }
  // Then no step waits for a report any more: the decided arrivals are forgotten below, and a step still marked
  // would wait out its 15 s (and an export with it), or be taken for one of the next recording's.
  forgetAllEarlySteps();
  await clearEarlyMarks().catch((e: unknown) => console.warn('[alien-dataflow] early steps not cleared', e));
  // The task's final state first, while its page still records (it answers only then): durable before Stop
  // returns; its frame and image work follow on their own. A failure costs the final state, never the stop.
  if (state) await takeFinalState(state.taskId).catch((e: unknown) => console.warn('[alien-dataflow] no final state', e));
  // The task is marked ended before anyone is told the recording stopped: an Export pressed the moment the
  // popup shows "Not recording" must find it finished (it used to race this write, and could leave it out).
  // And before the flag is cleared: a stop cut off between the two is finished by the next one (the popup
  // asks again), where the other order left the task "recording" for good.
  // And a tab closed since (its edits only: the page in front at Stop is the final state), before anything is cleared.
  if (state) await closedTabsSettled();
  const ended = state ? await endTask(state.taskId) : null;
  await writeRecording(null);
  // Navigation memory (pages' last states, tab facts) is kept only while recording.
  await clearHandoff(false);
  await tabMemory.clearAll();
  await showRecordingBadge(null);
  broadcast({ kind: 'recording/changed', state: null, stepCount: 0, recordedCount: 0 });
  return ended;
}

async function closedTabsSettled(): Promise<void> {
  if (!(await closedTabWorkDone())) console.warn('[alien-dataflow] at Stop, a closed tab\'s work had not ended');
}

/** In one transaction, so a step stored meanwhile (which counts itself into the task) is not counted away. */
async function endTask(taskId: string): Promise<Task | null> {
  const tx = (await db()).transaction('tasks', 'readwrite');
  const task = await tx.store.get(taskId);
  // Ended once: a stop asked again keeps the first end.
  const ended: Task | null = task && task.status === 'recording' ? { ...task, status: 'review', endedAt: Date.now() } : (task ?? null);
  if (ended && ended !== task) await tx.store.put(ended);
  await tx.done;
  return ended;
}

export async function recordingStatus(): Promise<Reply<'recording/get'>> {
  const state = await readRecording();
  const problem = await storageProblem();
  if (!state) return { state: null, stepCount: 0, recordedCount: 0, storageProblem: problem };
  const task = await (await db()).get('tasks', state.taskId);
  const stepCount = task?.stepCount ?? 0;
  return { state, stepCount, recordedCount: task?.recordedCount ?? stepCount, storageProblem: problem };
}
