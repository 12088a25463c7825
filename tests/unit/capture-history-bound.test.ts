// The worker keeps each tab's recent frames in memory (the screenshot before an action is one of them), and while a
// recording is on it is kept from idling out, so nothing frees them but a tab's closing: the four tabs captured most
// recently keep their whole history, every other tab its newest frame only.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Tab } from '../../src/platform/tabs';

let now = 1_000;
vi.mock('../../src/platform/host', () => ({ host: { captureIntervalMs: 0, isCaptureQuotaError: () => false } }));
vi.mock('../../src/background/scrubber-state', () => ({ activeConfig: () => Promise.resolve({ config: { sites: { never_record: [], no_screenshots: [] } } }) }));
vi.mock('../../src/platform/tabs', () => ({
  tabById: (id: number) => Promise.resolve({ id, windowId: 1, active: true, url: `https://shop.example/${id}` }),
  captureVisiblePng: () => Promise.resolve(`data:image/png;base64,${Buffer.from(String(now)).toString('base64')}`),
}));
vi.mock('../../src/background/tab-text-map', () => ({
  tabTextMap: {
    composedWithReports: () => Promise.resolve({ regions: { redacted: [], media: [] }, reports: [], hasTop: true }),
    composed: () => Promise.resolve({ redacted: [], media: [] }),
  },
}));
vi.spyOn(Date, 'now').mockImplementation(() => now);

const { captureSettled, shotsOfTab, forgetTab } = await import('../../src/background/capture-scheduler');
const tabOf = (id: number): Tab => ({ id, windowId: 1, active: true, url: `https://shop.example/${id}` }) as Tab;

async function capture(id: number, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    now += 1000;
    await captureSettled(tabOf(id));
  }
}

beforeEach(() => {
  for (let id = 1; id <= 8; id++) forgetTab(id);
});

describe('frames kept per tab', () => {
  it('keeps the whole history of the four tabs captured last, and the newest frame of every other', async () => {
    for (let id = 1; id <= 6; id++) await capture(id, 3);
    expect([1, 2, 3, 4, 5, 6].map((id) => shotsOfTab(id).length)).toEqual([1, 1, 3, 3, 3, 3]);
    // The one kept is the tab's newest.
    expect(shotsOfTab(1)[0]!.capturedAt).toBe(1000 + 3 * 1000);
  });

  it('gives a tab brought back into use its history again, frame by frame', async () => {
    for (let id = 1; id <= 5; id++) await capture(id, 2);
    expect(shotsOfTab(1).length).toBe(1);
    await capture(1, 2);
    expect([1, 2, 3, 4, 5].map((id) => shotsOfTab(id).length)).toEqual([3, 1, 2, 2, 2]);
  });

  it('never keeps more than four frames of a tab', async () => {
    await capture(7, 9);
    expect(shotsOfTab(7).length).toBe(4);
  });
});
