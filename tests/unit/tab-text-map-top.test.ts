// background/tab-text-map: a subframe may settle before the top frame has reported. A capture on its word must
// know that the map holds none of the page's own text (so the frame vouches for no line and OCR reads it whole),
// and where the top frame last said the tab is scrolled (so the map is placed). Before, such a frame stood with
// an empty map that vouched for its text, and a click that scrolled the page right after Start reused it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeStorageArea, type FakeArea } from './fake-storage';

const session: FakeArea = new Map();
vi.mock('webextension-polyfill', () => ({ default: { storage: { session: fakeStorageArea(session), local: fakeStorageArea(new Map()) } } }));
const { tabTextMap } = await import('../../src/background/tab-text-map');

const box = { x: 10, y: 20, width: 30, height: 10 };
beforeEach(() => session.clear());

describe('the tab text map\'s top frame', () => {
  it('says whether the top frame has reported, and where it said the tab is scrolled', async () => {
    await tabTextMap.put(7, 3, { redacted: [box], media: [], frameBox: { x: 0, y: 400, width: 560, height: 90 }, at: 1 });
    const alone = await tabTextMap.composedWithReports(7, undefined);
    expect(alone.hasTop).toBe(false);
    expect(alone.topScroll).toBeUndefined();
    await tabTextMap.put(7, 0, { redacted: [box], media: [], topScroll: { x: 0, y: 311 }, at: 2 });
    const withTop = await tabTextMap.composedWithReports(7, { x: 0, y: 311 });
    expect(withTop.hasTop).toBe(true);
    expect(withTop.regions.redacted).toContainEqual(box);
    // A subframe's settle gives no scroll: the top frame's last one places the map.
    expect((await tabTextMap.composedWithReports(7, undefined)).topScroll).toEqual({ x: 0, y: 311 });
  });
});
