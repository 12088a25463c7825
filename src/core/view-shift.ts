// A step's blur and OCR regions are measured at the action, in viewport
// pixels. The frame it uses may be an older one, captured before a scroll:
// there the same text sits elsewhere. Knowing both scroll offsets, the regions
// are moved to where the text is in that frame's pixels (the top window's
// scroll only; a scrolled inner element is not followed, and such a frame is
// read by OCR whole anyway, as any frame the DOM cannot vouch for).
import type { Box } from './schema';
import type { ScrollOffset } from './step-draft';

/** A scroll offset from a message, or undefined if it is not one. */
export function scrollOffset(value: unknown): ScrollOffset | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { x, y } = value as { x?: unknown; y?: unknown };
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y) ? { x, y } : undefined;
}

/** What to add to regions measured at `measuredAt` to place them in a frame captured at `capturedAt`; undefined when none. */
export function regionShift(measuredAt: ScrollOffset | undefined, capturedAt: ScrollOffset | undefined): ScrollOffset | undefined {
  if (!measuredAt || !capturedAt) return undefined;
  const shift = { x: measuredAt.x - capturedAt.x, y: measuredAt.y - capturedAt.y };
  return Math.abs(shift.x) < 0.5 && Math.abs(shift.y) < 0.5 ? undefined : shift;
}

export function shiftBoxes<B extends Box>(boxes: readonly B[], shift: ScrollOffset | undefined): B[] {
  return shift ? boxes.map((b) => ({ ...b, x: b.x + shift.x, y: b.y + shift.y })) : [...boxes];
}
