// Real drags: HTML5 drag and drop (dragstart -> dragend), and pointer drags
// that move at least DRAG_MIN_PX and do not end in a click (sliders, canvas
// editors, sortable lists built on pointer events).
import type { ObserverParam } from './observer-param';
import { listen } from '../guard';
import { composedContains, eventElement } from '../dom-utils';

const DRAG_MIN_PX = 12;

export type DragObserverParam = Pick<ObserverParam, 'recording' | 'gesture' | 'capture' | 'emit' | 'toTop'>;

export function initDragObserver(win: Window, recorder: DragObserverParam): () => void {
  let html5: { startX: number; startY: number; el: Element | null } | null = null;
  let moved = false;

  const emitDrag = (from: [number, number], to: [number, number], el: Element | null): void => {
    const p = recorder.gesture.takePointer();
    // Not el.contains(): a <form>'s control named "contains" replaces it, and the drag step was lost.
    const pre = p && p.element && (p.element === el || (el && (composedContains(p.element, el) || composedContains(el, p.element)))) ? p.pre : recorder.capture(el);
    recorder.emit(pre, { type: 'drag', coordinates: from, to });
  };

  const teardowns = [
    listen(win, 'dragstart', (e) => {
      const ev = e as DragEvent;
      if (ev.isTrusted && recorder.recording) html5 = { startX: ev.clientX, startY: ev.clientY, el: eventElement(ev) };
    }),
    listen(win, 'dragend', (e) => {
      const ev = e as DragEvent;
      if (!ev.isTrusted || !html5 || !recorder.recording) return;
      const start = html5;
      html5 = null;
      emitDrag(recorder.toTop(start.startX, start.startY, start.el), recorder.toTop(ev.clientX, ev.clientY, start.el), start.el);
    }),
    listen(win, 'pointermove', (e) => {
      const ev = e as PointerEvent;
      const p = recorder.gesture.pointer;
      if (!ev.isTrusted || !p || ev.buttons === 0 || html5) return;
      if (Math.hypot(ev.clientX - p.x, ev.clientY - p.y) >= DRAG_MIN_PX) moved = true;
    }),
    listen(win, 'pointerup', (e) => {
      const ev = e as PointerEvent;
      const p = recorder.gesture.pointer;
      const wasDrag = moved;
      moved = false;
      if (!ev.isTrusted || !recorder.recording || !wasDrag || !p || html5) return;
      // A drag that starts and ends on the same element still fires click; the click step would then be wrong.
      const start = recorder.toTop(p.x, p.y, p.element);
      const end = recorder.toTop(ev.clientX, ev.clientY, eventElement(ev));
      recorder.gesture.dragEnded();
      emitDrag(start, end, p.element);
    }),
  ];
  return () => teardowns.forEach((t) => t());
}
