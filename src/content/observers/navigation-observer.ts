// Navigation. Cross-document navigations (typed URL, reload, back/forward,
// links) are reported by the *next* page: this page sends its last state when
// it is hidden, and the new page says how it was reached; the service worker
// joins the two into one `navigate` step unless an action already explains it.
// Same-document history moves (back/forward inside an app) become steps here.
import type { ObserverParam } from './observer-param';
import type { NavigationKind, PageState } from '../../core/page-state';
import type { Message } from '../../core/messages';
import type { Arrival, PageExit } from '../../core/navigation-chain';
import { send } from '../../platform/messaging';
import { answerWithin, isGone } from '../../core/ask-again';
import { saveExit, saveLeaving } from '../../platform/page-handoff';
import { listen } from '../guard';
import { referrerOf } from '../dom-safe';
import { observedPage } from '../recorder';
import type { PointerAbove } from './pointer-above';
import { eventElement, isTextField } from '../dom-utils';
import { focusedWithin } from '../focused-element';
import { exitMessages } from '../exit-messages';

const IMPLIED_MS = 1000;
/** A navigation this soon after a trusted input in the page may be that input's doing (a key, a mouse's back button). */
const INPUT_MS = 1000;
/** Trusted input: what a person does in the page (a script's synthetic events are not trusted). */
const INPUT_EVENTS = ['pointerdown', 'mousedown', 'keydown', 'touchstart'] as const;

/** Keys that, pressed in a field, are no part of writing in it: they send a form, leave the field or the page. */
const KEYS_BEYOND_WRITING = /^(Enter|Tab|Escape|F\d{1,2}|Browser[A-Z]\w*)$/;

/**
 * A keystroke writing into a field (a character, a correction, a caret move, Shift for a capital): a person
 * typing asks for no navigation, and a page's script timed to move within a second of one (history.back(), a
 * `location = …`, a pushState loop) must not pass as theirs. Enter, Tab, Escape and shortcuts still vouch, as
 * does any key outside a field (a site's own single-key shortcuts).
 */
export function isWritingKey(e: Event): boolean {
  if (e.type !== 'keydown') return false;
  const key = e as KeyboardEvent;
  if (key.ctrlKey || key.metaKey || key.altKey || KEYS_BEYOND_WRITING.test(key.key)) return false;
  const el = eventElement(e);
  return !!el && isTextField(focusedWithin(el));
}

interface NavigateEventLike extends Event {
  navigationType: 'push' | 'replace' | 'reload' | 'traverse';
  destination: { url: string; sameDocument: boolean };
  hashChange: boolean;
  userInitiated: boolean;
}

export type NavigationObserverParam = Pick<ObserverParam, 'recording' | 'lastStep' | 'where' | 'capture' | 'emit' | 'leave' | 'redactUrl' | 'reportingArrival'>;

export function pageState(recorder: Pick<ObserverParam, 'capture'>, win: Window): PageState {
  const pre = recorder.capture(null);
  return { at: pre.time, ...observedPage(pre, win) };
}

/**
 * The worker acknowledges a load only once the navigation step it implies is stored; until then, retry, as
 * often as a worker restart needs. Resolves true once acknowledged.
 */
async function reportLoaded(message: Extract<Message, { kind: 'page/loaded' }>): Promise<boolean> {
  for (let attempt = 0; attempt < 12; attempt++) {
    try {
      if ((await answerWithin(send<'page/loaded'>(message)))?.ok) return true;
    } catch (error) {
      if (isGone(error)) return false;
    }
    await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 5000)));
  }
  return false;
}

function howReached(win: Window): NavigationKind {
  const entry = win.performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  if (entry?.type === 'reload') return 'reload';
  if (entry?.type === 'back_forward') return 'back_forward';
  return referrerOf(win.document) ? 'link' : 'typed';
}

/**
 * Who is sending the page away, watched from document_start whether or not a recording is on: the last trusted
 * input, and the last navigate event away from this document (see core/navigation-chain's PageExit). A recording
 * that starts while the page is already on its way out (its script set `location` a moment before) still knows,
 * at pagehide, that no person asked for it. A page cannot see these listeners.
 */
export interface ExitWatch {
  byPerson(event: Event): boolean;
  /** The browser's own interface made this navigation (its Back or Forward): never a click's effect. */
  browserUi(event: Event): boolean;
  readonly exit: PageExit | null;
}

export function watchExits(win: Window, toolbarPointer: PointerAbove | null = null): ExitWatch {
  // Only a top-level page is left by navigating (a frame's navigations are its parent page's business).
  if (win !== win.top) return { byPerson: () => false, browserUi: () => false, exit: null };
  let inputAt = 0;
  let exit: PageExit | null = null;
  // Chromium says so (userInitiated); in Firefox, which does not, the person's pointer is up at the toolbar.
  // Asked more than once per event (here, then by the observer): the first answer stands, as the pointer's leave
  // is spent on the traversal it is credited to (see PointerAbove.spend).
  const answered = new WeakMap<Event, boolean>();
  const browserUi = (e: Event): boolean => {
    const event = e as NavigateEventLike;
    if (event.userInitiated) return true;
    const known = answered.get(e);
    if (known !== undefined) return known;
    const byToolbar = event.navigationType === 'traverse' && !!toolbarPointer?.above();
    if (byToolbar) toolbarPointer?.spend();
    answered.set(e, byToolbar);
    return byToolbar;
  };
  const byPerson = (e: Event): boolean => browserUi(e) || Date.now() - inputAt < INPUT_MS;
  // Capture on the window, registered at document_start: before any listener of the page's, which cannot hide an input from it.
  for (const type of INPUT_EVENTS) {
    listen(win, type, (e) => {
      if (e.isTrusted && !isWritingKey(e)) inputAt = Date.now();
    });
  }
  const nav = (win as Window & { navigation?: EventTarget }).navigation;
  if (nav) {
    listen(nav, 'navigate', (e) => {
      if ((e as NavigateEventLike).destination.sameDocument) return;
      const noted: PageExit = { at: Date.now(), byPerson: byPerson(e) };
      exit = noted;
      // The page's own listeners run after this one and may cancel it (preventDefault): then the page stays, and
      // a cancelled `location = …` would make the browser's own way out (its Back or Reload button, which fires
      // no navigate event) look like the script's for EXIT_FRESH_MS, and the person's step would be dropped.
      queueMicrotask(() => {
        if (e.defaultPrevented && exit === noted) exit = null;
      });
    });
  }
  return { byPerson, browserUi, get exit() { return exit; } };
}

/** The address the document was loaded at: its navigation timing entry's name, which pushState does not change. */
function loadedAddress(win: Window): string | null {
  try {
    const entry = win.performance.getEntriesByType('navigation')[0];
    return entry ? entry.name : null;
  } catch {
    return null;
  }
}

/** `atPageLoad`: the recorder started with this page (not when recording began mid-page). */
export function initNavigationObserver(win: Window, recorder: NavigationObserverParam, atPageLoad: boolean, exits: ExitWatch): () => void {
  if (win !== win.top) return () => undefined;
  // This page's arrival, until the worker acknowledges it. If the page is left first (it loaded while the
  // worker restarted), its hand-over carries the arrival, and the next page's report makes both steps.
  let unacknowledged: Arrival | null = null;
  const exitSends = exitMessages((exit, page) => { void send<'page/exit'>({ kind: 'page/exit', exit, page }).catch(() => undefined); });
  // Keyed by this document (one note per page, however many navigate events it fires). Written where the worker
  // has said which tab this is; sent in any case (a write still under way as the page is unloaded is lost in
  // Firefox, and a busy worker can answer where the page is only after its script has sent it away).
  const noteExit = (exit: PageExit): void => {
    const page = Math.round(win.performance.timeOrigin);
    if (recorder.where) void saveExit(recorder.where.tabId, exit, page).catch(() => undefined);
    exitSends.noted(exit, page);
  };
  // The page's script sent it away before the recording started here (a busy worker, a slow start): said now.
  if (exits.exit) noteExit(exits.exit);
  if (atPageLoad) {
    const at = Date.now();
    const arrival: Arrival = { url: recorder.redactUrl(win.location.href), navigation: howReached(win), at, origin: Math.floor(at - win.performance.now()) };
    // The address it was loaded at, which its commit names, if its script has changed it since (pushState).
    const loaded = loadedAddress(win);
    if (loaded && loaded !== win.location.href) arrival.loadedUrl = recorder.redactUrl(loaded);
    unacknowledged = arrival;
    // Only while it is being sent: a report given up on must not hold this page's steps back.
    recorder.reportingArrival(arrival.at);
    void reportLoaded({ kind: 'page/loaded', title: '', ...arrival }).then((acknowledged) => {
      if (acknowledged) unacknowledged = null;
    }).finally(() => recorder.reportingArrival(null));
  }
  const teardowns = [
    listen(win, 'pagehide', () => {
      exitSends.flush();
      if (!recorder.recording) return;
      recorder.leave();
      const last = recorder.lastStep;
      const lastAction = last ? { at: last.at, type: last.type } : null;
      // Straight to storage: the worker may be stopped right now, and this page cannot retry. And as a message:
      // Firefox drops the storage write as the page is unloaded (see background/page-leaving-intake). The message
      // needs no tab id of the page's own (the worker files it under its sender's), so it goes even when the
      // worker has not yet said where this page is (a busy worker answers late; seen under the full test load).
      const left = { state: pageState(recorder, win), arrival: unacknowledged, lastAction, exit: exits.exit };
      if (recorder.where) void saveLeaving(recorder.where.tabId, left).catch(() => undefined);
      void send<'page/left'>({ kind: 'page/left', left }).catch(() => undefined);
    }),
  ];
  const nav = (win as Window & { navigation?: EventTarget }).navigation;
  if (nav) {
    teardowns.push(listen(nav, 'navigate', (e) => {
      const event = e as NavigateEventLike;
      if (!recorder.recording) return;
      if (!event.destination.sameDocument) {
        // Leaving this document: the worker makes the step from the next page's report, and reads this (noted by
        // the exit watch, whose listener ran first) to tell the page's own script (no step) from a person or the
        // browser (no navigate event fires for the browser's own).
        // After the event's listeners have all run (a microtask, still long before the page goes): a way out the
        // page cancelled is none (see watchExits).
        queueMicrotask(() => {
          if (exits.exit) noteExit(exits.exit);
        });
        return;
      }
      // A traversal the browser started (its back button) is never the doing of the page's last click; anything
      // else this soon after a step is that step's own effect (a router link).
      const browserTraverse = event.navigationType === 'traverse' && exits.browserUi(event);
      if (!browserTraverse && Date.now() - (recorder.lastStep?.at ?? 0) < IMPLIED_MS) return;
      // Only the person's input makes a step: a page rewriting its URL, or moving through its own history
      // (history.back() on a timer, pushState loops), does not; the browser's back button does (see watchExits).
      if (!exits.byPerson(event)) return;
      const navigation: NavigationKind = event.navigationType === 'traverse' ? 'back_forward' : event.hashChange ? 'hash' : 'route';
      recorder.emit(recorder.capture(null), { type: 'navigate', coordinates: null, url: event.destination.url, navigation });
    }));
  }
  teardowns.push(() => exitSends.stop());
  return () => teardowns.forEach((t) => t());
}
