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
 * Irreversible in practice: the region is first pixelated into coarse blocks
 * (destroying glyph detail), then, for gaussian mode, blurred to look smooth.
 */
export function blurRect(canvas: OffscreenCanvas, ctx: OffscreenCanvasRenderingContext2D, r: PixelRect, style: BlurStyle): void {
  const block = Math.max(4, Math.round(style.mode === 'pixelate' ? style.strength : Math.max(6, style.strength)));
  const w = Math.max(1, Math.ceil(r.width / block));
  const h = Math.max(1, Math.ceil(r.height / block));
  const small = new OffscreenCanvas(w, h);
  const sctx = small.getContext('2d')!;
  sctx.imageSmoothingEnabled = true;
  sctx.drawImage(canvas, r.x, r.y, r.width, r.height, 0, 0, w, h);
  ctx.save();
  ctx.beginPath();
  ctx.rect(r.x, r.y, r.width, r.height);
  ctx.clip();
  ctx.imageSmoothingEnabled = style.mode === 'gaussian';
  if (style.mode === 'gaussian') ctx.filter = `blur(${Math.max(2, style.strength / 2)}px)`;
  ctx.drawImage(small, 0, 0, w, h, r.x, r.y, r.width, r.height);
  ctx.restore();
}

export async function dataUrlToBlob(dataUrl: string): Promise<Blob> {
  return (await fetch(dataUrl)).blob();
}
