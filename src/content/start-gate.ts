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

/** Presses, clicks and drags held at most: a person's in seconds (no script can fire them trusted). */
const MAX_HELD = 400;
/**
 * Moves and scrolls held at most, counted apart: a page can scroll by script, trusted, and each same-origin frame
 * has listeners of its own, so they could otherwise fill the gate; past this the oldest goes.
 */
const MAX_CONTINUOUS = 100;

/** Fields typed in held at most, one edit each (see EDITS), counted apart: they cannot crowd a click out. */
const MAX_EDITS = 50;

/**
 * The kinds held: a pointer's and a scroll's, whose handlers read nothing at replay but the event, its kept path
 * and the page's geometry; and a field's `input` (EDITS). Not keys, changes, focus or submits: their observers read
 * state as it is when they run (the focused element that says a key went into a password, a box's checked state),
 * so replayed late they could name a secret key or the wrong value; and a page can fire them by script, trusted
 * (focus(), requestSubmit()), to crowd a person's click out. They run at once, as before the gate.
 */
const HELD = new Set(['pointerdown', 'pointerup', 'pointermove', 'click', 'dblclick', 'contextmenu', 'wheel', 'touchmove', 'scroll', 'dragstart', 'dragend', 'input']);

/**
 * Typing: held as one event per field, its first since the last other action held. A type step carries the field's
 * text as it is when the typing session ends, never an event's, so the first input, replayed, opens the session
 * (read late, as a held click is) and the rest add nothing; and a page typing into a field by script
 * (execCommand, trusted) holds one event per field, not one per call. Typing wholly inside the gate was lost before.
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

export class StartGate {
  /** Held events, oldest first; null while the gate lets events through. */
  private held: Held[] | null = [];
  /** Events given up because the gate was full, for the console. */
  private overflow = 0;

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
    if (!this.held || !event.isTrusted || !HELD.has(event.type)) return false;
    if (!dispatched.has(event)) dispatched.set(event, { path: event.composedPath(), target: event.target });
    if (EDITS.has(event.type)) {
      // Its field's typing is held already: that event's replay reads the text this one made.
      if (this.editHeld(event, listener)) return true;
      if (this.count(EDITS) >= MAX_EDITS) {
        this.overflow++;
        return false;
      }
    } else if (CONTINUOUS.has(event.type)) this.makeRoomForMove(event.type, listener);
    else if (this.held.length - this.count(CONTINUOUS) - this.count(EDITS) >= MAX_HELD) {
      this.overflow++;
      return false;
    }
    this.held.push({ event, listener, at: Date.now(), run });
    return true;
  }

  /** Held events of the `kinds`. */
  private count(kinds: ReadonlySet<string>): number {
    return this.held?.filter((h) => kinds.has(h.event.type)).length ?? 0;
  }

  /** An edit of `event`'s field is held for `listener` with no other action held after it (moves and edits aside). */
  private editHeld(event: Event, listener: object): boolean {
    const field = eventPath(event)[0] ?? null;
    for (let i = this.held!.length - 1; i >= 0; i--) {
      const h = this.held![i]!;
      if (EDITS.has(h.event.type)) {
        if (h.listener === listener && h.event.type === event.type && (eventPath(h.event)[0] ?? null) === field) return true;
      } else if (!CONTINUOUS.has(h.event.type)) return false;
    }
    return false;
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
