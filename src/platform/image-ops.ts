// Image operations on OffscreenCanvas, usable from the service worker, the
// offscreen document and extension pages: scale a capture to CSS pixels (so
// action coordinates are pixels of the PNG) and blur or pixelate regions.
import type { PixelRect } from '../core/blur-regions';

export interface BlurStyle {
  mode: 'gaussian' | 'pixelate';
  /** Gaussian radius or pixel block size, in image pixels. */
  strength: number;
}

export interface ImageOut { blob: Blob; width: number; height: number }

/** Decode, optionally scale to `targetWidth`, then blur `rects` (given in output pixels). */
export async function processImage(
  input: Blob, targetWidth: number | null, rects: PixelRect[], style: BlurStyle,
): Promise<ImageOut> {
  const bitmap = await createImageBitmap(input);
  const scale = targetWidth && Math.abs(targetWidth - bitmap.width) > 1 ? targetWidth / bitmap.width : 1;
  const width = Math.round(bitmap.width * scale);
  const height = Math.round(bitmap.height * scale);
  if (scale === 1 && rects.length === 0) {
    bitmap.close();
    return { blob: input, width, height };
  }
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  for (const r of rects) blurRect(canvas, ctx, r, style);
  return { blob: await canvas.convertToBlob({ type: 'image/png' }), width, height };
}

/**
 * Irreversible in practice: every block of the region becomes the mean colour
 * of its pixels (computed from the pixel data; canvas downscaling samples
 * rather than averages and leaves glyphs readable), then gaussian mode blurs
 * the blocks so the result looks smooth. Blocks are at least half a text line
 * tall, so no glyph survives.
 */
export function blurRect(canvas: OffscreenCanvas, ctx: OffscreenCanvasRenderingContext2D, r: PixelRect, style: BlurStyle): void {
  const block = Math.max(8, Math.round(style.strength));
  const x0 = Math.max(0, Math.floor(r.x));
  const y0 = Math.max(0, Math.floor(r.y));
  const w = Math.min(canvas.width - x0, Math.ceil(r.width));
  const h = Math.min(canvas.height - y0, Math.ceil(r.height));
  if (w <= 0 || h <= 0) return;
  const img = ctx.getImageData(x0, y0, w, h);
  const d = img.data;
  for (let by = 0; by < h; by += block) {
    for (let bx = 0; bx < w; bx += block) {
      const bw = Math.min(block, w - bx);
      const bh = Math.min(block, h - by);
      let rr = 0, gg = 0, bb = 0, n = 0;
      for (let y = by; y < by + bh; y++) {
        for (let x = bx; x < bx + bw; x++) {
          const i = (y * w + x) * 4;
          rr += d[i]!; gg += d[i + 1]!; bb += d[i + 2]!; n++;
        }
      }
      rr = Math.round(rr / n); gg = Math.round(gg / n); bb = Math.round(bb / n);
      for (let y = by; y < by + bh; y++) {
        for (let x = bx; x < bx + bw; x++) {
          const i = (y * w + x) * 4;
          d[i] = rr; d[i + 1] = gg; d[i + 2] = bb;
        }
      }
    }
  }
  ctx.putImageData(img, x0, y0);
  if (style.mode === 'gaussian') {
    ctx.save();
    ctx.beginPath();
    ctx.rect(x0, y0, w, h);
    ctx.clip();
    ctx.filter = `blur(${Math.max(2, Math.round(block / 2))}px)`;
    ctx.drawImage(canvas, x0, y0, w, h, x0, y0, w, h);
    ctx.restore();
  }
}

export async function dataUrlToBlob(dataUrl: string): Promise<Blob> {
  return (await fetch(dataUrl)).blob();
}
