// Irreversible blur of a rectangle in an RGBA pixel buffer: pure, so the
// extension (canvas ImageData) and the CLI (decoded PNG) blur the same way.
// Every block of the region becomes the mean colour of its pixels (blocks are
// at least half a text line tall, so no glyph survives); gaussian mode then
// smooths the blocks with two box-blur passes, which only makes it look nicer.
import type { PixelRect } from './blur-regions';

export interface BlurStyle {
  mode: 'gaussian' | 'pixelate';
  /** Block size (and blur radius) in image pixels. */
  strength: number;
}

type Pixels = Uint8Array | Uint8ClampedArray;

export function blurPixels(data: Pixels, width: number, height: number, r: PixelRect, style: BlurStyle): void {
  const x0 = Math.max(0, Math.floor(r.x));
  const y0 = Math.max(0, Math.floor(r.y));
  const x1 = Math.min(width, Math.ceil(r.x + r.width));
  const y1 = Math.min(height, Math.ceil(r.y + r.height));
  if (x1 <= x0 || y1 <= y0) return;
  const block = Math.max(8, Math.round(style.strength));
  for (let by = y0; by < y1; by += block) {
    for (let bx = x0; bx < x1; bx += block) {
      const ex = Math.min(bx + block, x1);
      const ey = Math.min(by + block, y1);
      let rr = 0, gg = 0, bb = 0, n = 0;
      for (let y = by; y < ey; y++) {
        for (let x = bx; x < ex; x++) {
          const i = (y * width + x) * 4;
          rr += data[i]!; gg += data[i + 1]!; bb += data[i + 2]!; n++;
        }
      }
      rr = Math.round(rr / n); gg = Math.round(gg / n); bb = Math.round(bb / n);
      for (let y = by; y < ey; y++) {
        for (let x = bx; x < ex; x++) {
          const i = (y * width + x) * 4;
          data[i] = rr; data[i + 1] = gg; data[i + 2] = bb;
        }
      }
    }
  }
  if (style.mode === 'gaussian') {
    const radius = Math.max(2, Math.round(block / 2));
    for (let pass = 0; pass < 2; pass++) {
      boxBlur(data, width, x0, y0, x1, y1, radius, true);
      boxBlur(data, width, x0, y0, x1, y1, radius, false);
    }
  }
}

/** One box blur along rows (or columns) from prefix sums, sampling only inside the rectangle. */
function boxBlur(data: Pixels, width: number, x0: number, y0: number, x1: number, y1: number, radius: number, rows: boolean): void {
  const [o0, o1] = rows ? [y0, y1] : [x0, x1];
  const [i0, i1] = rows ? [x0, x1] : [y0, y1];
  const len = i1 - i0;
  const sums = new Float64Array((len + 1) * 3);
  for (let o = o0; o < o1; o++) {
    const at = (k: number): number => (rows ? (o * width + i0 + k) * 4 : ((i0 + k) * width + o) * 4);
    for (let k = 0; k < len; k++) {
      const i = at(k);
      for (let c = 0; c < 3; c++) sums[(k + 1) * 3 + c] = sums[k * 3 + c]! + data[i + c]!;
    }
    for (let k = 0; k < len; k++) {
      const a = Math.max(0, k - radius);
      const b = Math.min(len, k + radius + 1);
      const i = at(k);
      for (let c = 0; c < 3; c++) data[i + c] = Math.round((sums[b * 3 + c]! - sums[a * 3 + c]!) / (b - a));
    }
  }
}
