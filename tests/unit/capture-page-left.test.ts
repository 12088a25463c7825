// shotForStep for a step whose page is gone by the time its capture gets a turn (a draft sent late, the tab gone on
// to another page; seen in Firefox under load). With no frame from before the action, the step was stored without
// a screenshot although the tab's history held frames of that very page taken after the action began.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Tab } from '../../src/platform/tabs';

let now = 1_000;
let shownUrl = 'https://shop.example/cart';
vi.mock('../../src/platform/host', () => ({ host: { captureIntervalMs: 0, isCaptureQuotaError: () => false } }));
vi.mock('../../src/background/scrubber-state', () => ({ activeConfig: () => Promise.resolve({ config: { sites: { never_record: [], no_screenshots: [] } } }) }));
vi.mock('../../src/platform/tabs', () => ({
  tabById: (id: number) => Promise.resolve({ id, windowId: 1, active: true, url: shownUrl }),
  captureVisiblePng: () => Promise.resolve(`data:image/png;base64,${Buffer.from(shownUrl).toString('base64')}`),
}));
vi.mock('../../src/background/tab-text-map', () => ({
  tabTextMap: {
    composedWithReports: () => Promise.resolve({ regions: { redacted: [], media: [] }, reports: [], hasTop: true }),
    composed: () => Promise.resolve({ redacted: [], media: [] }),
  },
}));
vi.spyOn(Date, 'now').mockImplementation(() => now);

const { captureSettled, shotForStep, forgetTab } = await import('../../src/background/capture-scheduler');
const CART = 'https://shop.example/cart';
const tab = { id: 7, windowId: 1, active: true, url: CART } as Tab;

beforeEach(() => {
  forgetTab(7);
  shownUrl = CART;
  now += 10_000;
});

describe('a step whose page was left before its frame could be captured', () => {
  it('gets the page\'s newest frame, taken after the action began, not fresh, saying so', async () => {
    const actionAt = now;
    // The page settles after the action began, and its frame is taken: the only frame of it.
    now += 300;
    await captureSettled(tab);
    // The tab goes on to the next page before the step's own capture gets its turn.
    shownUrl = 'https://shop.example/checkout';
    now += 2000;
    const shot = await shotForStep(tab, actionAt, actionAt - 500, CART);
    expect(shot.ok).toBe(true);
    if (!shot.ok) return;
    expect(shot.fresh).toBe(false);
    expect(shot.shot.url).toBe(CART);
    expect(Buffer.from(shot.shot.dataUrl.split(',')[1]!, 'base64').toString()).toBe(CART);
    expect(shot.note).toMatch(/the tab was not showing the page.*taken after the action began stands in/);
  });

  it('with no frame of that page at all, none, saying why (never a frame of the page now shown)', async () => {
    const actionAt = now;
    shownUrl = 'https://shop.example/checkout';
    await captureSettled({ ...tab, url: shownUrl });
    now += 1000;
    const shot = await shotForStep(tab, actionAt, actionAt - 500, CART);
    expect(shot).toEqual({ ok: false, error: 'tab cannot be captured: Error: the tab was not showing the page' });
  });
});
