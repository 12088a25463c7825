// Enlarge an RGBA image by an integer-or-not factor into grey levels, for OCR:
// tesseract reads small screen text far better at 2x, and colour only confuses it.
export interface GreyImage { data: Uint8Array; width: number; height: number }

export function upscaleGrey(data: Uint8Array | Uint8ClampedArray, width: number, height: number, factor: number): GreyImage {
  const w = Math.round(width * factor);
  const h = Math.round(height * factor);
  const out = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(height - 1, Math.floor(y / factor));
    for (let x = 0; x < w; x++) {
      const sx = Math.min(width - 1, Math.floor(x / factor));
      const i = (sy * width + sx) * 4;
      const g = Math.round(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!);
      const o = (y * w + x) * 4;
      out[o] = g; out[o + 1] = g; out[o + 2] = g; out[o + 3] = 255;
    }
  }
  return { data: out, width: w, height: h };
}
