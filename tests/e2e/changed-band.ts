// Where a frame differs from another of the same page, for the rendering
// suite's reads: a page's later frames are read only in the rows that differ
// from its first frame, which is read whole, since every other pixel is the
// first frame's.
import type { PNG } from 'pngjs';
import type { Box } from './ocr-reader';

/** Rows a text line can reach beyond a changed pixel: a band grown this far holds every line a change touches. */
const BAND_PAD = 48;
/** A band taller than this share of the frame is read whole instead (it saves little). */
const BAND_MAX_SHARE = 0.6;

/**
 * The full-width band of rows where `b`'s pixels differ from `a`'s, grown by BAND_PAD; 'whole' when the images'
 * sizes differ or the band is most of the frame, 'same' when no pixel differs.
 */
export function changedBand(a: PNG, b: PNG): Box | 'whole' | 'same' {
  if (a.width !== b.width || a.height !== b.height) return 'whole';
  const row = a.width * 4;
  let top = -1;
  let bottom = -1;
  for (let y = 0; y < a.height; y++) {
    const start = y * row;
    if (a.data.compare(b.data, start, start + row, start, start + row) === 0) continue;
    if (top < 0) top = y;
    bottom = y;
  }
  if (top < 0) return 'same';
  const y = Math.max(0, top - BAND_PAD);
  const height = Math.min(a.height, bottom + 1 + BAND_PAD) - y;
  return height > a.height * BAND_MAX_SHARE ? 'whole' : { x: 0, y, width: a.width, height };
}

/** How one frame is read: whole, or only in `band`, its other rows being those of frame `against`, read whole. */
export type FrameRead = { whole: true } | { whole: false; against: number; band: Box };

/**
 * A read for each of `count` frames (decoded by `pixels`), in `order`: the first of its group is read whole; a later one
 * only in its band against whichever frame of its group already read whole gives the smallest band, or whole
 * when none gives a band. Frames with a null group (shown by no single page, say) are read whole.
 */
export function planReads(count: number, pixels: (i: number) => PNG, order: readonly number[], groupOf: (i: number) => string | null): FrameRead[] {
  const plan: FrameRead[] = Array.from({ length: count }, () => ({ whole: true }));
  const wholeOf = new Map<string, number[]>();
  for (const i of order) {
    const group = groupOf(i);
    if (group === null) continue;
    const read = wholeOf.get(group) ?? [];
    let best: { against: number; band: Box } | null = null;
    for (const j of read) {
      const band = changedBand(pixels(j), pixels(i));
      if (typeof band !== 'string' && (!best || band.height < best.band.height)) best = { against: j, band };
    }
    if (best) plan[i] = { whole: false, ...best };
    else wholeOf.set(group, [...read, i]);
  }
  return plan;
}

/** `decode` with the last `keep` results kept: planReads compares frames of one group, which come together. */
export function recentlyDecoded(decode: (i: number) => PNG, keep = 8): (i: number) => PNG {
  const kept = new Map<number, PNG>();
  return (i) => {
    const hit = kept.get(i);
    if (hit) return hit;
    const png = decode(i);
    kept.set(i, png);
    if (kept.size > keep) kept.delete(kept.keys().next().value!);
    return png;
  };
}
