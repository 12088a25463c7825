import { describe, expect, it } from 'vitest';
import { needsWholeRead } from '../../src/core/frame-job';

const map = { redacted: [], media: [], explained: [{ x: 0, y: 0, width: 10, height: 10 }] };

describe('needsWholeRead', () => {
  it('reads every frame whole with ocr.scope full', () => {
    expect(needsWholeRead({ domVouches: true, mapVouches: true, shotRegions: map }, 'full')).toBe(true);
  });
  it('trusts the step snapshot for a fresh frame', () => {
    expect(needsWholeRead({ domVouches: true }, 'media')).toBe(false);
    expect(needsWholeRead({ domVouches: true }, 'detect')).toBe(false);
  });
  it('with detection, trusts a reused frame its own settled map describes', () => {
    expect(needsWholeRead({ domVouches: false, mapVouches: true, shotRegions: map }, 'detect')).toBe(false);
  });
  it('reads whole a reused frame without detection, without a map, or with a map measured mid-change', () => {
    expect(needsWholeRead({ domVouches: false, mapVouches: true, shotRegions: map }, 'media')).toBe(true);
    expect(needsWholeRead({ domVouches: false, mapVouches: true }, 'detect')).toBe(true);
    expect(needsWholeRead({ domVouches: false, mapVouches: false, shotRegions: map }, 'detect')).toBe(true);
  });
});
