// Actions a person makes while the page's recorder is still starting. A page
// learns that a recording is on from storage, then loads its scrubber (NER
// and the finders, imported on demand: see redactor-loader) before its
// observers may take a snapshot, since page text is scrubbed as it is read.
// That takes ~100 ms, and seconds on a loaded machine: a click 300 ms after a
// reload could be lost. The observers' listeners are still attached at
// document_start; while the gate holds, their trusted pointer, scroll and
// typing events are kept, and run in order once the recorder has begun (the DOM is
// then read just after the action, and the step says so), or run as before
// when no recording is on, where the observers do nothing with them.

import { isLive } from './dom-safe';

/** Presses, clicks and drags held at most: a person's in seconds (no script can fire them trusted). */
const MAX_HELD = 400;
/**
 * Moves and scrolls held at most, counted apart: a page can scroll by script, trusted, and each same-origin frame
 * has listeners of its own, so they could otherwise fill the gate; past this the oldest goes.
 */
const MAX_CONTINUOUS = 100;

/** Fields typed in held at most, one edit each (see EDITS), counted apart from clicks; past this the oldest goes. */
const MAX_EDITS = 50;

/**
 * The kinds held: a pointer's and a scroll's, whose handlers read nothing at replay but the event, its kept path
 * and the page's geometry; and a field's `input` (EDITS), with the field's state as the event left it. Not keys,
 * changes, focus or submits: their observers read state as it is when they run (the focused element that says a
 * key went into a password, a box's checked state), so replayed late they could name a secret key or the wrong
 * value; and a page can fire them by script, trusted (focus(), requestSubmit()), to crowd a person's click out.
 * They run at once, as before the gate.
 */
const HELD = new Set(['pointerdown', 'pointerup', 'pointermove', 'click', 'dblclick', 'contextmenu', 'wheel', 'touchmove', 'scroll', 'dragstart', 'dragend', 'input']);

/**
 * Typing: held as one event per field, its first since the last other action held, with the field's state read at
 * each input (EditState; the newest stands). By replay the page may have changed the field: cleared it on a Send
 * clicked meanwhile, shown a password as text, replaced the node. The replayed input opens the typing session
 * (read late, as a held click is) with that state. A page typing by script (execCommand, trusted) holds one
 * event per field, not one per call.
 */
const EDITS = new Set(['input']);

/** Kinds that fire many times a second: of each listener's, only the newest since the last other event is kept. */
const CONTINUOUS = new Set(['pointermove', 'scroll', 'touchmove', 'wheel']);

interface Held {
  event: Event;
  /** The listener it was held for: one event reaches several. */
  listener: object;
  /** When it happened (ms epoch): the step's time, not the replay's. */
  at: number;
  run: () => void;
  /** An edit some key pressed in its field made (see StartGate.keyedAt): a person's, which no script can fake. */
  keyed?: boolean;
}

/**
 * An event's composed path and target as they were at dispatch. After dispatch `composedPath()` is empty, and an
 * event from inside a shadow tree has its target cleared (DOM spec, "dispatch", clearTargets).
 */
const dispatched = new WeakMap<object, { path: EventTarget[]; target: EventTarget | null }>();

/** `event.composedPath()`, for an event held by a gate as well as one being dispatched. */
export function eventPath(event: Pick<Event, 'composedPath'>): EventTarget[] {
  return dispatched.get(event)?.path ?? event.composedPath();
}

/** `event.target`, for an event held by a gate as well as one being dispatched. */
export function eventTarget(event: Event): EventTarget | null {
  const held = dispatched.get(event);
  return held ? held.target : event.target;
}

/** A field read at a held input that is no longer in a live document. */
const isGone = (field: Element | undefined): boolean => field !== undefined && !isLive(field);

/** A field as an input held at the gate left it, read at that input (see EDITS). */
export interface EditState {
  /** The field (its editable root). */
  field: Element;
  /** Its text then: raw, in this page's memory only; scrubbed as any typing when its step is made. */
  text: string;
  /** Whether it was sensitive at any input held for it (a password the page then shows as text stays one). */
  sensitive: boolean;
}

/** Reads an input event's field as it is now; null for an input that is no field edit. */
export type EditReader = (event: Event) => EditState | null;

/** The state of the field an input held at a gate edited, as its last merged input left it. */
const editStates = new WeakMap<object, EditState>();

/** For a held input, replayed: its field's state as typing left it before the next action (undefined otherwise). */
export function heldEdit(event: Event): EditState | undefined {
  return editStates.get(event);
}

export class StartGate {
  /** Held events, oldest first; null while the gate lets events through. */
  private held: Held[] | null = [];
  /** Events given up because the gate was full, for the console. */
  private overflow = 0;
  /** Where the last trusted key went while holding (a keydown's first path node): its field's next input is keyed. */
  private keyedAt: EventTarget | null = null;

  /** `readEdit` reads a field at each held input (the input observer's editAtEvent); without it none is read. */
  constructor(private readonly readEdit: EditReader | null = null) {}

  /** Whether events are being held. */
  get holding(): boolean {
    return this.held !== null;
  }

  /** Hold from now on: a recording is starting (or may be: the page has just loaded). */
  close(): void {
    this.held ??= [];
  }

  /**
   * Called by a gated listener with the event, itself and its handler: true when held (the handler runs later), false
   * when the handler should run now. Untrusted events are never held: the observers ignore them.
   */
  hold(event: Event, listener: object, run: () => void): boolean {
    if (this.held && event.isTrusted && event.type === 'keydown') this.keyedAt = event.composedPath()[0] ?? null;
    if (!this.held || !event.isTrusted || !HELD.has(event.type)) return false;
    if (!dispatched.has(event)) dispatched.set(event, { path: event.composedPath(), target: event.target });
    let keyed = false;
    if (EDITS.has(event.type)) {
      const state = this.readEditOf(event);
      keyed = this.keyedAt !== null && this.keyedAt === eventPath(event)[0];
      // Its field's typing is held already: that event carries this one's state.
      const into = this.heldEditOf(event, state, listener);
      if (into) {
        if (state) editStates.set(into.event, { ...state, sensitive: state.sensitive || (editStates.get(into.event)?.sensitive ?? false) });
        into.keyed ||= keyed;
        return true;
      }
      if (state) editStates.set(event, state);
      if (this.count(EDITS) >= MAX_EDITS) this.makeRoomForEdit();
    } else if (CONTINUOUS.has(event.type)) this.makeRoomForMove(event.type, listener);
    else if (this.held.length - this.count(CONTINUOUS) - this.count(EDITS) >= MAX_HELD) {
      this.overflow++;
      return false;
    }
    this.held.push({ event, listener, at: Date.now(), run, ...(keyed ? { keyed } : {}) });
    return true;
  }

  /** Held events of the `kinds`. */
  private count(kinds: ReadonlySet<string>): number {
    return this.held?.filter((h) => kinds.has(h.event.type)).length ?? 0;
  }

  /** The field `event` edited, as it is now; null when unread (no reader, no field, or the page made reading throw). */
  private readEditOf(event: Event): EditState | null {
    try {
      return this.readEdit?.(event) ?? null;
    } catch {
      return null;
    }
  }

  /** The held edit of the same field for `listener` with no other action held after it (moves and edits aside). */
  private heldEditOf(event: Event, state: EditState | null, listener: object): Held | null {
    const fieldOf = (e: Event, s: EditState | null | undefined): unknown => s?.field ?? eventPath(e)[0] ?? null;
    const field = fieldOf(event, state);
    for (let i = this.held!.length - 1; i >= 0; i--) {
      const h = this.held![i]!;
      if (EDITS.has(h.event.type)) {
        if (h.listener === listener && h.event.type === event.type && fieldOf(h.event, editStates.get(h.event)) === field) return h;
      } else if (!CONTINUOUS.has(h.event.type)) return null;
    }
    return null;
  }

  /**
   * Past MAX_EDITS, an edit goes. A page can type by script (execCommand: trusted input, no key pressed) into as
   * many fields as it likes, in milliseconds, kept or thrown away; a person's typing follows a trusted keydown in
   * its field, which no script can fire. So first an edit no key made, of a field gone from the page, else the
   * oldest such; then a field gone; then the oldest.
   */
  private makeRoomForEdit(): void {
    const held = this.held!;
    this.overflow++;
    const edits = held.filter((h) => EDITS.has(h.event.type));
    const gone = (h: Held): boolean => isGone(editStates.get(h.event)?.field);
    const victim = edits.find((h) => !h.keyed && gone(h)) ?? edits.find((h) => !h.keyed) ?? edits.find(gone) ?? edits[0];
    if (victim) held.splice(held.indexOf(victim), 1);
  }

  /**
   * A mouse move or scroll held for `listener` since the last discrete event goes: the newer one stands for it.
   * Past MAX_CONTINUOUS the oldest move or scroll goes.
   */
  private makeRoomForMove(type: string, listener: object): void {
    const held = this.held!;
    for (let i = held.length - 1; i >= 0 && CONTINUOUS.has(held[i]!.event.type); i--) {
      if (held[i]!.listener === listener && held[i]!.event.type === type) {
        held.splice(i, 1);
        return;
      }
    }
    if (this.count(CONTINUOUS) >= MAX_CONTINUOUS) held.splice(held.findIndex((h) => CONTINUOUS.has(h.event.type)), 1);
  }

  /** A Stop came while the recorder started: what was held belongs to a recording that never began here. */
  discard(): void {
    if (this.held) this.held = [];
  }

  /**
   * Let events through, and run those held, in order: each through `replay` with its time (the recorder has
   * begun, and marks the steps they make as read late), or plainly when `replay` is absent (no recording).
   */
  open(replay?: (at: number, run: () => void) => void): void {
    const held = this.held ?? [];
    this.held = null;
    this.keyedAt = null;
    if (this.overflow) console.debug(`[alien-dataflow] ${this.overflow} events while the recorder started were not held`);
    this.overflow = 0;
    for (const h of held) {
      try {
        if (replay) replay(h.at, h.run);
        else h.run();
      } catch (error) {
        console.debug('[alien-dataflow] a held event failed', error);
      }
    }
  }
}
