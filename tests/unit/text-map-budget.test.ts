import { describe, expect, it } from 'vitest';
import { bytesOf, fitFrame, packFrame, unpackFrame } from '../../src/core/text-map-budget';
import { lateFrames, WHOLE_SCREEN, type FrameRegions } from '../../src/core/tab-text-map';

const box = (i: number) => ({ x: 10.4 + i, y: 20.6 + i, width: 30.2, height: 12.5 });
const frame = (explained: number, extra: Partial<FrameRegions> = {}): FrameRegions => ({
  redacted: [box(0)], media: [{ kind: 'canvas', x: 0, y: 0, width: 100, height: 50 }],
  explained: Array.from({ length: explained }, (_, i) => box(i)), at: 1000, ...extra,
});

describe('text map storage', () => {
  it('packs boxes to whole pixels, blur boxes outward', () => {
    const back = unpackFrame(packFrame(frame(1, { topScroll: { x: 0, y: 40 } })));
    const b = back.redacted[0]!;
    expect(b.x).toBeLessThanOrEqual(10.4);
    expect(b.y).toBeLessThanOrEqual(20.6);
    expect(b.x + b.width).toBeGreaterThanOrEqual(40.6);
    expect(b.y + b.height).toBeGreaterThanOrEqual(33.1);
    expect(back.explained).toEqual([{ x: 10, y: 21, width: 30, height: 13 }]);
    expect(back.media).toEqual(frame(0).media);
    expect(back.topScroll).toEqual({ x: 0, y: 40 });
    expect(back.at).toBe(1000);
  });

  it('is a fraction of the size of boxes as objects', () => {
    const f = frame(6000);
    expect(bytesOf(packFrame(f))).toBeLessThan(JSON.stringify(f).length / 2.5);
  });

  it('keeps a frame whole while the tab has room', () => {
    const fitted = fitFrame(frame(100), 0);
    expect(fitted.trimmed).toBeUndefined();
    expect(unpackFrame(fitted.packed).explained).toHaveLength(100);
    expect(fitted.bytes).toBe(bytesOf(fitted.packed));
  });

  it('drops the text boxes first, keeping every blur box', () => {
    const f = frame(6000);
    const fitted = fitFrame(f, 0, bytesOf(packFrame(f)) - 1);
    expect(fitted.trimmed).toBe('text');
    const back = unpackFrame(fitted.packed);
    expect(back.explained).toBeUndefined();
    expect(back.redacted).toHaveLength(1);
    expect(back.media).toHaveLength(1);
  });

  it('past the budget, the top frame becomes one whole-screen OCR area', () => {
    const fitted = fitFrame(frame(10), 999_990, 1_000_000);
    expect(fitted.trimmed).toBe('whole');
    expect(unpackFrame(fitted.packed).media).toEqual([WHOLE_SCREEN]);
  });

  it('ad frames that filled the budget cannot take the top frame\'s blur boxes (a name typed in a sensitive field OCR rules cannot tell)', () => {
    const fitted = fitFrame(frame(10), 999_990, 1_000_000);
    expect(unpackFrame(fitted.packed).redacted).toHaveLength(1);
  });

  it('past the budget, a subframe becomes an OCR area over its own box, not a late frame', () => {
    const frameBox = { x: 50, y: 60, width: 300, height: 200 };
    const fitted = fitFrame(frame(10, { frameBox }), 999_990, 1_000_000);
    const back = unpackFrame(fitted.packed);
    expect(back.media).toEqual([{ kind: 'embed', ...frameBox }]);
    expect(back.frameBox).toEqual(frameBox);
    expect(lateFrames({ 3: back }, back.media)).toEqual([]);
  });
});
