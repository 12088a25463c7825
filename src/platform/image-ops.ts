// Image operations on OffscreenCanvas, usable from the service worker, the
// offscreen document and extension pages: scale a capture to CSS pixels (so
// action coordinates are pixels of the PNG) and blur or pixelate regions.
import type { PixelRect } from '../core/blur-regions';
import { blurPixels, type BlurStyle } from '../core/pixel-blur';

export type { BlurStyle };

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

type Ctx2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/** Blur one rectangle through its pixels (see core/pixel-blur: block means, then smoothing). */
export function blurRect(canvas: { width: number; height: number }, ctx: Ctx2D, r: PixelRect, style: BlurStyle): void {
  const x0 = Math.max(0, Math.floor(r.x));
  const y0 = Math.max(0, Math.floor(r.y));
  const w = Math.min(canvas.width - x0, Math.ceil(r.width));
  const h = Math.min(canvas.height - y0, Math.ceil(r.height));
  if (w <= 0 || h <= 0) return;
  const img = ctx.getImageData(x0, y0, w, h);
  blurPixels(img.data, w, h, { x: 0, y: 0, width: w, height: h }, style);
  ctx.putImageData(img, x0, y0);
}


/**
 * PNG bytes of a document canvas, encoded synchronously. In an extension's
 * offscreen document Chrome runs toBlob/convertToBlob callbacks about once a
 * second (measured: 1,009 ms for a 1280x800 frame), while toDataURL takes tens
 * of milliseconds; so pages that are never shown encode this way.
 */
export function canvasPng(canvas: HTMLCanvasElement): Blob {
  const url = canvas.toDataURL('image/png');
  const binary = atob(url.slice(url.indexOf(',') + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: 'image/png' });
}
