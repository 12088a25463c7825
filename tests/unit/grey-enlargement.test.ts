// The one-byte upscaleGrey against the RGBA one it replaced (88f5437^:src/core/pixel-scale.ts, copied here)
// on PNGs of every kind pngjs decodes (grey, grey+alpha, palette, 16-bit, RGBA with transparency), odd sizes and
// fractional scales: the grey bytes must be the old R (=G=B) bytes, and alpha must still be ignored.
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { upscaleGrey } from '../../src/core/pixel-scale';

function oldUpscaleGrey(data: Uint8Array | Uint8ClampedArray, width: number, height: number, factor: number) {
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

let seed = 13;
const rand = (): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };

function roundTrip(w: number, h: number, colorType: 0 | 2 | 4 | 6, bitDepth: 8 | 16): PNG {
  const png = new PNG({ width: w, height: h, colorType, inputColorType: 6, bitDepth, inputHasAlpha: true });
  for (let i = 0; i < png.data.length; i++) png.data[i] = Math.floor(rand() * 256);
  return PNG.sync.read(PNG.sync.write(png, { colorType, inputColorType: 6, bitDepth, inputHasAlpha: true }));
}

describe('one grey byte per pixel is the old RGBA grey', () => {
  const kinds = [[0, 8], [4, 8], [2, 8], [6, 8], [0, 16], [6, 16], [2, 16]] as const;
  for (const [colorType, bitDepth] of kinds) {
    it(`colour type ${colorType}, ${bitDepth}-bit, odd sizes, scales 1..3`, () => {
      for (const [w, h] of [[1, 1], [1, 5], [5, 1], [7, 3], [33, 17]] as const) {
        const png = roundTrip(w, h, colorType, bitDepth);
        for (const scale of [1, 1.1, 1.25, 4 / 3, 1.5, 1.7, 2, 2.3, 2.5, 2.999, 3]) {
          const now = upscaleGrey(png.data, w, h, scale);
          const old = oldUpscaleGrey(png.data, w, h, scale);
          expect([now.width, now.height]).toEqual([old.width, old.height]);
          expect(now.data.length).toBe(now.width * now.height);
          const oldGrey = old.data.filter((_v, i) => i % 4 === 0);
          expect(Buffer.from(now.data).equals(Buffer.from(oldGrey))).toBe(true);
        }
      }
    });
  }

  it('a Uint8ClampedArray (the offscreen getImageData) gives the same bytes', () => {
    const png = roundTrip(9, 4, 6, 8);
    const clamped = new Uint8ClampedArray(png.data);
    expect([...upscaleGrey(clamped, 9, 4, 1).data]).toEqual([...upscaleGrey(png.data, 9, 4, 1).data]);
  });
});
