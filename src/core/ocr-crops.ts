// Which parts of a frame OCR reads. The DOM vouches for its own text (it is
// scrubbed and blurred by rect); only pixels it cannot vouch for are read:
// images, canvases, video, foreign frames (see MediaRegion). Pure geometry.
import type { Box } from './schema';

export interface Crop { x: number; y: number; width: number; height: number }

/** Smaller than this (CSS px) holds no text tesseract can read: icons, spacers. */
const MIN_WIDTH = 24;
const MIN_HEIGHT = 10;
const PAD = 4;
/** Above this share of the frame, one full-frame read is cheaper than many crops. */
const FULL_SHOT_SHARE = 0.6;

/**
 * Crops in image pixels: padded, clipped to the frame, merged where they
 * overlap (a canvas inside a frame region is read once), tiny ones dropped.
 * Returns one whole-frame crop when the media covers most of the frame.
 */
export function planCrops(regions: readonly Box[], width: number, height: number): Crop[] {
  let crops: Crop[] = [];
  for (const r of regions) {
    if (r.width < MIN_WIDTH || r.height < MIN_HEIGHT) continue;
    const x0 = Math.max(0, Math.floor(r.x - PAD));
    const y0 = Math.max(0, Math.floor(r.y - PAD));
    const x1 = Math.min(width, Math.ceil(r.x + r.width + PAD));
    const y1 = Math.min(height, Math.ceil(r.y + r.height + PAD));
    if (x1 - x0 >= MIN_WIDTH && y1 - y0 >= MIN_HEIGHT) crops.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
  }
  crops = mergeOverlapping(crops);
  const area = crops.reduce((a, c) => a + c.width * c.height, 0);
  if (width > 0 && height > 0 && area > FULL_SHOT_SHARE * width * height) return [{ x: 0, y: 0, width, height }];
  return crops;
}

/** Boxes that overlap joined into their union, until none overlap (a canvas inside a frame region is read once). */
export function mergeOverlapping<B extends Box>(boxes: readonly B[]): Box[] {
  let out: Box[] = boxes.map(({ x, y, width, height }) => ({ x, y, width, height }));
  for (let merged = true; merged;) {
    merged = false;
    const next: Box[] = [];
    for (const c of out) {
      const hit = next.find((o) => o.x < c.x + c.width && c.x < o.x + o.width && o.y < c.y + c.height && c.y < o.y + o.height);
      if (!hit) {
        next.push({ ...c });
        continue;
      }
      const x1 = Math.max(hit.x + hit.width, c.x + c.width);
      const y1 = Math.max(hit.y + hit.height, c.y + c.height);
      hit.x = Math.min(hit.x, c.x);
      hit.y = Math.min(hit.y, c.y);
      hit.width = x1 - hit.x;
      hit.height = y1 - hit.y;
      merged = true;
    }
    out = next;
  }
  return out;
}

/** How much to enlarge a crop for OCR: the configured factor, more for short crops (a one-line canvas), capped. */
export function cropScale(crop: Crop, upscale: number): number {
  const short = crop.height < 40 ? 3 : upscale;
  const scale = Math.max(upscale, short);
  // Keep a crop under ~16 MP once enlarged: tesseract's memory grows with it.
  const cap = Math.sqrt(16_000_000 / Math.max(1, crop.width * crop.height));
  return Math.max(1, Math.min(scale, cap));
}
