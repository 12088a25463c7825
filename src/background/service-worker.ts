// Service worker entry. Listeners are registered synchronously at top level
// (a worker woken by an event must find its listener at once); every handler
// reads state from storage, never from globals that die with the worker.
import { isMessage, type Message, type MessageKind } from '../core/messages';
import { isHeldText } from '../core/held-text';
import { onMessage, type HandlerMap, type Handler, type Sender } from '../platform/messaging';
import { onExtensionStarted, onTabActivated as onTabBroughtForward, onTabAttached, onTabClosed, onTabCreated, onTabDetached, onTopFrameCommitted } from '../platform/browser-events';
import { mayReceive, senderKind } from '../platform/sender';
import { onRecordingChange, readRecording } from '../platform/recording-flag';
import { clearExitsUpTo } from '../platform/page-handoff';
import { listTasks } from '../platform/db';
import { ingestUnsent, recordStep } from './step-intake';
import { takeInGonePageEdits } from './gone-page-edits';
import { dropUnheldTexts, holdEdit, holdEditText, inTabEditOrder, releaseEdit } from './held-edits';
import { kickProcessor } from './step-processor';
import { recordingStatus, startRecording, stopRecording } from './recording-session';
import { captureSettled, forgetTab, shotsOfTab } from './capture-scheduler';
import { finalOfClosedTab } from './final-state';
import { closedTabWork, closingLeavesFinal } from './closed-tab-work';
import { reportHistory } from './report-history';
import { cancelExport, exportProgressed, handOverZip, resumeCutOffExports, startExport } from './export-control';
import { showRecordingBadge } from './badge';
import { activeConfig, saveConfig } from './scrubber-state';
import { sitePolicy } from '../core/site-policy';
import { DEFAULT_CONFIG_TEXT } from '../core/scrub/default-config';
import { onPageLoaded, onTabActivated, onTabMoved } from './navigation-steps';
import { tabMemory } from './tab-memory';
import { scrollOffset } from '../core/view-shift';
import { keyedQueue } from '../core/keyed-queue';
import { awakeWhile, holdAwakeSteadily } from '../platform/keep-awake';
import { isLeftPage, isPageExit, takeInExitNote, takeInLeftPage } from './page-leaving-intake';
import { tabTextMap } from './tab-text-map';
import { keepFrameRegions } from './frame-regions-intake';
import { saveOutcome, saveThought } from './review-edits';
import { onWake } from '../platform/wake-alarm';

/**
 * A leaving page's note, taken in only from a tab's top frame (under the browser's own tab id), only when it is
 * well formed, and only while recording; answered the same either way, so a page learns nothing from the reply.
 */
async function whileRecordingInTopFrame(sender: Sender, wellFormed: boolean, take: (tabId: number) => Promise<void>): Promise<{ ok: true }> {
  const tabId = sender.tab?.id;
  if (tabId !== undefined && sender.frameId === 0 && wellFormed && await readRecording()) await take(tabId);
  return { ok: true };
}

const handlers: HandlerMap = {
  'recording/start': async (m) => {
    try {
      return { ok: true, state: await startRecording(m.instruction) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  },
  'recording/stop': async () => ({ ok: true, task: await stopRecording() }),
  'recording/get': () => recordingStatus(),
  'tasks/list': async () => ({ tasks: await listTasks() }),
  'config/get': async () => ({ ...(await activeConfig()), defaultText: DEFAULT_CONFIG_TEXT }),
  'config/save': (m) => saveConfig(m.text),
  'export/start': async (m) => {
    try {
      return await startExport(m.options, m.exportId);
    } catch (error) {
      return { ok: false, error: String(error) };
    }
  },
  'export/cancel': async (m) => {
    await cancelExport(m.exportId);
    return { ok: true };
  },
  'review/thought': (m) => saveThought(m),
  'review/outcome': (m) => saveOutcome(m),
  'step/record': async (m, sender) => {
    // Only the top frame's page reports its load: a subframe's word on it is not taken.
    const afterArrival = sender.frameId === 0 && typeof m.afterArrival === 'number' ? m.afterArrival : undefined;
    const reply = await recordStep(m.draft, sender, { afterArrival });
    // Only a type step can have a held draft (background/held-edits): no storage call for any other step.
    const tabId = sender.tab?.id;
    if (reply.ok && m.draft.action.type === 'type' && tabId !== undefined) await inTabEditOrder(tabId, () => releaseEdit(tabId, m.draft.draftId));
    return reply;
  },
  'page/settled': async (m, sender) => {
    // Filed before anything is awaited, so a 'page/changed' sent after this report is filed after it.
    const at = Date.now();
    if (sender.tab?.id !== undefined) reportHistory.reported(sender.tab.id, sender.frameId ?? 0, at);
    if (!sender.tab || !(await readRecording())) return { ok: true };
    // The frame's regions go into the tab's text map first: the capture this settle asks for is blurred from them.
    // A map that cannot be written (storage.session full) leaves that frame late, so blurred whole: still capture.
    await keepFrameRegions(m, sender, at).catch((e: unknown) => console.warn('[alien-dataflow] a frame\'s regions not kept', e));
    // Only the top frame knows the offset the tab is shown at.
    const topScroll = sender.frameId === 0 ? scrollOffset(m.topScroll) : undefined;
    void captureSettled(sender.tab, topScroll);
    return { ok: true };
  },
  'page/changed': (m, sender) => {
    if (sender.tab?.id !== undefined && typeof m.at === 'number') reportHistory.changed(sender.tab.id, sender.frameId ?? 0, m.at);
    return { ok: true };
  },
  'frame/hello': async (_m, sender) => ({
    frameId: sender.tab?.id === undefined ? 0 : await tabMemory.frameNumber(sender.tab.id, sender.frameId ?? 0),
    tabId: sender.tab?.id ?? -1, recording: await readRecording(),
  }),
  'page/exit': (m, sender) => whileRecordingInTopFrame(sender, isPageExit(m.exit) && typeof m.page === 'number',
    (tabId) => takeInExitNote(tabId, m.exit, m.page)),
  'page/left': (m, sender) => whileRecordingInTopFrame(sender, isLeftPage(m.left), (tabId) => takeInLeftPage(tabId, m.left)),
  // Arriving is most of its work: a page with an edit not yet sent keeps the worker awake (see input-observer).
  'page/typing': async (m, sender) => {
    const tabId = sender.tab?.id;
    if ((!m.draft && !m.edit && !m.undone) || tabId === undefined) return { ok: true };
    await inTabEditOrder(tabId, async () => {
      if (typeof m.undone === 'string') await releaseEdit(tabId, m.undone);
      if (!(await readRecording())) return;
      // Only what intake would take: typing on a site kept out of recording is not held either (it would become a
      // step when its page goes).
      const { config } = await activeConfig();
      if (!sitePolicy(config.sites, sender.tab?.url, sender.url).record) return;
      if (m.draft) await holdEdit({ draft: m.draft, tabId, frameId: await tabMemory.frameNumber(tabId, sender.frameId ?? 0), savedAt: Date.now() });
      if (isHeldText(m.edit)) await holdEditText(tabId, m.edit.draftId, m.edit.text);
    });
    return { ok: true };
  },
  'page/loaded': async (m, sender) => {
    if (sender.tab && sender.frameId === 0) await onPageLoaded(sender.tab, { url: m.url, navigation: m.navigation, at: m.at, origin: m.origin, ...(typeof m.loadedUrl === 'string' ? { loadedUrl: m.loadedUrl } : {}) });
    return { ok: true };
  },
  'export/ready': (m) => handOverZip(m),
  'export/progress': (m) => exportProgressed(m.progress),
};

onMessage((raw, sender) => {
  if (!isMessage(raw) || 'target' in raw) return undefined;
  const handler = handlers[raw.kind] as Handler<MessageKind> | undefined;
  if (!handler) return undefined;
  if (!mayReceive(raw.kind, sender)) {
    console.warn(`[alien-dataflow] refused ${raw.kind} from ${senderKind(sender) ?? 'an unknown sender'}`);
    return undefined;
  }
  // Firefox unloads an idle event page even while a reply is pending (the sender then gets "Receiving end
  // does not exist"; measured with a 4 s handler at a 1 s idle timeout): every handler keeps it awake.
  return awakeWhile(Promise.resolve().then(() => handler(raw as Message & { kind: MessageKind } as never, sender)));
});

onTabClosed((tabId) => {
  // The task's tab closing leaves its last page as the final state for now: its frames are taken before they go.
  const shots = [...shotsOfTab(tabId)];
  // During a Stop, only the tab in front at Stop: a background tab's page handed over later would replace the Stop's.
  if (closingLeavesFinal(tabId)) void awakeWhile(closedTabWork(() => finalOfClosedTab(tabId, shots))).catch((e: unknown) => console.warn('[alien-dataflow] final state of a closed tab', e));
  forgetTab(tabId);
  void clearExitsUpTo(tabId).catch(() => undefined);
  void tabTextMap.forget(tabId);
  // An edit its page could not send as it closed (Firefox) becomes its step now.
  void awakeWhile(closedTabWork(() => inTabEditOrder(tabId, async () => { await takeInGonePageEdits(tabId); await dropUnheldTexts(tabId); })))
    .catch((e: unknown) => console.warn('[alien-dataflow] held edits of a closed tab', e));
});
// How each top-level page was reached (typed, reload, back/forward, link): decides navigation steps.
// Kept only while recording: when not, the worker remembers no address at all.
onTopFrameCommitted(({ tabId, ...commit }) => {
  // A new top-level document has new frames: the regions of the old ones no longer describe the screen.
  void awakeWhile(readRecording().then(async (recording) => {
    if (!recording) return;
    await tabTextMap.forgetFrame(tabId, 0);
    await tabMemory.notePage(tabId, commit.url, commit.at);
    await tabMemory.setCommit(tabId, commit);
  }));
});
// The browser's tab events, one at a time in the order they came: a tab moved to another window is detached,
// attached, then brought forward, and each handler awaits storage (see onTabMoved).
const tabEvents = keyedQueue<'tabs'>();
const inTabEventOrder = (work: () => Promise<void>): void => void awakeWhile(tabEvents('tabs', work)).catch((e: unknown) => console.warn('[alien-dataflow] tab event', e));
onTabCreated((tabId) => inTabEventOrder(() => tabMemory.markNewTab(tabId)));
onTabBroughtForward((tabId, windowId) => { const at = Date.now(); inTabEventOrder(() => onTabActivated(tabId, at, windowId)); });
onTabDetached((tabId, windowId) => inTabEventOrder(() => onTabMoved(tabId, windowId, null)));
onTabAttached((tabId, windowId) => inTabEventOrder(() => onTabMoved(tabId, null, windowId)));

// While a recording is on the worker stays up (see holdAwakeSteadily): its settled frames are the screenshots
// before the person's next action, however long they pause. Also after a restart that finds a recording on.
// A change says what the flag is now, in the order changes are made; the read at start counts only if no change
// came first (answering after a Stop's change, it would turn the hold back on for good).
let flagChanged = false;
onRecordingChange((state) => {
  flagChanged = true;
  holdAwakeSteadily(state !== null);
});
void readRecording().then((state) => { if (!flagChanged) holdAwakeSteadily(state !== null); }, () => undefined);
// A browser restart keeps storage.local: show the badge if a recording is still on.
const restoreBadge = async (): Promise<void> => {
  const status = await recordingStatus();
  await showRecordingBadge(status.state ? status.stepCount : null);
};
onExtensionStarted(() => void restoreBadge());
// Steps a stopped worker accepted but did not finish are resumed as soon as it starts again, and drafts
// that pages handed over while it was stopped are taken in.
void kickProcessor();
// The alarm armed while steps are pending: it starts a stopped worker, and the kick above resumes them.
onWake(() => void kickProcessor());
// An export a stopped worker left under way runs again (export-ledger); the alarm is for a worker nothing else wakes.
const resumeExports = (): void => void awakeWhile(resumeCutOffExports()).catch((e: unknown) => console.warn('[alien-dataflow] resuming an export failed', e));
resumeExports();
onWake(resumeExports, 'resume-exports');
void awakeWhile(ingestUnsent(0)).catch((e: unknown) => console.warn('[alien-dataflow] hand-over intake failed', e));
