// How a frame's regions are kept in the tab's text map (storage.session, about
// 10 MB for the whole extension, shared with the frame vault's key and the
// page states kept for tab switches). Boxes are stored as flat integer lists,
// about a quarter of their JSON as objects, and each tab's map has a byte
// budget: a frame that would pass it keeps its blur boxes and drops its text
// boxes (its text is then read by OCR), or, still too big, becomes one OCR
// area over its whole viewport. Never less private, only more OCR.
import type { Box } from './schema';
import type { MediaRegion } from './step-draft';
import { WHOLE_SCREEN, type FrameRegions } from './tab-text-map';

/** A tab's map, all frames: a page of ads with dense text stays well under storage.session's 10 MB. */
export const TAB_MAP_BUDGET_BYTES = 1_000_000;

/** A frame's regions as stored: `r` redacted and `e` explained as [x, y, width, height, …] in whole pixels. */
export interface PackedFrameRegions {
  r: number[];
  m: MediaRegion[];
  e?: number[];
  fb?: Box;
  ts?: { x: number; y: number };
  at: number;
}

/** Outward for boxes to blur (never a pixel less); nearest for text boxes (a pixel either way excuses nothing). */
function pack(boxes: readonly Box[], outward: boolean): number[] {
  const out: number[] = [];
  for (const b of boxes) {
    if (outward) {
      const x = Math.floor(b.x);
      const y = Math.floor(b.y);
      out.push(x, y, Math.ceil(b.x + b.width) - x, Math.ceil(b.y + b.height) - y);
    } else {
      out.push(Math.round(b.x), Math.round(b.y), Math.round(b.width), Math.round(b.height));
    }
  }
  return out;
}

function unpack(flat: readonly number[] | undefined): Box[] {
  const out: Box[] = [];
  if (!Array.isArray(flat)) return out;
  for (let i = 0; i + 3 < flat.length; i += 4) out.push({ x: flat[i]!, y: flat[i + 1]!, width: flat[i + 2]!, height: flat[i + 3]! });
  return out;
}

export function packFrame(f: FrameRegions): PackedFrameRegions {
  return {
    r: pack(f.redacted, true), m: f.media, ...(f.explained?.length ? { e: pack(f.explained, false) } : {}),
    ...(f.frameBox ? { fb: f.frameBox } : {}), ...(f.topScroll ? { ts: f.topScroll } : {}), at: f.at,
  };
}

export function unpackFrame(p: PackedFrameRegions): FrameRegions {
  const explained = unpack(p.e);
  return {
    redacted: unpack(p.r), media: Array.isArray(p.m) ? p.m : [], ...(explained.length ? { explained } : {}),
    ...(p.fb ? { frameBox: p.fb } : {}), ...(p.ts ? { topScroll: p.ts } : {}), at: p.at,
  };
}

/** What a packed entry costs in storage (its JSON, which is what the browser counts). */
export const bytesOf = (p: PackedFrameRegions): number => JSON.stringify(p).length;

/**
 * The frame's entry to store, given what the tab's other frames already hold. `trimmed` says what was given up:
 * its text boxes (`text`), or all its boxes for one OCR area over its viewport (`whole`).
 */
export function fitFrame(f: FrameRegions, othersBytes: number, budget = TAB_MAP_BUDGET_BYTES): { packed: PackedFrameRegions; bytes: number; trimmed?: 'text' | 'whole' } {
  const left = budget - othersBytes;
  const full = packFrame(f);
  const fullBytes = bytesOf(full);
  if (fullBytes <= left) return { packed: full, bytes: fullBytes };
  const { e: _text, ...blurOnly } = full;
  const blurBytes = bytesOf(blurOnly);
  if (blurBytes <= left) return { packed: blurOnly, bytes: blurBytes, trimmed: 'text' };
  // Where the frame is, read whole by OCR: the top frame's whole screen, or a subframe's box, read as an embedded
  // document the DOM cannot see into ('frame' would mark it late, and blur it whole). Its blur boxes stay, past
  // the budget if need be (parseRegions caps them): OCR cannot tell a name typed in a sensitive field or a
  // masked element, and frames that filled the budget (ads with dense text) must not cost the page its blur.
  const area: MediaRegion = f.frameBox ? { kind: 'embed', ...f.frameBox } : WHOLE_SCREEN;
  const whole = packFrame({ redacted: f.redacted, media: [area], ...(f.frameBox ? { frameBox: f.frameBox } : {}), ...(f.topScroll ? { topScroll: f.topScroll } : {}), at: f.at });
  return { packed: whole, bytes: bytesOf(whole), trimmed: 'whole' };
}
