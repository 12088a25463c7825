// The text map of a whole tab: every frame the recorder runs in keeps its
// latest screen regions here (its redacted text and sensitive-field boxes to
// blur, its media areas for OCR), so any capture of the tab, whichever frame
// a step came from, is blurred from all of them. Boxes only, no text: the
// map says where secrets are painted, never what they are.
import type { Box } from './schema';
import { MEDIA_KINDS, type MediaRegion, type ScrollOffset } from './step-draft';
import { regionShift, shiftBoxes } from './view-shift';

/** One frame's regions, as it last reported them (CSS px, top-level viewport). */
export interface FrameRegions {
  redacted: Box[];
  media: MediaRegion[];
  /** Boxes of the text the frame's DOM read and scrubbed (see ScreenRegions). */
  explained?: Box[];
  /** A subframe's own viewport in the top-level one when it measured them: where its boxes hold. */
  frameBox?: Box;
  /** The top window's scroll the boxes hold at (for a cross-origin frame: when its offset was measured). */
  topScroll?: ScrollOffset;
  /** When the frame measured them (ms epoch). */
  at: number;
}

/**
 * The regions of all of a tab's frames, composed for one capture. `explained`: boxes of text the DOM read
 * and scrubbed (clean or not); a line found in the pixels outside them is read by OCR.
 */
export interface ScreenRegions {
  redacted: Box[]; media: MediaRegion[]; explained?: Box[];
  /** Foreign frames to blur whole: their own regions were not in the map yet (see lateFrames). */
  late?: LateFrame[];
}

/** A foreign frame's box, and its number when known. */
export interface LateFrame extends Box { frame?: number }

/** Frame number (0 = the top frame) -> its latest regions. */
export type TabTextMap = Record<string, FrameRegions>;

/** A page could send any number of boxes: past this many per frame, its whole viewport is read by OCR instead. */
export const MAX_BOXES_PER_FRAME = 2000;
/** Text boxes kept per frame; past this, the rest of its text is read by OCR (slower, never less private). */
export const MAX_EXPLAINED_PER_FRAME = 6000;
/** Coordinates beyond this are no screen's (a hostile page's numbers): such a box is dropped. */
const MAX_COORD = 1_000_000;

export function isBox(value: unknown): value is Box {
  if (typeof value !== 'object' || value === null) return false;
  const { x, y, width, height } = value as Record<string, unknown>;
  return [x, y, width, height].every((n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= MAX_COORD)
    && (width as number) >= 0 && (height as number) >= 0;
}

const isMediaKind = (k: unknown): k is MediaRegion['kind'] => typeof k === 'string' && (MEDIA_KINDS as readonly string[]).includes(k);

/** The whole screen, as a media area: read by OCR when a frame's regions cannot be trusted. */
export const WHOLE_SCREEN: MediaRegion = { kind: 'frame', x: 0, y: 0, width: 100_000, height: 100_000 };

/**
 * A frame's report, checked: pages are not trusted, so only well-formed boxes are kept. A report with too
 * many boxes is replaced by a whole-screen OCR area (more work, never less privacy).
 */
export function parseRegions(value: unknown): ScreenRegions | null {
  if (typeof value !== 'object' || value === null) return null;
  const { redacted, media, explained } = value as { redacted?: unknown; media?: unknown; explained?: unknown };
  if (!Array.isArray(redacted) || !Array.isArray(media)) return null;
  if (redacted.length + media.length > MAX_BOXES_PER_FRAME) {
    // OCR cannot tell a card's code typed into a sensitive field from any number: the blur boxes are kept, as
    // the one box over them all (a flood of them costs one blur, never less privacy).
    const blur = redacted.filter(isBox);
    return { redacted: blur.length ? [unionOf(blur)] : [], media: [WHOLE_SCREEN] };
  }
  const text = Array.isArray(explained) ? explained.slice(0, MAX_EXPLAINED_PER_FRAME).filter(isBox).map(plainBox) : [];
  return {
    redacted: redacted.filter(isBox).map(plainBox),
    media: media.filter((m): m is MediaRegion => isBox(m) && isMediaKind((m as { kind?: unknown }).kind))
      .map(({ kind, x, y, width, height, frame, viewportAt }) => ({
        kind, x, y, width, height, ...(Number.isSafeInteger(frame) ? { frame } : {}),
        ...(isBox({ ...viewportAt, width: 0, height: 0 }) ? { viewportAt: { x: viewportAt!.x, y: viewportAt!.y } } : {}),
      })),
    ...(text.length ? { explained: text } : {}),
  };
}

const plainBox = ({ x, y, width, height }: Box): Box => ({ x, y, width, height });

/** The smallest box holding all of `boxes` (not empty). */
function unionOf(boxes: readonly Box[]): Box {
  let left = Infinity; let top = Infinity; let right = -Infinity; let bottom = -Infinity;
  for (const b of boxes) {
    left = Math.min(left, b.x);
    top = Math.min(top, b.y);
    right = Math.max(right, b.x + b.width);
    bottom = Math.max(bottom, b.y + b.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The parts of `boxes` inside `bounds`; boxes wholly outside are dropped. */
export function clipBoxes(boxes: readonly Box[], bounds: Box): Box[] {
  const out: Box[] = [];
  for (const b of boxes) {
    const x = Math.max(b.x, bounds.x);
    const y = Math.max(b.y, bounds.y);
    const right = Math.min(b.x + b.width, bounds.x + bounds.width);
    const bottom = Math.min(b.y + b.height, bounds.y + bounds.height);
    if (right > x && bottom > y) out.push({ x, y, width: right - x, height: bottom - y });
  }
  return out;
}

/** Drop exact repeats (a frame's own regions also reach the step through its draft). */
export function uniqueBoxes<B extends Box>(boxes: readonly B[]): B[] {
  const seen = new Set<string>();
  const out: B[] = [];
  for (const b of boxes) {
    const key = `${Math.round(b.x)},${Math.round(b.y)},${Math.round(b.width)},${Math.round(b.height)},${'kind' in b ? String(b.kind) : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(b);
  }
  return out;
}

/**
 * The map's regions placed in a frame captured at `capturedAt` (the top window's scroll then): each frame's
 * boxes moved by the scroll since it measured them. `except` leaves out one frame (the step's own, whose
 * fresher regions come with its draft).
 */
export function composeRegions(map: TabTextMap, capturedAt: ScrollOffset | undefined, except?: number): ScreenRegions {
  const redacted: Box[] = [];
  const media: MediaRegion[] = [];
  const explained: Box[] = [];
  const placed = placements(map, capturedAt);
  for (const [frame, regions] of Object.entries(map)) {
    if (except !== undefined && Number(frame) === except) continue;
    const scroll = regionShift(regions.topScroll, capturedAt);
    const shift = add(scroll, moved(regions, scroll, placed.get(Number(frame))));
    redacted.push(...shiftBoxes(regions.redacted, shift));
    media.push(...shiftBoxes(regions.media, shift));
    explained.push(...shiftBoxes(regions.explained ?? [], shift));
  }
  const late = lateFrames(map, media);
  return {
    redacted: uniqueBoxes(redacted), media: uniqueBoxes(media), ...(explained.length ? { explained } : {}), ...(late.length ? { late } : {}),
  };
}

interface Placement { x: number; y: number; at: number }

/** Where each foreign frame's viewport is, as the frame around it last measured it (placed for this capture). */
function placements(map: TabTextMap, capturedAt: ScrollOffset | undefined): Map<number, Placement> {
  const out = new Map<number, Placement>();
  for (const regions of Object.values(map)) {
    const shift = regionShift(regions.topScroll, capturedAt) ?? { x: 0, y: 0 };
    for (const m of regions.media) {
      if (m.frame === undefined || !m.viewportAt) continue;
      const known = out.get(m.frame);
      if (!known || known.at < regions.at) out.set(m.frame, { x: m.viewportAt.x + shift.x, y: m.viewportAt.y + shift.y, at: regions.at });
    }
  }
  return out;
}

/**
 * A frame moved by the page around it (a notice inserted above it, a layout shift) does not know it: when the
 * frame around it measured it later than it measured its own boxes, its boxes follow it by the difference.
 */
function moved(regions: FrameRegions, shift: ScrollOffset | undefined, placement: Placement | undefined): ScrollOffset | undefined {
  if (!regions.frameBox || !placement || placement.at <= regions.at) return undefined;
  const dx = placement.x - (regions.frameBox.x + (shift?.x ?? 0));
  const dy = placement.y - (regions.frameBox.y + (shift?.y ?? 0));
  return Math.abs(dx) < 0.5 && Math.abs(dy) < 0.5 ? undefined : { x: dx, y: dy };
}

function add(a: ScrollOffset | undefined, b: ScrollOffset | undefined): ScrollOffset | undefined {
  if (!a) return b;
  if (!b) return a;
  return { x: a.x + b.x, y: a.y + b.y };
}

/**
 * Foreign frames whose own regions are not in the map (not placed yet, just loaded, or a frame the recorder
 * cannot run in): nothing says where their secrets are, so they are blurred whole rather than kept readable.
 */
export function lateFrames(map: TabTextMap, media: readonly MediaRegion[]): LateFrame[] {
  // The whole-screen area is an order to read everything by OCR (a flood of boxes), not a frame.
  return media.filter((m) => m.kind === 'frame' && m.width < WHOLE_SCREEN.width && (m.frame === undefined || !(String(m.frame) in map)))
    .map(({ x, y, width, height, frame }) => ({ x, y, width, height, ...(frame !== undefined ? { frame } : {}) }));
}

/**
 * The boxes to blur for late frames, but not the step's own frame: its draft describes it. A step from a frame
 * that has not reported yet (its first click, say) is not blurred away by its own lateness.
 */
export function lateBoxes(regions: ScreenRegions, ownFrame: number, ownPoint?: readonly [number, number] | null): Box[] {
  return ownLateDropped(regions.late ?? [], ownFrame, ownPoint).map(({ x, y, width, height }) => ({ x, y, width, height }));
}

/**
 * Late frames less the step's own: by its number, or (a frame whose number its parent did not know yet) by
 * holding the point the step's action happened at, for a step from a subframe.
 */
export function ownLateDropped(late: readonly LateFrame[], ownFrame: number, ownPoint?: readonly [number, number] | null): LateFrame[] {
  return late.filter((l) => l.frame !== ownFrame && !(ownFrame !== 0 && l.frame === undefined && ownPoint
    && ownPoint[0] >= l.x && ownPoint[0] <= l.x + l.width && ownPoint[1] >= l.y && ownPoint[1] <= l.y + l.height));
}

/**
 * What frames reported between `from` and `to` (ms epoch), placed for a capture: a frame reports 100 ms after
 * its last change, so a capture taken meanwhile may show text its report had not yet described. Blur and OCR
 * areas only, never text boxes (which could excuse a line from being read).
 */
export function composeReportedBetween(map: TabTextMap, capturedAt: ScrollOffset | undefined, from: number, to: number): ScreenRegions {
  const redacted: Box[] = [];
  const media: MediaRegion[] = [];
  const placed = placements(map, capturedAt);
  for (const [frame, regions] of Object.entries(map)) {
    if (regions.at < from || regions.at > to) continue;
    const scroll = regionShift(regions.topScroll, capturedAt);
    const shift = add(scroll, moved(regions, scroll, placed.get(Number(frame))));
    redacted.push(...shiftBoxes(regions.redacted, shift));
    media.push(...shiftBoxes(regions.media, shift));
  }
  return { redacted: uniqueBoxes(redacted), media: uniqueBoxes(media) };
}

/** Both sets of regions together. */
export function mergeRegions(a: ScreenRegions, b: ScreenRegions): ScreenRegions {
  const explained = [...(a.explained ?? []), ...(b.explained ?? [])];
  const late = uniqueBoxes([...(a.late ?? []), ...(b.late ?? [])]);
  return {
    redacted: uniqueBoxes([...a.redacted, ...b.redacted]), media: uniqueBoxes([...a.media, ...b.media]),
    ...(explained.length ? { explained } : {}), ...(late.length ? { late } : {}),
  };
}
