// The recorder for one document tree: takes the pre-action snapshot, describes
// the target, and turns an action into a draft for the service worker.
import { GestureStart } from './observers/gesture-start';
import type { LastStep, ObserverParam } from './observers/observer-param';
import type { Target } from '../core/schema';
import type { PageObservation, ScrollOffset, StepDraft } from '../core/step-draft';
import type { Redactor } from '../core/redactor';
import type { MessageOf, RecordingState } from '../core/messages';
import { ElementIds } from './element-ids';
import { DomSnapshotter, type Snapshot, type SnapshotLimits, DEFAULT_LIMITS } from './dom-snapshot';
import { asScrubber } from './snapshot-regions';
import { cutLateSecrets } from './late-secrets';
import { roleOf, targetTextParts, type TextParts } from './element-semantics';
import { joinText, scrubPieces } from '../core/scrub/pieces';
import { STEP_FIELD_MAX } from '../core/scrub/step-boundary';
import { cssSelector, selectorNames, xPath } from './element-locators';
import { elementBox, frameOffset } from './geometry';
import type { Outbox } from './outbox';
import { isSensitiveField, type SensitiveFieldTest } from '../core/sensitive-field';
import { controlOf, fieldAttributes, isEditingHost, isSensitiveEditor } from './dom-utils';
import { clickedControl } from './clicked-control';
import { send } from '../platform/messaging';
import { boundsOf, hostOf, isElement, isLive, isShadowRoot, nativeAssignedSlot, parentOf, queryAllUnder, tagOf, titleOf, windowOfNode } from './dom-safe';
import { xmlName } from '../core/xml-escape';
import { assembleDomTree, type DomTreeParts } from '../core/dom-tree-parts';

/** State captured synchronously before the page reacts to an action. */
export interface PreAction {
  time: number;
  snapshot: Snapshot;
  /** The target, its name and text joined raw and uncut (a cue for scrubbing typed text, never sent as is). */
  target: Target | null;
  /** The pieces of page text the target's name and text were read from: scrubbed one by one, then joined, in the draft. */
  targetText: { name: TextParts; text: TextParts } | null;
  element: Element | null;
  lastChangeAt: number;
  /** The top window's scroll offset the step's boxes hold at (for a cross-origin frame: when its offset was measured). */
  topScroll: ScrollOffset | undefined;
  title: string;
  url: string;
  /** Main-thread time the capture took (ms), reported with the step for the bench. */
  captureMs: number;
  /** The controls the press may turn out to be about (see Recorder.retarget), described at it, as the tree is. */
  controls?: ReadonlyMap<Element, Described>;
  /** Taken when an event held while the recorder started was run (see start-gate): just after the action, not before. */
  late?: true;
  /** The version of the page's known secrets when it was read (see late-secrets). */
  secretsVersion?: number;
}

/** The note a step taken from a held event carries (see start-gate). */
export const READ_AFTER_ACTION = "the page's recorder was still starting at this action: the page was read just after it";

/**
 * The page as `pre` holds it, in the fields every observation the page sends shares: a step's draft, the page
 * state handed over at pagehide (navigation-observer's pageState), the final state at Stop (final-observation).
 */
export function observedPage(pre: PreAction, win: Window): PageObservation {
  return {
    domTree: '',
    domParts: pre.snapshot.parts,
    // The accessibility tree's lines as fixed at the event; the worker indents them, as it joins domParts.
    axParts: pre.snapshot.axParts,
    title: pre.title,
    url: pre.url,
    viewport: { width: win.innerWidth, height: win.innerHeight },
    devicePixelRatio: win.devicePixelRatio || 1,
    lastChangeAt: pre.lastChangeAt,
    ...(pre.topScroll ? { topScroll: pre.topScroll } : {}),
    redactedRegions: pre.snapshot.redactedRegions,
    mediaRegions: pre.snapshot.mediaRegions,
    redactions: pre.snapshot.redactions,
  };
}

/** An element as a step's target names it, with the tree's id for it. */
interface Described { id: number; target: Target; text: { name: TextParts; text: TextParts } }

export type ActionFields = import('../core/schema').ActionFields;

/** A held edit's whole draft is sent again, cut, at most this often (see holdEdit): the step itself is cut anyway. */
const LATE_CUT_EVERY_MS = 2000;

const round2 = (ms: number): number => Math.round(ms * 100) / 100;

// Its state is private: the observers get an ObserverParam (observerParam()) and report through it, and the
// content script's entry tells it what changed through methods (updateState, useSensitive, placeFrame…).
export class Recorder {
  private readonly ids: ElementIds;
  readonly snapshotter: DomSnapshotter;
  private state: RecordingState | null = null;
  /** Which fields are sensitive, from the config in force (see core/sensitive-field). */
  private sensitive: SensitiveFieldTest = isSensitiveField;
  /** Called at an action while `where` is still unknown (the worker has not answered yet). */
  private unlocated: (() => void) | null = null;
  /** The browser's ids for this frame (from the worker's hello): where the page's hand-over is filed. */
  private where: { tabId: number; frameId: number } | null = null;
  /** Offset of this frame in the top-level viewport; set by the frame-offset exchange for cross-origin frames. */
  private offset: { x: number; y: number } = { x: 0, y: 0 };
  /** The top window's scroll when that offset was measured: this frame's regions hold for a frame captured at it. */
  private offsetTopScroll: ScrollOffset | undefined;
  /** The last step emitted: lets observers drop events implied by it (a submit after a click). */
  private lastStep: LastStep | null = null;
  /** How the current gesture started (its pointerdown or a widget's keydown), told and taken by the observers. */
  private readonly gesture = new GestureStart();
  /** Work to finish before any new action is captured (an open typing session emits its step first). */
  private readonly beforeCapture = new Set<() => void>();

  private redactor: Redactor;
  /** While an event held at the start gate runs: when it happened (see replayHeld). */
  private heldAt: number | null = null;

  constructor(
    private readonly win: Window,
    redactor: Redactor,
    private readonly outbox: Outbox,
    limits: SnapshotLimits = DEFAULT_LIMITS,
  ) {
    this.redactor = redactor;
    this.ids = new ElementIds(1);
    const current = (): Redactor => this.redactor;
    this.snapshotter = new DomSnapshotter(win.document, this.ids, {
      redact: (t, label) => this.redactor.redact(t, label),
      redactUrl: (u) => this.redactor.redactUrl(u),
      get secrets() { return current().secrets; },
    }, limits, (el) => this.offsetOf(el));
    // The wrapper above is no scrubber: the run pass reads the one in force (see SnapshotRegions.runRegions).
    this.snapshotter.runScrubber = () => asScrubber(this.redactor);
  }

  isSensitive(el: Element): boolean {
    if (this.sensitive(fieldAttributes(el))) return true;
    // An editor holding a sensitive box (a "Password" island in a notes editor): its text holds the box's.
    return isEditingHost(el) && queryAllUnder(el, '[contenteditable], [role]').slice(0, MAX_ISLANDS)
      .some((inner) => isSensitiveEditor(inner, this.sensitive));
  }

  get recording(): boolean {
    return this.state !== null;
  }

  /**
   * What the observers get (rrweb's observerParam): the calls they report through and read-only views of the
   * state they read, frozen, so none can write the recorder's fields (tests/unit/observer-param.test.ts).
   */
  observerParam(): ObserverParam {
    const recording = (): boolean => this.recording;
    const lastStep = (): LastStep | null => this.lastStep;
    const where = (): Readonly<{ tabId: number; frameId: number }> | null => this.where;
    return Object.freeze({
      get recording() { return recording(); },
      get lastStep() { return lastStep(); },
      get where() { return where(); },
      gesture: this.gesture,
      isSensitive: (el) => this.isSensitive(el),
      capture: (element) => this.capture(element),
      emit: (pre, action, scrolled, draftId) => this.emit(pre, action, scrolled, draftId),
      holdEdit: (pre, action, draftId, whole) => this.holdEdit(pre, action, draftId, whole),
      dropEdit: (draftId) => this.dropEdit(draftId),
      onBeforeCapture: (fn) => this.onBeforeCapture(fn),
      leave: () => this.leave(),
      retarget: (pre, control) => this.retarget(pre, control),
      toTop: (x, y, el) => this.toTop(x, y, el),
      redactUrl: (url) => this.redactUrl(url),
      reportingArrival: (at) => { this.outbox.afterArrival = at; },
    } satisfies ObserverParam);
  }

  /** The recording's state changed while it is on (a new task, a new frame secret). */
  updateState(state: RecordingState): void {
    if (this.state) this.state = state;
  }

  /** Which fields are sensitive, from the config in force at Start. */
  useSensitive(test: SensitiveFieldTest): void {
    this.sensitive = test;
  }

  /** Called at an action while the worker has not yet said where this frame is: to ask it again. */
  whenUnlocated(ask: () => void): void {
    this.unlocated = ask;
  }

  /**
   * This frame's offset in the top-level viewport, from the frame-offset exchange, with the top window's scroll
   * it was measured at. Returns whether either changed.
   */
  placeFrame(offset: { x: number; y: number; topScroll?: ScrollOffset }): boolean {
    const moved = offset.x !== this.offset.x || offset.y !== this.offset.y
      || offset.topScroll?.x !== this.offsetTopScroll?.x || offset.topScroll?.y !== this.offsetTopScroll?.y;
    this.offset = { x: offset.x, y: offset.y };
    this.offsetTopScroll = offset.topScroll;
    return moved;
  }

  /** The top window's scroll this frame's boxes hold at: its own in the top frame, else the one its offset came with. */
  topScroll(): ScrollOffset | undefined {
    return this.win === this.win.top ? { x: this.win.scrollX, y: this.win.scrollY } : this.offsetTopScroll;
  }

  /** The worker told this frame where it is (it may answer after recording began: see recorder.iife). */
  locate(where: { tabId: number; frameId: number }): void {
    this.where = where;
    this.outbox.where = where;
  }

  /** Begin recording: listeners were attached at document_start; now snapshots and steps start. */
  begin(state: RecordingState, redactor: Redactor, idStart: number, where: { tabId: number; frameId: number } | null): void {
    this.redactor = redactor;
    this.scrubbed.clear();
    this.where = where;
    this.outbox.where = where;
    this.ids.startAt(idStart);
    // Mutations while not recording were not observed: start from a clean cache.
    this.snapshotter.resetCache();
    this.state = state;
  }

  /**
   * Run the handler of an event held while the recorder started (see start-gate): what it captures is dated `at`,
   * when the action was, and marked as read after it, so no frame from before the page changed is taken as exact.
   */
  replayHeld(at: number, run: () => void): void {
    this.heldAt = at;
    try {
      run();
    } finally {
      this.heldAt = null;
    }
  }

  end(): void {
    this.flushPending();
    this.state = null;
    this.snapshotter.stop();
  }

  /** Title and address rarely change between steps: their scrubbed form is kept (NER on a title costs ~1 ms per event). */
  private readonly scrubbed = new Map<string, string>();
  private scrubbedVersion = 0;
  private remembered(key: string, scrub: (raw: string) => string): string {
    // A password typed since may stand in a title or address kept scrubbed before it.
    const version = this.redactor.secrets?.version() ?? 0;
    if (version !== this.scrubbedVersion) {
      this.scrubbed.clear();
      this.scrubbedVersion = version;
    }
    let out = this.scrubbed.get(key);
    if (out === undefined) {
      out = scrub(key.slice(2));
      if (this.scrubbed.size > 64) this.scrubbed.clear();
      this.scrubbed.set(key, out);
    }
    return out;
  }

  onBeforeCapture(fn: () => void): () => void {
    this.beforeCapture.add(fn);
    return () => this.beforeCapture.delete(fn);
  }

  /** Emit whatever is pending (typing sessions) now: before another action, on page hide, on stop. */
  flushPending(): void {
    for (const fn of this.beforeCapture) fn();
  }

  /** Synchronous: call at pointerdown/keydown, before the page reacts. */
  capture(element: Element | null): PreAction {
    const started = performance.now();
    this.flushPending();
    const snapshot = this.snapshotter.snapshot(element);
    const described = element && snapshot.targetId !== null ? this.describe(element, snapshot.targetId) : null;
    const controls = element && snapshot.targetId !== null ? this.controlsAt(element) : undefined;
    const late = this.heldAt !== null;
    const pre: PreAction = {
      time: this.heldAt ?? Date.now(),
      snapshot,
      element,
      target: described?.target ?? null,
      targetText: described?.text ?? null,
      // A change below the fold since the last settled frame leaves that frame exact. Read late, the page may have
      // changed at any time up to now (the recorder saw none of it before it began).
      lastChangeAt: late ? Date.now() : this.snapshotter.lastVisibleChangeAt(),
      topScroll: this.topScroll(),
      title: this.remembered(`t:${this.win.top === this.win ? titleOf(this.win.document) : this.topTitle()}`, (t) => this.redactor.redact(t).text),
      url: this.remembered(`u:${this.win.location.href}`, (u) => this.redactor.redactUrl(u).text),
      captureMs: 0,
      ...(controls ? { controls } : {}),
      ...(late ? { late: true as const } : {}),
      secretsVersion: this.redactor.secrets?.version() ?? 0,
    };
    pre.captureMs = performance.now() - started;
    return pre;
  }

  /**
   * Queue a step. The draft (and so the dom_tree string) is built in a task
   * after the current event, so the page's own handlers for this event do not
   * wait for it; everything in it was fixed when `pre` was captured.
   */
  emit(pre: PreAction, action: ActionFields, scrolled?: Element, draftId: string = crypto.randomUUID()): void {
    if (!this.state) return;
    // Without its tab id this page cannot hand its steps over if it goes away: ask the worker again.
    if (!this.where) this.unlocated?.();
    this.lastStep = { at: Date.now(), type: action.type };
    const taskId = this.state.taskId;
    this.deferred.push(() => this.outbox.push(this.draft(pre, action, taskId, draftId, scrolled)));
    if (this.deferred.length === 1) setTimeout(() => this.drainEmits(), 0);
  }

  /**
   * The step an open edit would make now, for the worker to hold in memory under the id the step will have
   * (see background/held-edits): if the tab closes before the step is sent, the held draft stands in. The whole
   * draft (its DOM included) goes once per edit, with `whole`; after that only its scrubbed text. Resolves to
   * whether the worker took it.
   */
  async holdEdit(pre: PreAction, action: ActionFields, draftId: string, whole: boolean): Promise<boolean> {
    if (!this.state) return false;
    // The page as read at the first key may hold a password typed since (typed over a suggestion the page showed):
    // the whole draft goes again, cut (late-secrets), whenever the cut finds something new.
    // At most every LATE_CUT_EVERY_MS: each key of a password typed over its suggestion cuts more.
    const version = this.redactor.secrets?.version() ?? 0;
    const last = this.heldCutAt.get(draftId) ?? { version: pre.secretsVersion ?? 0, at: 0 };
    if (!whole && version !== last.version && Date.now() - last.at >= LATE_CUT_EVERY_MS) {
      this.heldCutAt.set(draftId, { version, at: Date.now() });
      if (this.heldCutAt.size > 16) this.heldCutAt.delete(this.heldCutAt.keys().next().value!);
      whole = this.lateCut(pre);
    }
    const message: MessageOf<'page/typing'> = whole
      ? { kind: 'page/typing', draft: this.draft(pre, action, this.state.taskId, draftId) }
      : { kind: 'page/typing', edit: { draftId, text: this.redactTyped(pre, action.text ?? '') } };
    return send<'page/typing'>(message).then((reply) => reply?.ok === true, () => false);
  }

  /** The held edit came to nothing: told once, whether or not it gets through (a held edit left behind is what it prevents). */
  dropEdit(draftId: string): void {
    if (this.state) void send<'page/typing'>({ kind: 'page/typing', undone: draftId }).catch(() => undefined);
  }

  /** Typed text, scrubbed: what the field is called ("Full name", "Benutzername") names what is typed into it. */
  private redactTyped(pre: PreAction, text: string): string {
    return this.redactor.redact(text, pre.target?.name || undefined).text;
  }

  /** Build and send queued steps now (the page is going away). */
  drainEmits(): void {
    const queued = this.deferred.splice(0);
    for (const build of queued) build();
  }

  /**
   * Stop is under way: emit what is pending (an open typing session) and send every step not yet acknowledged
   * now; resolves once all are in, or after `withinMs`, to how many are not (see Outbox.drain).
   */
  sendUnsent(withinMs: number): Promise<number> {
    this.flushPending();
    this.drainEmits();
    return this.outbox.drain(withinMs);
  }

  /** The page is going away: emit what is pending and hand unacknowledged drafts over (see page-handoff). */
  leave(): void {
    if (!this.state) return;
    this.flushPending();
    this.drainEmits();
    this.outbox.handOver();
  }

  private readonly deferred: (() => void)[] = [];

  /** The scrubbed draft of a step; everything in it was fixed when `pre` was captured. */
  private draft(pre: PreAction, action: ActionFields, taskId: string, draftId: string, scrolled?: Element): StepDraft {
    const started = performance.now();
    const redacted = { ...action };
    if (redacted.text !== undefined) redacted.text = this.redactTyped(pre, redacted.text);
    if (redacted.value !== undefined) redacted.value = this.redactTyped(pre, redacted.value);
    if (redacted.label !== undefined) redacted.label = this.redactor.redact(redacted.label).text;
    if (redacted.url !== undefined) redacted.url = this.redactor.redactUrl(redacted.url).text;
    if (redacted.files !== undefined) redacted.files = redacted.files.map((f) => this.redactor.redact(f).text);
    if (redacted.scroll?.selector) redacted.scroll = { ...redacted.scroll, selector: this.safeSelector(redacted.scroll.selector, scrolled ?? null) };
    const target = pre.target && {
      ...pre.target,
      // Piece by piece, then joined, then cut: a card in its own <b> beside "Row 7", half a token at a cut.
      name: scrubPieces(pre.targetText?.name ?? [pre.target.name], this.redactor, STEP_FIELD_MAX['target.name']),
      text: scrubPieces(pre.targetText?.text ?? [pre.target.text], this.redactor, STEP_FIELD_MAX['target.text']),
      selector: this.safeSelector(pre.target.selector, pre.element),
    };
    const draft: StepDraft = {
      draftId,
      taskId,
      timestamp: pre.time,
      action: { ...redacted, element_id: pre.target?.element_id ?? null },
      target,
      ...this.observedNow(pre),
      ...(pre.late ? { note: READ_AFTER_ACTION } : {}),
    };
    // The message's own serialisation (inside push) is not counted: it is measured apart in the bench.
    draft.pageWork = {
      captureMs: round2(pre.captureMs), buildMs: round2(performance.now() - started),
      axCaptureMs: round2(pre.snapshot.axMs),
    };
    return draft;
  }

  /** The page as `pre` read it, less any password typed since it was read (see late-secrets). */
  private observedNow(pre: PreAction): PageObservation {
    const page = observedPage(pre, this.win);
    const secrets = this.redactor.secrets;
    if (!secrets || (pre.secretsVersion ?? 0) === secrets.version()) return page;
    return cutLateSecrets(page, secrets, this.redactor.replacementFor?.('credential') ?? '<REDACTED>', () => this.snapshotter.snapshot().redactedRegions);
  }

  /** Whether what `pre` read holds a password typed since (its observation would be cut). */
  private lateCut(pre: PreAction): boolean {
    const secrets = this.redactor.secrets;
    if (!secrets || (pre.secretsVersion ?? 0) === secrets.version()) return false;
    const page = observedPage(pre, this.win);
    return cutLateSecrets(page, secrets, '', () => []) !== page;
  }

  /** For each held edit (by draft id), the secrets' version it was last checked against, and when (see holdEdit). */
  private readonly heldCutAt = new Map<string, { version: number; at: number }>();

  /** The selector again without any id or attribute value that holds a secret (rules checked here, after the event, not at it). */
  private safeSelector(selector: string, element: Element | null): string {
    const clean = (id: string): boolean => this.redactor.redact(id).spans.length === 0;
    if (selectorNames(selector).every(clean)) return selector;
    return element && isLive(element) ? cssSelector(element, clean) : this.redactor.redact(selector).text;
  }

  redactUrl(url: string): string {
    return this.redactor.redactUrl(url).text;
  }

  /** Map a point in `el`'s window to the top-level viewport. */
  toTop(x: number, y: number, el: Element | null): [number, number] {
    const off = this.offsetOf(el);
    return [Math.round((x + off.x) * 10) / 10, Math.round((y + off.y) * 10) / 10];
  }

  offsetOf(el: Element | null): { x: number; y: number } {
    const win = (el ? windowOfNode(el) : null) ?? this.win;
    const local = frameOffset(win);
    // Same-origin chain up to top: exact. Otherwise this frame's known offset plus any same-origin nesting inside it.
    if (local) return local;
    const inner = win === this.win ? { x: 0, y: 0 } : this.innerOffset(win);
    return { x: this.offset.x + inner.x, y: this.offset.y + inner.y };
  }

  private innerOffset(win: Window): { x: number; y: number } {
    let x = 0;
    let y = 0;
    for (let w: Window = win; w !== this.win && w.frameElement; w = w.parent) {
      const r = boundsOf(w.frameElement);
      x += r.left + (w.frameElement as HTMLElement).clientLeft;
      y += r.top + (w.frameElement as HTMLElement).clientTop;
    }
    return { x, y };
  }

  private topTitle(): string {
    try {
      const top = this.win.top?.document;
      return titleOf(top ?? this.win.document);
    } catch {
      return titleOf(this.win.document);
    }
  }

  /**
   * The gesture's snapshot aimed at `control`, the checkbox, switch, select or file input its click changed. The
   * pointer was on a label or a library's inner part (Shoelace's label <div>), a wrapper the accessibility tree
   * collapses and a grounding model cannot name, while the step is about the control; a replay of the same point
   * inside it reaches the same place (the offset is taken from the point). Kept as it was when the snapshot did
   * not serialise the control itself (its id would name an ancestor). Described as at the press when it was one
   * of the press's likely controls (controlsAt), else now.
   */
  retarget(pre: PreAction, control: Element): PreAction {
    if (pre.element === control || pre.snapshot.targetId === null) return pre;
    const pressed = pre.controls?.get(control);
    const id = pressed?.id ?? this.snapshotter.emittedIdOf(control);
    if (!pressed && this.ids.elementOf(id) !== control) return pre;
    const described = pressed ?? this.describe(control, id);
    // The tree keeps the new target even where its cap would cut it (the <target-context> fallback).
    const target = pre.snapshot.parts.target && { id, tag: xmlName(described.target.tag) ?? 'element', box: described.target.bbox };
    return { ...pre, element: control, target: described.target, targetText: described.text, snapshot: aimedAt(pre.snapshot, id, target) };
  }

  /**
   * The controls a press on `element` is likely to be retargeted to (its label's control, the control a wrapper
   * stands for), described now: the click or change comes later, up to 10 s, after the page may have answered
   * the press ("Subscribe" became "Subscribed"), while the tree is the press's. Only controls the snapshot
   * serialised itself; any other is described when retargeted, as before.
   */
  private controlsAt(element: Element): ReadonlyMap<Element, Described> | undefined {
    let out: Map<Element, Described> | undefined;
    for (const control of [controlOf(element), clickedControl({ composedPath: () => composedAncestry(element) }, element)]) {
      if (!control || control === element || out?.has(control)) continue;
      const id = this.ids.peek(control);
      if (id === undefined || this.snapshotter.emittedIdOf(control) !== id) continue;
      (out ??= new Map()).set(control, { id, ...this.describe(control, id) });
    }
    return out;
  }

  private describe(el: Element, id: number): { target: Target; text: { name: TextParts; text: TextParts } } {
    const element = this.ids.elementOf(id) ?? el;
    const box = elementBox(element, this.offsetOf(element));
    // Raw here, scrubbed in draft(), after the event: NER on these costs ~1 ms on the click's critical path.
    // Through the user's masks as the snapshot reads them: a masked part of it (a slotted one too) is the mask text.
    const text = targetTextParts(element, this.snapshotter.mask);
    return {
      target: {
        element_id: id,
        tag: tagOf(element),
        selector: cssSelector(element),
        xpath: xPath(element),
        role: roleOf(element),
        name: joinText(text.name),
        text: joinText(text.text),
        bbox: box,
      },
      text,
    };
  }
}

/**
 * `snapshot` aimed at another target, as a new object: the press's snapshot is shared (the gesture's press, a
 * draft already queued holds its parts), so it is never changed. The rest is the same, its lazy trees included.
 */
function aimedAt(snapshot: Snapshot, targetId: number, target: DomTreeParts['target']): Snapshot {
  const parts = target ? { ...snapshot.parts, target } : snapshot.parts;
  let built: string | null = null;
  // Copied by descriptor, not spread: a spread would assemble both lazy trees now, on the event's thread.
  return Object.defineProperties(Object.defineProperties({}, Object.getOwnPropertyDescriptors(snapshot)), {
    parts: { value: parts, enumerable: true },
    targetId: { value: targetId, enumerable: true },
    xml: { get: () => (built ??= assembleDomTree(parts)), enumerable: true },
  }) as Snapshot;
}

/** How far up the press's path controlsAt looks: past the few wrappers clickedControl climbs. */
const ANCESTRY = 8;
/** Editing boxes looked at inside an editor for a sensitive one (a page's thousands of widgets cannot make a key slow). */
const MAX_ISLANDS = 64;

/**
 * The start of the composed path an event on `el` would have (its slot before its parent, a shadow root's host
 * after it), for clickedControl to read at the press as it reads the click's. Read through the prototypes' own
 * getters: a page's property of the same name does not choose the path. The browser's own slot only, as an
 * event's path has it (not assignedSlotOf, which also finds a closed root's).
 */
function composedAncestry(el: Element): Node[] {
  const path: Node[] = [el];
  for (let n: Node | null = el; n && path.length < ANCESTRY;) {
    const slot: Node | null = isElement(n) ? nativeAssignedSlot(n) : null;
    n = slot ?? (isShadowRoot(n) ? hostOf(n) : parentOf(n));
    if (n) path.push(n);
  }
  return path;
}
