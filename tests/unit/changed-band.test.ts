// The rendering suite reads a page's later frames only in the rows where they differ from its first frame:
// the band must hold every changed row with a text line's reach around it, and fall back to a whole read where
// a band would not save much or the frames cannot be compared.
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { changedBand, planReads } from '../e2e/changed-band';

function frame(width: number, height: number, paint: (x: number, y: number) => number = () => 255): PNG {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = paint(x, y);
      png.data[i + 3] = 255;
    }
  }
  return png;
}

describe('changedBand', () => {
  it('is "same" for identical pixels and "whole" for frames of other sizes', () => {
    expect(changedBand(frame(40, 300), frame(40, 300))).toBe('same');
    expect(changedBand(frame(40, 300), frame(41, 300))).toBe('whole');
  });

  it('covers the changed rows, full width, grown by a text line\'s reach and cut to the frame', () => {
    const a = frame(40, 600);
    const b = frame(40, 600, (x, y) => (y >= 200 && y < 210 && x === 39 ? 0 : 255));
    expect(changedBand(a, b)).toEqual({ x: 0, y: 152, width: 40, height: 106 });
    const top = frame(40, 600, (_x, y) => (y === 3 ? 0 : 255));
    expect(changedBand(a, top)).toEqual({ x: 0, y: 0, width: 40, height: 52 });
  });

  it('spans from the first changed row to the last, and is "whole" once that is most of the frame', () => {
    const a = frame(40, 600);
    const two = frame(40, 600, (_x, y) => (y === 100 || y === 300 ? 0 : 255));
    expect(changedBand(a, two)).toEqual({ x: 0, y: 52, width: 40, height: 297 });
    const far = frame(40, 600, (_x, y) => (y === 10 || y === 500 ? 0 : 255));
    expect(changedBand(a, far)).toBe('whole');
  });
});

describe('planReads', () => {
  const blank = frame(40, 600);
  const lineAt = (row: number): PNG => frame(40, 600, (_x, y) => (y === row ? 0 : 255));
  const far = frame(40, 600, (_x, y) => (y === 10 || y === 500 ? 0 : 255));

  it('reads the first frame of a group whole and a later one by band against the closest frame read whole', () => {
    const frames = [blank, lineAt(300), far, frame(40, 600, (_x, y) => (y === 10 || y === 500 || y === 520 ? 0 : 255))];
    const plan = planReads(frames.length, (i) => frames[i]!, [0, 1, 2, 3], () => 'page');
    expect(plan[0]).toEqual({ whole: true });
    expect(plan[1]).toEqual({ whole: false, against: 0, band: { x: 0, y: 252, width: 40, height: 97 } });
    // Most rows differ from the first frame: read whole, and then the closest for the next one.
    expect(plan[2]).toEqual({ whole: true });
    expect(plan[3]).toEqual({ whole: false, against: 2, band: { x: 0, y: 472, width: 40, height: 97 } });
  });

  it('follows the given order, never compares groups, and reads ungrouped frames whole', () => {
    const frames = [lineAt(300), blank, blank];
    const plan = planReads(frames.length, (i) => frames[i]!, [1, 0, 2], (i) => (i === 2 ? null : 'page'));
    expect(plan).toEqual([{ whole: false, against: 1, band: { x: 0, y: 252, width: 40, height: 97 } }, { whole: true }, { whole: true }]);
    expect(planReads(2, (i) => [blank, lineAt(5)][i]!, [0, 1], (i) => `page${i}`)).toEqual([{ whole: true }, { whole: true }]);
  });
});
