// Map element rects from nested same-origin frames into the top-level
// viewport, which is the frame of the screenshot.
import type { Box } from '../core/schema';
import { boundsOf } from './dom-safe';

/** Offset of a window's viewport inside the top-level viewport, or null when an ancestor is cross-origin. */
export function frameOffset(win: Window): { x: number; y: number } | null {
  let x = 0;
  let y = 0;
  let current: Window = win;
  while (current !== current.top) {
    let frameEl: Element | null;
    try {
      frameEl = current.frameElement;
    } catch {
      return null;
    }
    if (!frameEl) return null;
    const r = boundsOf(frameEl);
    const style = current.parent.getComputedStyle(frameEl);
    x += r.left + (parseFloat(style.borderLeftWidth) || 0) + (parseFloat(style.paddingLeft) || 0);
    y += r.top + (parseFloat(style.borderTopWidth) || 0) + (parseFloat(style.paddingTop) || 0);
    current = current.parent;
  }
  return { x, y };
}

export function toBox(rect: DOMRectReadOnly, offset: { x: number; y: number }): Box {
  return {
    x: Math.round((rect.left + offset.x) * 10) / 10,
    y: Math.round((rect.top + offset.y) * 10) / 10,
    width: Math.round(rect.width * 10) / 10,
    height: Math.round(rect.height * 10) / 10,
  };
}

export function elementBox(el: Element, offset: { x: number; y: number }): Box {
  return toBox(boundsOf(el), offset);
}
