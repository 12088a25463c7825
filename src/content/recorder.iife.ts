// Content script entry (IIFE so it runs at document_start, ahead of page
// scripts). Listeners are attached here, at once, whether or not a recording
// is on: a page's own capture listeners registered later cannot swallow
// events before the recorder sees them. Handlers do nothing until recording;
// while the recorder starts, their events wait at a gate (see start-gate).
//
// Runs in every frame. A frame whose ancestors are all same-origin is recorded
// by the top frame's recorder, which inlines it into one tree; other frames
// record themselves, map their coordinates through the frame-offset exchange
// and are joined into the top-level tree by the service worker.
import { Recorder } from './recorder';
import { Outbox } from './outbox';
import { initPointerObserver } from './observers/pointer-observer';
import { editAtEvent, initInputObserver } from './observers/input-observer';
import { initKeyObserver } from './observers/key-observer';
import { initScrollObserver } from './observers/scroll-observer';
import { initFormObserver } from './observers/form-observer';
import { initDragObserver } from './observers/drag-observer';
import { initNavigationObserver, watchExits } from './observers/navigation-observer';
import { watchPointerAbove } from './observers/pointer-above';
import { inFirefox } from '../platform/extension-info';
import { answerOffsetRequests, requestOffset } from './frame-offset';
import { initSettleNotifier } from './settle-notifier';
import { loadScrubber } from './redactor-loader';
import { onRecordingChange, readRecording } from '../platform/recording-flag';
import { ask, broadcast, onMessage } from '../platform/messaging';
import { mayReceive } from '../platform/sender';
import { isMessage, type RecordingState, type Reply } from '../core/messages';
import { passThroughRedactor } from '../core/redactor';
import { sensitiveFieldTest } from '../core/sensitive-field';
import { listen, throughGate } from './guard';
import { StartGate } from './start-gate';
import { watchPasswords } from './password-memory';
import { reportPlaceOnly } from './place-only';
import { WHOLE_SCREEN, type ScreenRegions } from '../core/tab-text-map';
import { defaultViewOf, isElement, queryAllIn, tagOf } from './dom-safe';
import { finalObservation } from './final-observation';
import { pageShown } from './page-shown';

const FRAME_TAGS = new Set(['iframe', 'frame']);
/** Reports again after a text walk the time cap cut: at most this many in a row, this far apart. */
const WALK_RETRIES = 2;
const WALK_RETRY_MS = 300;

/** How long a frame asked at Stop for its unacknowledged steps waits for them to be in (see Outbox.drain). */
const PAGE_DRAIN_MS = 5000;

/** Frames per tab get disjoint id ranges, so ids from different frames never collide. */
const IDS_PER_FRAME = 1_000_000;

function recordedByAncestor(win: Window): boolean {
  if (win === win.top) return false;
  try {
    return !!win.top && win.top.document !== undefined && !!win.frameElement;
  } catch {
    return false;
  }
}

/** Windows of same-origin frames inside `win`, recursively. */
function sameOriginFrames(win: Window): Window[] {
  const out: Window[] = [];
  for (const frame of queryAllIn(win.document, 'iframe, frame')) {
    try {
      const child = (frame as HTMLIFrameElement).contentWindow;
      if (child && child.document) out.push(child, ...sameOriginFrames(child));
    } catch {
      // cross-origin: it records itself
    }
  }
  return out;
}

/**
 * The blank document a tab starts with, before its first page: nothing to record, and no page a navigation
 * leaves. Firefox runs content scripts in it (`match_about_blank`), where it reported a load, so the tab's
 * first real page became a navigate step from "about:blank" (3 of 14 runs under load). A blank window a page
 * opened (and may write into) has an opener, and is recorded.
 */
function isNewTabBlank(win: Window): boolean {
  return win === win.top && win.location.href === 'about:blank' && !win.opener;
}

function main(): void {
  if (recordedByAncestor(window) || isNewTabBlank(window)) return;
  const rec = new Recorder(window, passThroughRedactor, new Outbox());
  // What every observer is given: they report to the recorder through it and never hold the recorder itself.
  const param = rec.observerParam();
  // Firefox's own Back and Forward do not say they are the person's; the pointer up at its toolbar does (see pointer-above).
  const exits = watchExits(window, inFirefox() ? watchPointerAbove(window) : null);
  // Holding from now: whether a recording is on is not known yet (see start-gate).
  const gate = new StartGate(editAtEvent(param));

  // Attached now, at document_start. Keyed by document: a frame's window object stays the same when the frame
  // loads another page, but listeners on it went with the old document.
  const attached = new WeakSet<Document>();
  const attach = (win: Window): void => {
    if (attached.has(win.document)) return;
    attached.add(win.document);
    // Recording or not: a password may be typed and shown as text before Start (see password-memory).
    watchPasswords(win);
    // Order matters where observers share a gesture: pointer before input and drag. Their events wait at the
    // gate while the recorder starts.
    throughGate(gate, () => {
      initPointerObserver(win, param);
      initInputObserver(win, param);
      initKeyObserver(win, param);
      initScrollObserver(win, param);
      initFormObserver(win, param);
      initDragObserver(win, param);
    });
    // A frame inside this document that loads a page (a late frame, a frame navigated) is attached at once:
    // its load event passes this document in capture (it never reaches the window).
    listen(win.document, 'load', (event) => {
      const frame = event.target as HTMLIFrameElement | null;
      if (!frame || !isElement(frame) || !FRAME_TAGS.has(tagOf(frame))) return;
      try {
        const child = frame.contentWindow;
        if (child?.document) attach(child);
      } catch {
        // cross-origin: it records itself
      }
    });
  };
  attach(window);
  // Same-origin frames that appear later (added by script, or loading a page after the recorder started): attached
  // as the snapshot reads their document into the tree, which it does at every settle, and at the window's load.
  listen(window, 'load', () => sameOriginFrames(window).forEach(attach));
  rec.snapshotter.onFrameDocument = (doc) => {
    const win = defaultViewOf(doc);
    if (win) attach(win);
  };
  // Registered before the navigation observer's: drafts are emitted and handed over before the page state is taken.
  listen(window, 'pagehide', () => rec.leave());

  let sessionStops: (() => void)[] = [];
  let starting: Promise<void> | null = null;
  /** Stops seen so far: a start that a Stop overtook while it loaded does not begin (the chain starts again if asked). */
  let stopsSeen = 0;

  const start = async (state: RecordingState, atPageLoad: boolean, stopsBefore: number): Promise<void> => {
    if (rec.recording) {
      rec.updateState(state);
      return;
    }
    const top = window === window.top;
    const asked = ask<'frame/hello'>({ kind: 'frame/hello' });
    const scrubber = await loadScrubber();
    if (stopsSeen !== stopsBefore) return;
    // A site the user excluded: nothing is recorded here. A frame of it inside a recorded page still shows in
    // that page's screenshots, so it says where it is (and nothing else): the worker blurs its whole box.
    if (scrubber.neverRecord(window.location.href)) {
      if (!top && state.frameSecret) {
        sessionStops.forEach((s) => s());
        sessionStops = reportPlaceOnly(window, state.frameSecret, asked);
      }
      return;
    }
    // The top frame is frame 0 and needs nothing else from the worker to record: it starts at once, even while
    // the worker restarts, and learns its tab when the worker answers. A subframe needs its number first.
    const hello = top ? null : await asked;
    if (stopsSeen !== stopsBefore) return;
    const sensitive = sensitiveFieldTest(scrubber.config.sensitive_fields);
    rec.useSensitive(sensitive);
    rec.snapshotter.configure(scrubber.config.mask_selectors, scrubber.replacementFor('mask'), scrubber.config.recorder.dom_max_chars, sensitive);
    rec.begin(state, scrubber, (hello?.frameId ?? 0) * IDS_PER_FRAME + 1, hello && { tabId: hello.tabId, frameId: hello.frameId });
    if (top) {
      // Asked until answered: a worker that restarted slowly may let the first round of asking run out, and
      // each action asks again, so the page can still hand its state and steps over when it goes away.
      let asking: Promise<unknown> | null = null;
      const locate = (question: Promise<Reply<'frame/hello'>>): void => {
        asking = question.then((h) => rec.locate({ tabId: h.tabId, frameId: 0 }))
          .catch((e: unknown) => console.debug('[alien-dataflow] no tab id yet', e))
          .finally(() => { asking = null; });
      };
      locate(asked);
      rec.whenUnlocated(() => { if (!asking) locate(ask<'frame/hello'>({ kind: 'frame/hello' })); });
    }
    sameOriginFrames(window).forEach(attach);
    // Frames exchange offsets only while recording (when not, a page sees no sign of the extension), over
    // signed channels (see frame-offset).
    const secret = state.frameSecret ?? '';
    const stops: (() => void)[] = [initNavigationObserver(window, param, atPageLoad, exits)];
    // At Stop the worker asks every frame for the steps it still holds unacknowledged, before it ends the task.
    stops.push(onMessage((raw, sender): Promise<Reply<'page/drain'>> | undefined => {
      if (!isMessage(raw) || raw.kind !== 'page/drain' || !rec.recording || !mayReceive(raw.kind, sender)) return undefined;
      return rec.sendUnsent(PAGE_DRAIN_MS).then((unsent) => ({ unsent }));
    }));
    // Each answer carries the top window's scroll it holds at, passed down from the top frame.
    const measuredOffset = () => ({ ...rec.offsetOf(null), topScroll: rec.topScroll() });
    if (secret) stops.push(answerOffsetRequests(window, secret, measuredOffset, (frame, id) => rec.snapshotter.setFrameId(frame, id)));
    // Every frame reports its screen regions as it settles: the worker keeps them in the tab's text map and
    // blurs every capture of the tab from all frames' regions, whichever frame a step comes from.
    let placed = top;
    // A walk the time cap cut (a busy moment: a page still loading, OCR starting) leaves the rest of the screen
    // to OCR, seconds of it: the frame reports again soon, and the capture that follows has the whole map.
    let walkRetries = 0;
    let walkRetry: ReturnType<typeof setTimeout> | null = null;
    // The first change after each report is told to the worker (once per report): a capture that report asked
    // for may be taken after it, showing a page the report's map does not describe (see core/report-history).
    let reported = false;
    const firstChange = (): void => {
      if (!reported) return;
      reported = false;
      broadcast({ kind: 'page/changed', at: Date.now() });
    };
    const reportSettled = (lastChangeAt: number): void => {
      if (!rec.recording) return;
      reported = true;
      const topScroll = rec.topScroll();
      // A subframe whose place in the tab is not known yet would report boxes in the wrong place: it only
      // says it settled (the top frame's snapshot reads its area by OCR meanwhile).
      if (!placed) {
        broadcast({ kind: 'page/settled', lastChangeAt });
        return;
      }
      let regions: ScreenRegions;
      try {
        const snap = rec.snapshotter.snapshot();
        // The text this frame's DOM read and scrubbed, on screen: a line the worker's detector finds elsewhere is
        // read by OCR. A list cut short by its caps only means more of the frame is read.
        const text = rec.snapshotter.textBoxes();
        regions = { redacted: snap.redactedRegions, media: snap.mediaRegions, explained: text.boxes };
        if (walkRetry) clearTimeout(walkRetry);
        walkRetry = null;
        if (!text.timedOut) walkRetries = 0;
        else if (walkRetries < WALK_RETRIES) {
          walkRetries++;
          walkRetry = setTimeout(() => {
            walkRetry = null;
            reportSettled(rec.snapshotter.lastChangeAt);
          }, WALK_RETRY_MS);
        }
      } catch (error) {
        // Whatever a page did to break the measuring, the capture still happens: a subframe without regions in
        // the tab's map is blurred whole, and the top frame's whole frame is read by OCR.
        console.debug('[alien-dataflow] regions not measured', error);
        broadcast({ kind: 'page/settled', lastChangeAt, ...(top ? { regions: { redacted: [], media: [WHOLE_SCREEN] } } : {}) });
        return;
      }
      broadcast({
        kind: 'page/settled', lastChangeAt, ...(topScroll ? { topScroll } : {}),
        regions,
        ...(top ? {} : { frameBox: { ...rec.offsetOf(null), width: window.innerWidth, height: window.innerHeight } }),
      });
    };
    let askOffset: (() => void) | null = null;
    const settle = initSettleNotifier(window, () => rec.snapshotter.lastChangeAt, (lastChangeAt) => {
      reportSettled(lastChangeAt);
      // A subframe may have moved with the page around it: its regions are sent again once its offset is known.
      askOffset?.();
    }, () => {
      rec.snapshotter.noteViewChange();
      firstChange();
    });
    rec.snapshotter.onChange = () => {
      firstChange();
      settle.changed();
    };
    stops.push(settle.stop, () => { if (walkRetry) clearTimeout(walkRetry); });
    if (!top) {
      if (secret && hello) {
        const channel = requestOffset(window, secret, hello.frameId, (o) => {
          const moved = rec.placeFrame(o);
          if (moved || !placed) {
            placed = true;
            reportSettled(rec.snapshotter.lastChangeAt);
          }
        });
        askOffset = channel.ask;
        stops.push(channel.stop, listen(window, 'pointerdown', channel.ask));
      }
    } else {
      // The worker joins a cross-origin frame's step into this frame's tree.
      stops.push(onMessage((raw, sender): Promise<Reply<'frame/snapshot'>> | undefined => {
        // Only the worker may ask; content scripts cannot message each other this way anyway.
        if (!isMessage(raw) || raw.kind !== 'frame/snapshot' || !rec.recording || !mayReceive(raw.kind, sender)) return undefined;
        const snap = rec.snapshotter.snapshot();
        return Promise.resolve({
          xml: snap.xml, axtree: snap.axtree, redactedRegions: snap.redactedRegions, mediaRegions: snap.mediaRegions, topScroll: rec.topScroll(),
        });
      }));
      // At Stop the worker asks for the page as it is now: the task's final state.
      stops.push(onMessage((raw, sender): Promise<Reply<'page/final'>> | undefined => {
        if (!isMessage(raw) || raw.kind !== 'page/final' || !rec.recording || !mayReceive(raw.kind, sender)) return undefined;
        return Promise.resolve(finalObservation(rec, window));
      }));
    }
    sessionStops = stops;
  };

  const stop = (): void => {
    stopsSeen++;
    // Events held for a start this Stop overtook: that recording never began here, and the next is not theirs.
    gate.discard();
    rec.end();
    sessionStops.forEach((s) => s());
    sessionStops = [];
  };

  // A page Chrome prerenders is not shown yet: it starts once shown, and its showing is its arrival (see page-shown).
  const { shown, arriving } = pageShown(document);
  // Every start goes through one chain, each with the recording as it is when its turn comes: a Start (or a
  // Start and a Stop) made while the page was unseen, or just as it loaded, starts it once, or not at all.
  // Starts asked for and not yet done: the gate holds until the recorder has begun (what it held then runs as the
  // recorder's, read late), or until there are none (what it held runs to observers that ignore them).
  let startsUnderway = 1;
  const startNow = (atPageLoad: boolean) => async (): Promise<void> => {
    try {
      // Counted before the read: a state read before a Stop and answered after it is not started from.
      const stopsBefore = stopsSeen;
      const state = await readRecording();
      if (state && stopsSeen === stopsBefore) await start(state, arriving(atPageLoad), stopsBefore);
    } finally {
      // Once begun, at once (a later start asked meanwhile only updates the state): held clicks must not come after
      // keys and typing the recorder takes live from now.
      startsUnderway--;
      if (rec.recording) gate.open((at, run) => rec.replayHeld(at, run));
      else if (startsUnderway === 0) gate.open();
    }
  };
  starting = shown.then(startNow(true)).catch((error) => console.debug('[alien-dataflow] recorder not started', error));
  onRecordingChange((state) => {
    if (state) {
      // A Start just pressed: the person may act on this page before its recorder has begun.
      startsUnderway++;
      if (!rec.recording) gate.close();
      starting = (starting ?? shown).then(startNow(false)).catch((e) => console.debug('[alien-dataflow] start failed', e));
    } else stop();
  });
}

main();
