import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { boxesFromMap, detectorInput, detectorSize, unclip, unexplainedLines } from '../../src/core/text-detection';
import { detectionMap, loadDetector, scaledPixels, WORLD_SCREEN } from './shipped-detector';

const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });

describe('detectorSize', () => {
  it('scales and rounds up to multiples of 32, at least 32', () => {
    expect(detectorSize(1280, 256, 0.75)).toEqual({ width: 960, height: 192 });
    expect(detectorSize(1000, 10, 0.75)).toEqual({ width: 768, height: 32 });
  });
});

describe('detectorInput', () => {
  it('is planar RGB normalised with ImageNet mean and deviation', () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255]);
    const { data } = detectorInput(rgba, 2, 1);
    expect(data[0]).toBeCloseTo((1 - 0.485) / 0.229); // R of pixel 0
    expect(data[1]).toBeCloseTo((0 - 0.485) / 0.229); // R of pixel 1
    expect(data[3]).toBeCloseTo((1 - 0.456) / 0.224); // G of pixel 1
  });
});

describe('boxesFromMap', () => {
  it('one box per connected area above the threshold; specks are noise', () => {
    const w = 10;
    const map = new Float32Array(w * 6);
    for (let x = 1; x < 5; x++) for (let y = 1; y < 3; y++) map[y * w + x] = 0.9; // 4x2 line
    map[5 * w + 8] = 0.9; // a speck
    expect(boxesFromMap(map, w, 6)).toEqual([box(1, 1, 4, 2)]);
  });

  it('unclip grows a core back to its glyphs', () => {
    expect(unclip(box(10, 10, 40, 8))).toEqual(box(6, 6, 48, 16));
  });
});

describe('unexplainedLines', () => {
  const lines = [box(10, 10, 100, 8), box(10, 40, 100, 8), box(10, 70, 100, 8)];
  it('a line under a DOM text box is explained; one half covered or outside any box is not', () => {
    const explained = [box(8, 6, 110, 16), box(10, 38, 50, 12)];
    expect(unexplainedLines(lines, explained, 200, 100)).toEqual([lines[1], lines[2]]);
  });

  it('a row of short labels the DOM read is explained though its core is taller than their boxes', () => {
    // From the 16k-element page: "Item 3.0", "$30.99", "Buy" under one detected line, with gaps between them.
    const row = box(8, 57.3, 132, 21.3);
    const labels = [box(9, 59, 50, 14), box(59, 59, 42, 14), box(109, 58, 23, 15)];
    expect(unexplainedLines([row], labels, 1280, 800)).toEqual([]);
    // Without the price's box a third of the line is unread: it is read by OCR.
    expect(unexplainedLines([row], [labels[0]!, labels[2]!], 1280, 800)).toEqual([row]);
  });

  it('a line under a box for less than half its height is not explained', () => {
    const painted = box(10, 20, 100, 20);
    expect(unexplainedLines([painted], [box(10, 12, 100, 16)], 200, 100)).toEqual([painted]);
  });

  it('a box over exactly the top or the bottom half of a line does not explain it', () => {
    const painted = box(0, 40, 100, 24);
    expect(unexplainedLines([painted], [box(0, 40, 100, 12)], 200, 100)).toEqual([painted]);
    expect(unexplainedLines([painted], [box(0, 52, 100, 12)], 200, 100)).toEqual([painted]);
    expect(unexplainedLines([painted], [box(0, 44, 100, 16)], 200, 100)).toEqual([]);
  });

  it('a line mostly under a box but with a stretch of two glyphs or more outside every box is read (rendering page p41)', () => {
    // A list marker string ("5425233430109903 ", 12 px) before the item's words (15 px), as the detector saw them:
    // one line, 12% of it the marker, no text node under it.
    const line = box(20, 143, 797, 10);
    const words = box(146, 141, 671, 17);
    expect(unexplainedLines([line], [words], 820, 560)).toEqual([line]);
    // The same line with a box under the marker too, or with only a gap of a word's space unread, is explained.
    expect(unexplainedLines([line], [words, box(20, 141, 122, 17)], 820, 560)).toEqual([]);
    expect(unexplainedLines([line], [box(20, 141, 300, 17), box(328, 141, 489, 17)], 820, 560)).toEqual([]);
  });

  it('nothing explained: every line is read', () => {
    expect(unexplainedLines(lines, [], 200, 100)).toEqual(lines);
  });
});

describe('the shipped detector on a real screenshot', () => {
  it('finds every line of text of a 1280x800 page, and none in its blank margin', async () => {
    const png = PNG.sync.read(readFileSync(WORLD_SCREEN));
    const size = detectorSize(png.width, png.height, 0.75);
    const map = await detectionMap(await loadDetector(), detectorInput(scaledPixels(png, size), size.width, size.height));
    const fy = png.height / size.height;
    const lines = boxesFromMap(map, size.width, size.height).map((b) => ({ y: (b.y + b.height / 2) * fy, x: b.x }));
    // The page's text rows (centre y, CSS px), from its layout: heading, table, address block, 10 paragraphs, button.
    const rows = [61, 121, 150, 193, 219, 259, 299, 339, 379, 419, 459, 499, 539, 579, 619, 660];
    const missed = rows.filter((y) => !lines.some((l) => Math.abs(l.y - y) < 8));
    expect(missed).toEqual([]);
    expect(lines.filter((l) => l.y > 700 || l.x > 820 / (png.width / size.width))).toEqual([]);
  }, 60_000);
});
