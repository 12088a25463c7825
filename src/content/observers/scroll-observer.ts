// User scrolling, coalesced: a burst of wheel/touch/scroll-key input and the
// scroll events it causes becomes one step with the resulting offset.
// Scrolls without user input (page scripts) are not steps.
import type { PreAction } from '../recorder';
import type { ObserverParam } from './observer-param';
import { listen } from '../guard';
import { eventTarget } from '../start-gate';
import { eventElement, isTextField } from '../dom-utils';
import { cssSelector } from '../element-locators';
import { nodeTypeOf, scrollOffsetOf, tagOf } from '../dom-safe';

const SETTLE_MS = 400;
const INTENT_MS = 1000;
const SCROLL_KEYS = new Set(['PageUp', 'PageDown', 'Home', 'End', 'ArrowUp', 'ArrowDown', ' ', 'ArrowLeft', 'ArrowRight']);

/** Through the prototypes (see scrollOffsetOf): a form's controls named scrollTop/scrollLeft made the offsets NaN. */
function roundedOffset(el: Element): { x: number; y: number } {
  const { x, y } = scrollOffsetOf(el);
  return { x: Math.round(x), y: Math.round(y) };
}

export type ScrollObserverParam = Pick<ObserverParam, 'recording' | 'capture' | 'emit' | 'onBeforeCapture' | 'toTop'>;

export function initScrollObserver(win: Window, recorder: ScrollObserverParam): () => void {
  let burst: { pre: PreAction; point: [number, number] | null; container: Element | Document | null } | null = null;
  let intentAt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const intent = (target: Element | null, point: [number, number] | null): void => {
    intentAt = Date.now();
    if (!burst && recorder.recording) {
      burst = { pre: recorder.capture(target), point, container: null };
      // Input that scrolls nothing ends without a step.
      timer = setTimeout(finish, INTENT_MS);
    }
  };

  const finish = (): void => {
    timer = null;
    const b = burst;
    burst = null;
    if (!b || !b.container) return;
    const c = b.container;
    // An element that scrolled (a grid's viewport, a chat list) is named, so a replay scrolls it and not the page.
    const scroll = nodeTypeOf(c) === Node.DOCUMENT_NODE
      ? { x: Math.round(win.scrollX), y: Math.round(win.scrollY) }
      : { ...roundedOffset(c as Element), selector: cssSelector(c as Element) };
    recorder.emit(b.pre, { type: 'scroll', coordinates: b.point, scroll }, nodeTypeOf(c) === Node.DOCUMENT_NODE ? undefined : (c as Element));
  };

  const stopFlush = recorder.onBeforeCapture(() => {
    // Another action starts: the scroll burst before it is complete.
    if (burst) {
      if (timer) clearTimeout(timer);
      finish();
    }
  });

  const teardowns = [
    stopFlush,
    listen(win, 'wheel', (e) => {
      const ev = e as WheelEvent;
      if (ev.isTrusted) intent(eventElement(ev), recorder.toTop(ev.clientX, ev.clientY, eventElement(ev)));
    }),
    listen(win, 'touchmove', (e) => {
      const t = (e as TouchEvent).touches[0];
      if (e.isTrusted) intent(eventElement(e), t ? recorder.toTop(t.clientX, t.clientY, eventElement(e)) : null);
    }),
    listen(win, 'keydown', (e) => {
      const ev = e as KeyboardEvent;
      const el = eventElement(ev);
      if (ev.isTrusted && SCROLL_KEYS.has(ev.key) && !isTextField(el) && !(el && ['button', 'select', 'input'].includes(tagOf(el)))) intent(null, null);
    }),
    listen(win, 'scroll', (e) => {
      if (!recorder.recording || !burst || Date.now() - intentAt > INTENT_MS) return;
      const t = eventTarget(e) as Element | Document;
      burst.container = t === win.document || t === (win as unknown as EventTarget) ? win.document : t;
      if (timer) clearTimeout(timer);
      timer = setTimeout(finish, SETTLE_MS);
    }),
  ];
  return () => {
    if (timer) clearTimeout(timer);
    finish();
    teardowns.forEach((t) => t());
  };
}
