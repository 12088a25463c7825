import { describe, expect, it } from 'vitest';
import { regionShift, scrollOffset, shiftBoxes } from '../../src/core/view-shift';

describe('view shift', () => {
  it('moves regions measured after a scroll to where the text is in a frame captured before it', () => {
    // Measured with the page scrolled down 323 px; the frame shows it at the top: text is 323 px lower there.
    const shift = regionShift({ x: 0, y: 323 }, { x: 0, y: 0 });
    expect(shift).toEqual({ x: 0, y: 323 });
    expect(shiftBoxes([{ x: 74, y: -134, width: 107, height: 19 }], shift)).toEqual([{ x: 74, y: 189, width: 107, height: 19 }]);
  });

  it('leaves regions alone when the offsets agree or one is unknown', () => {
    expect(regionShift({ x: 0, y: 40 }, { x: 0, y: 40.2 })).toBeUndefined();
    expect(regionShift(undefined, { x: 0, y: 10 })).toBeUndefined();
    expect(regionShift({ x: 0, y: 10 }, undefined)).toBeUndefined();
    const boxes = [{ x: 1, y: 2, width: 3, height: 4, kind: 'img' }];
    expect(shiftBoxes(boxes, undefined)).toEqual(boxes);
  });

  it('accepts only finite numeric offsets from a message', () => {
    expect(scrollOffset({ x: 3, y: 4 })).toEqual({ x: 3, y: 4 });
    expect(scrollOffset({ x: '3', y: 4 })).toBeUndefined();
    expect(scrollOffset({ x: Infinity, y: 4 })).toBeUndefined();
    expect(scrollOffset(null)).toBeUndefined();
  });
});
