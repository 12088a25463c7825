// Geometry for DomSnapshotter.textBoxes(): where the page paints text the
// snapshot read and scrubbed ("explained" text). The worker's pixel text
// detector OCRs every detected line these boxes do not account for, so a box
// missing here costs an OCR run, while a box claimed where nothing of the DOM
// is painted could let a line go unread: clip tightly, merge only on one line.
import type { Box } from '../core/schema';

/** A rectangle in top-level viewport coordinates (CSS px). */
export interface Rect { left: number; top: number; right: number; bottom: number }

export interface TextBoxes {
  /** Painted, explained text inside the viewport: one box per line of an element's own text, a field, a pseudo-element's host. */
  boxes: Box[];
  /**
   * false when a cap (number of boxes, or time) cut the walk short: text outside `boxes` may then still be DOM
   * text, and the caller should not treat the list as "everything the DOM explains".
   */
  complete: boolean;
  /** The time cap cut it (a busy moment, not a page too big for the walk): a walk later may well finish. */
  timedOut?: boolean;
}

export interface TextBoxLimits {
  /** At most this many boxes (a page of tiny cells could give tens of thousands). */
  maxBoxes: number;
  /** Stop walking after this long (ms): a cap on the pathological page, not the expected cost. */
  maxMs: number;
}

export const DEFAULT_TEXT_BOX_LIMITS: TextBoxLimits = { maxBoxes: 4000, maxMs: 50 };

export const rectOf = (r: DOMRectReadOnly, off: { x: number; y: number }): Rect =>
  ({ left: r.left + off.x, top: r.top + off.y, right: r.right + off.x, bottom: r.bottom + off.y });

export const intersects = (a: Rect, b: Rect): boolean =>
  a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;

export function intersect(a: Rect, b: Rect): Rect {
  return { left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) };
}

/** The rect clipped to `clip` as a Box (rounded like geometry.toBox), or null when nothing of it is left. */
export function clippedBox(r: Rect, clip: Rect): Box | null {
  const c = intersect(r, clip);
  if (c.right - c.left <= 0 || c.bottom - c.top <= 0) return null;
  const x = Math.round(c.left * 10) / 10;
  const y = Math.round(c.top * 10) / 10;
  return { x, y, width: Math.round((c.right - c.left) * 10) / 10, height: Math.round((c.bottom - c.top) * 10) / 10 };
}

/**
 * Add a line fragment to one element's lines: fragments on the same line (vertical overlap of at least half
 * the shorter one) and near each other become one box, as a detector sees one text line. Far-apart fragments
 * on one row (a flex row's two ends) stay apart: one box over both would claim the gap between as explained.
 */
export function addLine(lines: Rect[], r: Rect): void {
  const h = r.bottom - r.top;
  for (const l of lines) {
    const overlap = Math.min(l.bottom, r.bottom) - Math.max(l.top, r.top);
    const shorter = Math.min(h, l.bottom - l.top);
    const gap = Math.max(l.left, r.left) - Math.min(l.right, r.right);
    if (overlap >= shorter / 2 && gap <= 2 * Math.max(h, l.bottom - l.top)) {
      l.left = Math.min(l.left, r.left);
      l.top = Math.min(l.top, r.top);
      l.right = Math.max(l.right, r.right);
      l.bottom = Math.max(l.bottom, r.bottom);
      return;
    }
  }
  lines.push({ ...r });
}

/** From a viewport's edge, where the rows of hit tests along the top and bottom edges go (px). */
const EDGE = 12;

/**
 * Points to hit-test for text an off-screen ancestor's box hid from the walk (a fixed banner in a footer):
 * a grid `step` apart, plus a row along the top and bottom edges, where fixed bars and cookie banners sit.
 */
export function probePoints(clip: Rect, step: number): { x: number; y: number }[] {
  const ys: number[] = [];
  if (clip.bottom - clip.top > 2 * EDGE) ys.push(clip.top + EDGE);
  for (let y = clip.top + step / 2; y < clip.bottom; y += step) ys.push(y);
  if (clip.bottom - clip.top > 2 * EDGE) ys.push(clip.bottom - EDGE);
  const out: { x: number; y: number }[] = [];
  for (const y of ys) {
    for (let x = clip.left + step / 2; x < clip.right; x += step) out.push({ x, y });
  }
  return out;
}
