// Pure geometry for screenshot redaction: pad, scale (CSS px to image px),
// clip and merge the regions to blur.
import type { Box } from './schema';

export interface PixelRect { x: number; y: number; width: number; height: number }

export function regionsToPixels(regions: Box[], scale: number, padding: number, width: number, height: number): PixelRect[] {
  const out: PixelRect[] = [];
  for (const r of regions) {
    const x0 = Math.max(0, Math.floor((r.x - padding) * scale));
    const y0 = Math.max(0, Math.floor((r.y - padding) * scale));
    const x1 = Math.min(width, Math.ceil((r.x + r.width + padding) * scale));
    const y1 = Math.min(height, Math.ceil((r.y + r.height + padding) * scale));
    if (x1 > x0 && y1 > y0) out.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
  }
  return out;
}
