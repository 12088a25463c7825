import { describe, expect, it } from 'vitest';
import { blurPixels } from '../../src/core/pixel-blur';

/** A 40x20 image with a black-and-white checkerboard of 1px: the hardest pattern to hide. */
function checker(width = 40, height = 20): Uint8Array {
  const d = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = (x + y) % 2 ? 255 : 0;
      d.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return d;
}

const px = (d: Uint8Array, w: number, x: number, y: number): number => d[(y * w + x) * 4]!;

describe('blurPixels', () => {
  it('pixelate: every block inside becomes its mean colour; pixels outside are untouched', () => {
    const d = checker();
    blurPixels(d, 40, 20, { x: 0, y: 0, width: 16, height: 16 }, { mode: 'pixelate', strength: 8 });
    for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) expect(px(d, 40, x, y)).toBe(128);
    expect(px(d, 40, 16, 0)).toBe(0);
    expect(px(d, 40, 17, 0)).toBe(255);
    expect(px(d, 40, 0, 16)).toBe(0);
  });

  it('gaussian: no pixel inside keeps the pattern, none outside changes, alpha is kept', () => {
    const d = checker();
    const before = checker();
    blurPixels(d, 40, 20, { x: 4, y: 2, width: 20, height: 12 }, { mode: 'gaussian', strength: 12 });
    for (let y = 0; y < 20; y++) {
      for (let x = 0; x < 40; x++) {
        const inside = x >= 4 && x < 24 && y >= 2 && y < 14;
        if (inside) expect(Math.abs(px(d, 40, x, y) - 128)).toBeLessThan(40);
        else expect(px(d, 40, x, y)).toBe(px(before, 40, x, y));
        expect(d[(y * 40 + x) * 4 + 3]).toBe(255);
      }
    }
  });

  it('clips a rectangle that runs off the image', () => {
    const d = checker();
    blurPixels(d, 40, 20, { x: 30, y: 15, width: 50, height: 50 }, { mode: 'pixelate', strength: 8 });
    expect(px(d, 40, 39, 19)).toBe(px(d, 40, 38, 19));
    expect(px(d, 40, 29, 15)).toBe(checker()[(15 * 40 + 29) * 4]);
  });
});
