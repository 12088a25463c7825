// What the recorder gives its observers (rrweb's observerParam): calls that
// report to it and read-only views of what they must know, never the Recorder
// itself. An observer says what happened (a step, a press, a typing session to
// hold) and the recorder alone changes its state. Each observer declares the
// part it uses, a Pick of this, so what it can reach is named in its signature.
import type { Action } from '../../core/schema';
import type { ActionFields, PreAction } from '../recorder';
import type { GestureStart } from './gesture-start';

/** The step emitted last: a submit or a route change right after it is its effect, not a step. */
export interface LastStep {
  readonly at: number;
  readonly type: Action['type'];
}

export interface ObserverParam {
  /** Whether a recording is on. */
  readonly recording: boolean;
  /** The last step emitted (null before any). */
  readonly lastStep: LastStep | null;
  /** The browser's ids for this frame, once the worker said them: where the page's hand-over is filed. */
  readonly where: Readonly<{ tabId: number; frameId: number }> | null;
  /** How the current gesture started, told and taken by the observers that make one step of several events. */
  readonly gesture: GestureStart;
  /** Whether a field is sensitive under the config in force. */
  isSensitive(el: Element): boolean;
  /** The state before an action, taken synchronously (at pointerdown, keydown, beforeinput). */
  capture(element: Element | null): PreAction;
  /** A step: the recorder queues its draft (see Recorder.emit). */
  emit(pre: PreAction, action: ActionFields, scrolled?: Element, draftId?: string): void;
  /** An open edit as it stands, for the worker to hold (see Recorder.holdEdit). */
  holdEdit(pre: PreAction, action: ActionFields, draftId: string, whole: boolean): Promise<boolean>;
  /** An edit the worker holds came to nothing (the field is as it began): it holds it no more. */
  dropEdit(draftId: string): void;
  /** Work to finish before any new action is captured; returns the way to stop. */
  onBeforeCapture(fn: () => void): () => void;
  /** The page is going away: emit what is pending and hand unacknowledged drafts over. */
  leave(): void;
  /** The gesture's snapshot aimed at the control its click changed. */
  retarget(pre: PreAction, control: Element): PreAction;
  /** A point in `el`'s window, in the top-level viewport. */
  toTop(x: number, y: number, el: Element | null): [number, number];
  redactUrl(url: string): string;
  /**
   * This page's load report is on its way to the worker (the arrival's time), or not any more (null): the steps
   * sent meanwhile say so, and the worker numbers them after the navigation that report makes.
   */
  reportingArrival(at: number | null): void;
}
