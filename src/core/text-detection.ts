// Finding text in a screenshot's pixels, as geometry: the input a DB text
// detector (PaddleOCR's, see offscreen/text-detector) takes, the line boxes
// its probability map holds, and which of those lines the DOM does not
// explain. Pure, so the same code runs in the offscreen document and tests.
import type { Box } from './schema';

/** PaddleOCR's detector was trained on images normalised with ImageNet's mean and deviation. */
const MEAN = [0.485, 0.456, 0.406] as const;
const STD = [0.229, 0.224, 0.225] as const;
/** A map pixel above this is text (PaddleOCR's det_db_thresh). */
const THRESHOLD = 0.3;
/** DB shrinks each text region when it trains; its boxes are grown back by this share of their height. */
const UNCLIP = 0.5;

export interface DetectorInput { data: Float32Array; width: number; height: number }

/**
 * The detector's input from RGBA pixels already at the size to run at (both sides multiples of 32, as the
 * network's strides need): planar, normalised floats.
 */
export function detectorInput(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): DetectorInput {
  const plane = width * height;
  const data = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < 3; c++) data[c * plane + i] = (rgba[i * 4 + c]! / 255 - MEAN[c]!) / STD[c]!;
  }
  return { data, width, height };
}

/** The size to run the detector at for an area of `width` x `height`, at most `scale`, rounded up to multiples of 32. */
export function detectorSize(width: number, height: number, scale: number): { width: number; height: number } {
  const round = (n: number): number => Math.max(32, Math.ceil((n * scale) / 32) * 32);
  return { width: round(width), height: round(height) };
}

/**
 * Line boxes in a probability map (`width` x `height`), in map pixels: each connected area of text pixels, as
 * DB marks it (the core of the line, smaller than its glyphs: see `unclip`). Areas of fewer than `minPixels`
 * are noise.
 */
export function boxesFromMap(map: ArrayLike<number>, width: number, height: number, minPixels = 6): Box[] {
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const boxes: Box[] = [];
  for (let start = 0; start < width * height; start++) {
    if (seen[start] || map[start]! <= THRESHOLD) continue;
    let x0 = width, y0 = height, x1 = -1, y1 = -1, count = 0;
    seen[start] = 1;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % width;
      const y = (i - x) / width;
      count++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (x > 0) visit(i - 1);
      if (x < width - 1) visit(i + 1);
      if (y > 0) visit(i - width);
      if (y < height - 1) visit(i + width);
    }
    if (count < minPixels) continue;
    boxes.push({ x: x0, y: y0, width: x1 + 1 - x0, height: y1 + 1 - y0 });
  }
  return boxes;

  function visit(i: number): void {
    if (!seen[i] && map[i]! > THRESHOLD) {
      seen[i] = 1;
      stack.push(i);
    }
  }
}

/** A line's core grown back to its glyphs (DB's unclip), for reading it and for blurring it. */
export function unclip(core: Box): Box {
  const grow = Math.max(2, core.height * UNCLIP);
  return { x: core.x - grow, y: core.y - grow, width: core.width + 2 * grow, height: core.height + 2 * grow };
}

/** Cell size (CSS px) of the coverage grid: coarse enough to be cheap, fine enough for a line of small text. */
const CELL = 4;
/** An uncovered stretch of a line up to this many cells (or twice the line's height) is a gap or a box's rounding. */
const MAX_UNREAD_CELLS = 3;

/**
 * The detected lines (their cores) the DOM does not explain: less than `minCovered` of a line's length lies under
 * boxes the DOM read and scrubbed (or that are blurred or OCR'd anyway). Those are the lines to OCR and scrub.
 * Measured along the line, column by column (a column is under a box when at least half its height is, its middle
 * included), not by
 * area: a detector's core is taller than the DOM's tight text boxes, and a row of short labels has gaps, so by
 * area a row the DOM read whole came out 58% covered and was OCR'd on every frame of the 16k-element page.
 */
export function unexplainedLines(lines: readonly Box[], explained: readonly Box[], width: number, height: number, minCovered = 0.8): Box[] {
  const cols = Math.ceil(width / CELL);
  const rows = Math.ceil(height / CELL);
  const covered = new Uint8Array(cols * rows);
  for (const b of explained) {
    // A cell counts as covered only if the box covers its centre: a box a few pixels off still explains its line.
    const c0 = Math.max(0, Math.round(b.x / CELL));
    const c1 = Math.min(cols, Math.round((b.x + b.width) / CELL));
    const r0 = Math.max(0, Math.round(b.y / CELL));
    const r1 = Math.min(rows, Math.round((b.y + b.height) / CELL));
    for (let r = r0; r < r1; r++) covered.fill(1, r * cols + c0, r * cols + Math.max(c0, c1));
  }
  return lines.filter((line) => {
    const c0 = Math.max(0, Math.floor(line.x / CELL));
    const c1 = Math.min(cols, Math.ceil((line.x + line.width) / CELL));
    const r0 = Math.max(0, Math.floor(line.y / CELL));
    const r1 = Math.min(rows, Math.ceil((line.y + line.height) / CELL));
    const tall = r1 - r0;
    // The line's middle row (both, for an even height) must be under a box too: a box over only its top or its
    // bottom half leaves the other half of the glyphs readable.
    const mid0 = r0 + Math.floor((tall - 1) / 2);
    const mid1 = r0 + Math.floor(tall / 2);
    let inside = 0;
    let run = 0;
    let longest = 0;
    for (let c = c0; c < c1; c++) {
      let under = 0;
      for (let r = r0; r < r1; r++) under += covered[r * cols + c]!;
      if (2 * under >= tall && covered[mid0 * cols + c] && covered[mid1 * cols + c]) {
        inside++;
        run = 0;
      } else longest = Math.max(longest, ++run);
    }
    const total = c1 - c0;
    // Nor may any stretch of it wider than about two glyphs lie outside every box, whatever the share: a list
    // item's marker string (list-style-type: "5425…") painted before 100 characters of its own words is 12% of
    // the line, and no text node's box.
    return total > 0 && tall > 0 && (inside / total < minCovered || longest > Math.max(MAX_UNREAD_CELLS, 2 * tall));
  });
}
