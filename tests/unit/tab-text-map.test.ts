import { describe, expect, it } from 'vitest';
import { clipBoxes, composeRegions, composeReportedBetween, lateBoxes, MAX_BOXES_PER_FRAME, ownLateDropped, mergeRegions, parseRegions, WHOLE_SCREEN, type TabTextMap } from '../../src/core/tab-text-map';

const box = (x: number, y: number, width = 10, height = 10) => ({ x, y, width, height });

describe('parseRegions: a page report is checked, never trusted', () => {
  it('keeps well-formed boxes and drops extra fields', () => {
    const got = parseRegions({ redacted: [{ ...box(1, 2), text: 'secret' }], media: [{ ...box(3, 4), kind: 'canvas', extra: 1 }] });
    expect(got).toEqual({ redacted: [box(1, 2)], media: [{ ...box(3, 4), kind: 'canvas' }] });
  });

  it.each([
    ['a string', 'x'],
    ['no media list', { redacted: [] }],
    ['null', null],
  ])('refuses %s', (_name, value) => {
    expect(parseRegions(value)).toBeNull();
  });

  it('drops boxes with non-numbers, infinities, negative sizes, far coordinates and unknown media kinds', () => {
    const got = parseRegions({
      redacted: [box(0, 0), { x: '1', y: 0, width: 1, height: 1 }, box(Infinity, 0), box(0, 0, -5, 5), box(5e9, 0)],
      media: [{ ...box(0, 0), kind: 'script' }, { ...box(0, 0), kind: 'img' }],
    });
    expect(got).toEqual({ redacted: [box(0, 0)], media: [{ ...box(0, 0), kind: 'img' }] });
  });

  it('a flood of boxes becomes one whole-screen OCR area and one blur over all its blur boxes: more work, never less privacy', () => {
    const many = Array.from({ length: MAX_BOXES_PER_FRAME + 1 }, (_, i) => box(i, i));
    expect(parseRegions({ redacted: many, media: [] })).toEqual({ redacted: [box(0, 0, MAX_BOXES_PER_FRAME + 10, MAX_BOXES_PER_FRAME + 10)], media: [WHOLE_SCREEN] });
    // A flood of OCR areas alone blurs nothing more; a malformed box is not stretched over.
    const areas = Array.from({ length: MAX_BOXES_PER_FRAME + 1 }, (_, i) => ({ ...box(i, i), kind: 'img' }));
    expect(parseRegions({ redacted: [box(5e9, 0)], media: areas })).toEqual({ redacted: [], media: [WHOLE_SCREEN] });
  });
});

describe('composeRegions: every frame of the tab, placed for one capture', () => {
  const map: TabTextMap = {
    0: { redacted: [box(10, 100)], media: [{ ...box(0, 300, 200, 100), kind: 'canvas' }], topScroll: { x: 0, y: 50 }, at: 1 },
    // A cross-origin frame measured its boxes when the top window was scrolled to 0.
    2: { redacted: [box(400, 420)], media: [], topScroll: { x: 0, y: 0 }, at: 2 },
    // A frame that never learnt the top scroll: its boxes stay where they were measured.
    3: { redacted: [box(700, 10)], media: [], at: 3 },
  };

  it('moves each frame\'s boxes by the scroll since it measured them', () => {
    const got = composeRegions(map, { x: 0, y: 0 });
    // Top frame measured at y=50, frame captured at 0: its text is 50 px lower in the frame.
    expect(got.redacted).toEqual([box(10, 150), box(400, 420), box(700, 10)]);
    expect(got.media).toEqual([{ ...box(0, 350, 200, 100), kind: 'canvas' }]);
  });

  it('leaves the step\'s own frame out when asked', () => {
    expect(composeRegions(map, { x: 0, y: 50 }, 0).redacted).toEqual([box(400, 370), box(700, 10)]);
  });

  it('an empty map adds nothing', () => {
    expect(composeRegions({}, undefined)).toEqual({ redacted: [], media: [] });
  });
});

describe('mergeRegions', () => {
  it('joins two sets without exact repeats', () => {
    const a = { redacted: [box(1, 1)], media: [{ ...box(0, 0), kind: 'img' as const }] };
    const b = { redacted: [box(1, 1), box(2, 2)], media: [{ ...box(0, 0), kind: 'canvas' as const }] };
    expect(mergeRegions(a, b)).toEqual({ redacted: [box(1, 1), box(2, 2)], media: [{ ...box(0, 0), kind: 'img' }, { ...box(0, 0), kind: 'canvas' }] });
  });
});

describe('late frames: a foreign frame whose own regions are not in the map is blurred whole', () => {
  const top = (media: { kind: 'frame' | 'canvas'; frame?: number }[]) => ({
    redacted: [], media: media.map((m, i) => ({ ...box(0, 100 * i, 300, 80), ...m })), at: 1,
  });

  it('a frame that has reported is not; one that has not, or whose number is unknown, is', () => {
    const map: TabTextMap = { 0: top([{ kind: 'frame', frame: 1 }, { kind: 'frame', frame: 2 }, { kind: 'frame' }]), 1: { redacted: [], media: [], at: 2 } };
    const got = composeRegions(map, undefined);
    expect(got.late).toEqual([{ ...box(0, 100, 300, 80), frame: 2 }, box(0, 200, 300, 80)]);
    // Blurred for any step but one from that frame itself, whose draft describes it.
    expect(lateBoxes(got, 0)).toEqual([box(0, 100, 300, 80), box(0, 200, 300, 80)]);
    expect(lateBoxes(got, 2)).toEqual([box(0, 200, 300, 80)]);
  });

  it('other media and the whole-screen OCR order are never blurred for it', () => {
    const map: TabTextMap = { 0: { redacted: [], media: [{ ...box(0, 0, 300, 80), kind: 'canvas' }, WHOLE_SCREEN], at: 1 } };
    const got = composeRegions(map, undefined);
    expect(got.late).toBeUndefined();
  });

  it('a frame number survives parsing only as an integer', () => {
    const got = parseRegions({ redacted: [], media: [{ ...box(0, 0), kind: 'frame', frame: 3 }, { ...box(0, 0), kind: 'frame', frame: '4' }] });
    expect(got!.media).toEqual([{ ...box(0, 0), kind: 'frame', frame: 3 }, { ...box(0, 0), kind: 'frame' }]);
  });
});

describe('clipBoxes', () => {
  it('keeps the parts inside the bounds, drops what is outside', () => {
    expect(clipBoxes([box(0, 0, 50, 50), box(90, 90, 20, 20), box(200, 200)], box(10, 10, 90, 90)))
      .toEqual([box(10, 10, 40, 40), box(90, 90, 10, 10)]);
  });
});

describe('a frame moved by the page around it', () => {
  const child = { redacted: [box(30, 110, 100, 20)], media: [], frameBox: box(20, 95, 400, 200), at: 10 };
  const topWith = (at: number, y: number) => ({
    redacted: [], media: [{ ...box(10, y - 1, 402, 202), kind: 'frame' as const, frame: 1, viewportAt: { x: 20, y } }], at,
  });

  it('its boxes follow it when its parent measured it later', () => {
    // A notice inserted above moved the frame 150 px down after the frame last measured itself.
    const got = composeRegions({ 0: topWith(20, 245), 1: child }, undefined);
    expect(got.redacted).toEqual([box(30, 260, 100, 20)]);
  });

  it('stay when the frame measured itself after its parent did', () => {
    const got = composeRegions({ 0: topWith(5, 245), 1: child }, undefined);
    expect(got.redacted).toEqual([box(30, 110, 100, 20)]);
  });

  it('stay when it did not move', () => {
    expect(composeRegions({ 0: topWith(20, 95), 1: child }, undefined).redacted).toEqual([box(30, 110, 100, 20)]);
  });
});

describe('composeReportedBetween: reports that came just after a capture', () => {
  it('adds only those frames\' blur and OCR areas, never text boxes, and calls no frame late', () => {
    const map: TabTextMap = {
      0: { redacted: [box(1, 1)], media: [{ ...box(0, 0, 300, 80), kind: 'frame', frame: 2 }], explained: [box(5, 5)], at: 100 },
      1: { redacted: [box(9, 9)], media: [], explained: [box(7, 7)], at: 1600 },
    };
    expect(composeReportedBetween(map, undefined, 1000, 2000)).toEqual({ redacted: [box(9, 9)], media: [] });
  });
});

describe('ownLateDropped', () => {
  const late = [{ ...box(0, 0, 100, 100), frame: 1 }, box(200, 0, 100, 100), box(400, 0, 100, 100)];
  it('a subframe step keeps its own frame readable, by number or by where it acted; others stay blurred', () => {
    expect(ownLateDropped(late, 1, [250, 50])).toEqual([box(400, 0, 100, 100)]);
  });
  it('a top-frame step blurs them all', () => {
    expect(ownLateDropped(late, 0, [250, 50])).toEqual(late);
  });
});
