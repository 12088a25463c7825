// Enlarge an RGBA image by an integer-or-not factor into grey levels, for OCR:
// tesseract reads small screen text far better at 2x, and colour only confuses it.
//
// The result is a binary PGM (netpbm P5): a header and one byte per pixel,
// which tesseract's Leptonica reads as it is, with none of a PNG's encoding and
// decoding (the same reads at half the CPU: docs/benchmarks.md).
export interface GreyImage { data: Uint8Array; width: number; height: number }

/** Rec. 601 luma, as the grey the reads have always used. */
function luma(data: Uint8Array | Uint8ClampedArray, i: number): number {
  return Math.round(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!);
}

/** `data` (RGBA, `width`×`height`) enlarged `factor` times by nearest neighbour, one grey byte per pixel. */
export function upscaleGrey(data: Uint8Array | Uint8ClampedArray, width: number, height: number, factor: number): GreyImage {
  const w = Math.round(width * factor);
  const h = Math.round(height * factor);
  const out = new Uint8Array(w * h);
  const columns = new Int32Array(w);
  for (let x = 0; x < w; x++) columns[x] = Math.min(width - 1, Math.floor(x / factor)) * 4;
  for (let y = 0; y < h; y++) {
    const row = Math.min(height - 1, Math.floor(y / factor)) * width * 4;
    const o = y * w;
    for (let x = 0; x < w; x++) out[o + x] = luma(data, row + columns[x]!);
  }
  return { data: out, width: w, height: h };
}

/**
 * The header's comment keeps the pixels out of the first 512 bytes: tesseract.js looks for an EXIF orientation in the
 * first 500 bytes of any image it is given (worker-script/utils/setImage.js) and turns the image by it. A PNG's are
 * compressed; a PGM's would be the first row's grey levels, which a page or screenshot can paint (ten dark pixels
 * made tesseract read a whole frame upside down, and its secret went unblurred).
 */
const HEADER_PADDING = `#${' '.repeat(510)}\n`;

/** The grey image as a binary PGM file, its pixels from byte 512 on at the earliest. */
export function pgmBytes(image: GreyImage): Uint8Array<ArrayBuffer> {
  const head = new TextEncoder().encode(`P5\n${HEADER_PADDING}${image.width} ${image.height}\n255\n`);
  const out = new Uint8Array(head.length + image.data.length);
  out.set(head);
  out.set(image.data, head.length);
  return out;
}
