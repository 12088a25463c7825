// Field edits, dropdowns, checkboxes and file choosers.
// Typing is one `type` step per field edit carrying the final text: the
// snapshot is taken at the first beforeinput (before the field changes) and
// the step is emitted when the edit ends: change/blur, another action, page
// hide or stop. From the first keystroke, the step as it stands is also given
// to the worker to hold in memory under the step's own id, for a tab closed
// before the step could be sent (background/held-edits): the whole draft once,
// then its text as it changes. Credential fields only ever yield a placeholder.
import type { PreAction } from '../recorder';
import type { ObserverParam } from './observer-param';
import { listen } from '../guard';
import { composedContains, controlOf, eventElement, fieldText, isTextField, isToggle, shadowRootsOf } from '../dom-utils';
import { SENSITIVE_PLACEHOLDER } from '../../core/sensitive-field';
import { broadcast } from '../../platform/messaging';
import { isEditableOf, isLive, MAX_WALK, parentElementOf, tagOf } from '../dom-safe';
import { heldEdit, type EditReader } from '../start-gate';

const POINTER_REUSE_MS = 10_000;
/**
 * While a field holds an edit not yet sent, the worker is told so this often. A type step is sent when the
 * field is left, or as the page goes away; Firefox drops that last send when its background page is asleep
 * and must be woken for it (a field typed in, a pause, a reload: the step was lost), so the messages keep it
 * awake meanwhile (each message counts as activity; its idle timeout is 30 s, 2 s in the tests).
 */
const EDITING_PING_MS = 500;
/** A field left edited but untouched this long stops keeping the worker awake. */
const EDITING_PING_FOR_MS = 15 * 60_000;
/**
 * The held text is brought up to date at most this often while typing goes on, and as soon as keys stop for
 * `HOLD_QUIET_MS`: a tab closed while keys are still going can lose the last characters of the held text, never
 * the step. Each update scrubs the field's text in the page (2.5 ms for 40 characters, 20 ms for 2,000 with
 * NER), so the gap also grows to ten times what an update costs, and the wait for quiet to five times: at most
 * about a tenth of the page's main thread while typing. The cost is the least of the last three updates', so one
 * slow update (a garbage collection) does not hold the text back.
 */
const HOLD_EVERY_MS = 150;
const HOLD_QUIET_MS = 100;
const HOLD_COST_SHARE = 10;
const HOLD_QUIET_COST_SHARE = 5;

function editableRoot(el: Element): Element {
  if (tagOf(el) === 'input' || tagOf(el) === 'textarea') return el;
  let root = el;
  for (let up = parentElementOf(root), i = 0; up && isEditableOf(up) && i < MAX_WALK; up = parentElementOf(up), i++) root = up;
  return root;
}

/**
 * The start gate's reader of a held input (see start-gate EDITS): the field it edited, its text and whether it is
 * sensitive, as they are at the input.
 */
export function editAtEvent(recorder: Pick<ObserverParam, 'isSensitive'>): EditReader {
  return (event) => {
    const el = eventElement(event);
    if (!el || !isTextField(el)) return null;
    const field = editableRoot(el);
    return { field, text: fieldText(field), sensitive: recorder.isSensitive(field) };
  };
}

export type InputObserverParam = Pick<ObserverParam,
  'recording' | 'gesture' | 'isSensitive' | 'capture' | 'emit' | 'holdEdit' | 'dropEdit' | 'onBeforeCapture' | 'retarget' | 'toTop'>;

export function initInputObserver(win: Window, recorder: InputObserverParam): () => void {
  /**
   * `draftId`: the step's id from the start, so the draft the worker holds and the step are one. `held`: the
   * worker has (or is being sent) the whole draft, so only the text need go.
   */
  let session: {
    el: Element; pre: PreAction; startText: string; draftId: string; held: boolean;
    /** Typing made while the recorder started (see start-gate EDITS): the field's text and sensitivity as it left them. */
    early?: { text: string | null; sensitive: boolean };
  } | null = null;
  let ping: ReturnType<typeof setInterval> | null = null;
  let hold: ReturnType<typeof setTimeout> | null = null;
  let lastHoldAt = 0;
  /** What the last three text updates cost to scrub, newest last. */
  const holdCosts: number[] = [];
  let lastInputAt = 0;

  /** The step this session would make now, or null when the field is as it was. */
  const typed = (): { type: 'type'; coordinates: null; text: string } | null => {
    if (!session) return null;
    const text = session.early?.text ?? fieldText(session.el);
    if (text === session.startText) return null;
    const sensitive = session.early?.sensitive === true || recorder.isSensitive(session.el);
    return { type: 'type', coordinates: null, text: sensitive ? SENSITIVE_PLACEHOLDER : text };
  };
  const holdNow = (): void => {
    hold = null;
    lastHoldAt = Date.now();
    const action = typed();
    const held = session;
    if (!held || !recorder.recording) return;
    if (!action) {
      // Typed and taken back (the field is as it began): the worker must not keep the older text as a step.
      if (held.held) recorder.dropEdit(held.draftId);
      held.held = false;
      return;
    }
    const whole = !held.held;
    held.held = true;
    const started = performance.now();
    // A whole draft the worker did not take goes again with the next update.
    void recorder.holdEdit(held.pre, action, held.draftId, whole).then((ok) => { if (!ok && whole) held.held = false; });
    if (whole) return;
    holdCosts.push(performance.now() - started);
    if (holdCosts.length > 3) holdCosts.shift();
  };
  /** After a keystroke: the next update is due when the gap since the last one has passed, or when keys stop. */
  const holdSoon = (): void => {
    const cost = holdCosts.length ? Math.min(...holdCosts) : 0;
    const now = Date.now();
    const due = Math.min(lastHoldAt + Math.max(HOLD_EVERY_MS, HOLD_COST_SHARE * cost), now + Math.max(HOLD_QUIET_MS, HOLD_QUIET_COST_SHARE * cost));
    if (hold !== null) clearTimeout(hold);
    hold = null;
    if (due <= now) holdNow();
    else hold = setTimeout(holdNow, due - now);
  };

  const stopPing = (): void => {
    if (ping !== null) clearInterval(ping);
    ping = null;
  };
  const keepWorkerAwake = (): void => {
    lastInputAt = Date.now();
    ping ??= setInterval(() => {
      if (!session || !recorder.recording || Date.now() - lastInputAt > EDITING_PING_FOR_MS) stopPing();
      else broadcast({ kind: 'page/typing' });
    }, EDITING_PING_MS);
  };

  const commit = (): void => {
    stopPing();
    if (hold !== null) clearTimeout(hold);
    hold = null;
    const action = typed();
    const ended = session;
    session = null;
    if (ended && action) recorder.emit(ended.pre, action, undefined, ended.draftId);
    else if (ended?.held) recorder.dropEdit(ended.draftId);
  };

  const open = (el: Element, pre?: PreAction): void => {
    if (session?.el === el) return;
    const snapshot = pre ?? recorder.capture(el); // capture() commits any other open session first
    session = { el, pre: snapshot, startText: fieldText(el), draftId: crypto.randomUUID(), held: false };
  };

  /** The pointerdown (or key) snapshot that started this gesture, when it was on `el`. */
  const gesturePre = (el: Element): { pre: PreAction; coordinates: [number, number] | null } => {
    const p = recorder.gesture.pointer;
    if (p && Date.now() - p.at < POINTER_REUSE_MS && p.element && (p.element === el || controlOf(p.element) === el || composedContains(el, p.element) || composedContains(p.element, el))) {
      recorder.gesture.takePointer();
      // The step names the control changed, not the label or inner part under the pointer.
      return { pre: recorder.retarget(p.pre, el), coordinates: recorder.toTop(p.x, p.y, p.element) };
    }
    const k = recorder.gesture.lastKey;
    if (k && Date.now() - k.at < POINTER_REUSE_MS && k.element === el) {
      recorder.gesture.takeKey();
      return { pre: k.pre, coordinates: null };
    }
    return { pre: recorder.capture(el), coordinates: null };
  };

  const stopFlush = recorder.onBeforeCapture(commit);
  const watched = new WeakSet<ShadowRoot>();
  const teardowns = [
    stopFlush,
    listen(win, 'beforeinput', (e) => {
      if (!e.isTrusted || !recorder.recording) return;
      const el = eventElement(e);
      if (el && isTextField(el)) open(editableRoot(el));
    }),
    // Autofill and some IMEs change a field without beforeinput: open the session late rather than miss the edit.
    // Typing held while the recorder started comes here too, with its field's state as typing left it (heldEdit).
    listen(win, 'input', (e) => {
      if (!e.isTrusted || !recorder.recording) return;
      const early = heldEdit(e);
      const el = early?.field ?? eventElement(e);
      if (!el || (!early && !isTextField(el))) return;
      const root = early ? el : editableRoot(el);
      if (session?.el !== root) {
        // A field the page replaced since is no target to name: the step keeps its text, with no element.
        open(root, early && !isLive(root) ? recorder.capture(null) : undefined);
        if (session) session.startText = '';
      }
      if (session && (early || session.early)) {
        // Live typing after it reads the field again; but once sensitive, always (a password the page showed as text).
        session.early = { text: early ? early.text : null, sensitive: session.early?.sensitive === true || early?.sensitive === true };
      }
      keepWorkerAwake();
      holdSoon();
    }),
    // A change inside a shadow root (a design system's checkbox or select) is not composed: it never reaches the
    // window. Before a gesture can change anything, the shadow roots it passes through get the same listener.
    listen(win, 'pointerdown', (e) => watchShadowRoots(e)),
    listen(win, 'keydown', (e) => watchShadowRoots(e)),
    listen(win, 'change', (e) => onChange(e)),
    listen(win, 'focusout', (e) => {
      const el = eventElement(e);
      // Not contains(): a contenteditable <form>'s control named so replaces it.
      if (session && el && composedContains(session.el, el)) commit();
    }),
  ];
  return () => {
    commit();
    teardowns.forEach((t) => t());
  };

  function watchShadowRoots(e: Event): void {
    if (!e.isTrusted || !recorder.recording) return;
    for (const root of shadowRootsOf(e)) {
      if (watched.has(root)) continue;
      watched.add(root);
      teardowns.push(listen(root, 'change', (change) => onChange(change)));
    }
  }

  function onChange(e: Event): void {
    if (!e.isTrusted || !recorder.recording) return;
    const el = eventElement(e);
    if (!el) return;
    if (isTextField(el)) {
      if (session?.el === editableRoot(el)) commit();
      return;
    }
    if (tagOf(el) === 'select') {
      const select = el as HTMLSelectElement;
      const { pre, coordinates } = gesturePre(select);
      const option = select.selectedOptions[0];
      recorder.emit(pre, { type: 'select', coordinates, value: option?.value ?? '', label: (option?.label ?? option?.text ?? '').trim() });
    } else if (isToggle(el)) {
      const { pre, coordinates } = gesturePre(el);
      recorder.emit(pre, { type: 'check', coordinates, checked: el.checked });
    } else if (tagOf(el) === 'input' && (el as HTMLInputElement).type === 'file') {
      const { pre, coordinates } = gesturePre(el);
      // File names only, never contents or local paths.
      recorder.emit(pre, { type: 'file', coordinates, files: Array.from((el as HTMLInputElement).files ?? [], (f) => f.name) });
    }
  }
}
