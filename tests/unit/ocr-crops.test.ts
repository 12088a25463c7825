import { describe, expect, it } from 'vitest';
import { cropScale, planCrops } from '../../src/core/ocr-crops';
import type { MediaRegion } from '../../src/core/step-draft';
import { shiftLines, untrustedWordBoxes, type OcrLine } from '../../src/core/scrub/ocr-words';

const region = (x: number, y: number, width: number, height: number, kind: MediaRegion['kind'] = 'img'): MediaRegion => ({ x, y, width, height, kind });

describe('planCrops', () => {
  it('pads and clips each region to the frame', () => {
    expect(planCrops([region(10, 10, 100, 50)], 1280, 800)).toEqual([{ x: 6, y: 6, width: 108, height: 58 }]);
    expect(planCrops([region(1200, 780, 200, 100)], 1280, 800)).toEqual([{ x: 1196, y: 776, width: 84, height: 24 }]);
  });

  it('drops icons and spacers too small to hold readable text', () => {
    expect(planCrops([region(0, 0, 16, 16), region(100, 100, 300, 4)], 1280, 800)).toEqual([]);
  });

  it('drops regions entirely off screen', () => {
    expect(planCrops([region(2000, 100, 200, 100), region(100, -500, 200, 100)], 1280, 800)).toEqual([]);
  });

  it('merges overlapping regions (a canvas inside a frame is read once), transitively', () => {
    const crops = planCrops([region(100, 100, 200, 100), region(250, 150, 200, 100), region(440, 240, 50, 50, 'canvas')], 1280, 800);
    expect(crops).toEqual([{ x: 96, y: 96, width: 398, height: 198 }]);
  });

  it('keeps disjoint regions apart', () => {
    expect(planCrops([region(0, 0, 100, 100), region(500, 500, 100, 100)], 1280, 800)).toHaveLength(2);
  });

  it('reads the whole frame once when media covers most of it', () => {
    expect(planCrops([region(0, 0, 1280, 600, 'frame')], 1280, 800)).toEqual([{ x: 0, y: 0, width: 1280, height: 800 }]);
  });
});

describe('cropScale', () => {
  it('enlarges by the configured factor, short crops (a line of text) more', () => {
    expect(cropScale({ x: 0, y: 0, width: 300, height: 200 }, 2)).toBe(2);
    expect(cropScale({ x: 0, y: 0, width: 300, height: 24 }, 2)).toBe(3);
    expect(cropScale({ x: 0, y: 0, width: 300, height: 200 }, 1)).toBe(1);
  });
  it('caps a huge crop so tesseract does not get a gigantic image', () => {
    const s = cropScale({ x: 0, y: 0, width: 4000, height: 3000 }, 2);
    expect(4000 * 3000 * s * s).toBeLessThanOrEqual(16_000_001);
    expect(s).toBeGreaterThanOrEqual(1);
  });
});

describe('OCR word helpers', () => {
  const line = (words: [string, number | undefined][]): OcrLine => ({
    words: words.map(([text, confidence], i) => ({ text, ...(confidence !== undefined ? { confidence } : {}), box: { x: i * 50, y: 0, width: 40, height: 12 } })),
  });

  it('flags low-confidence words that hold digits or an @, and only those', () => {
    const lines = [line([['Card', 40], ['4111', 35], ['1l11', 50], ['Total', 30], ['$12.50', 95], ['jo@x', 20], ['123', undefined]])];
    // '1l11' is a misread 1111: three digits survive, so it is blurred too.
    expect(untrustedWordBoxes(lines, 60).map((b) => b.x)).toEqual([50, 100, 250]);
  });

  it('moves boxes from crop to frame pixels', () => {
    const [moved] = shiftLines([line([['a', 90]])], 100, 40);
    expect(moved!.words[0]!.box).toEqual({ x: 100, y: 40, width: 40, height: 12 });
  });
});
