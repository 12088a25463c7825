// How the person's current gesture started, shared by the observers that make
// one step of several events: the pointerdown (or a widget's keydown) whose
// snapshot serves the check, select or drag step the gesture turns out to be,
// and a drag's end, after which the browser's click is no step. Observers tell
// it what happened and take what they complete; none writes another's fields
// (rrweb's observerParam pattern).
import type { PreAction } from '../recorder';

export interface PointerPress { pre: PreAction; element: Element | null; at: number; x: number; y: number }
export interface KeyPress { pre: PreAction; element: Element | null; at: number }

/** After a drag's pointerup, the click the browser fires on the same element comes within this. */
const CLICK_AFTER_DRAG_MS = 50;

export class GestureStart {
  private press: PointerPress | null = null;
  private key: KeyPress | null = null;
  private clickIgnoredUntil = 0;

  pointerPressed(press: PointerPress): void {
    this.press = press;
  }

  /** A keydown on a widget (a select, a checkbox): the change it makes takes this snapshot. */
  keyPressed(key: KeyPress): void {
    this.key = key;
  }

  /** The pointer press of this gesture, left in place (a drag in progress reads it). */
  get pointer(): PointerPress | null {
    return this.press;
  }

  get lastKey(): KeyPress | null {
    return this.key;
  }

  /** The pointer press, taken by the one step it serves. */
  takePointer(): PointerPress | null {
    const p = this.press;
    this.press = null;
    return p;
  }

  takeKey(): KeyPress | null {
    const k = this.key;
    this.key = null;
    return k;
  }

  /** A pointer drag just ended: the click the browser fires after it is not a step of its own. */
  dragEnded(now = Date.now()): void {
    this.clickIgnoredUntil = now + CLICK_AFTER_DRAG_MS;
  }

  clickIgnored(now = Date.now()): boolean {
    return now < this.clickIgnoredUntil;
  }
}
