// shotForStep and the settled frame still on its way. At two actions a second, a page that changes after each
// action settles 100 ms later; its frame waits for the capture rate limit's slot and then for the text map, so the
// next action's step can be decided before that frame is remembered. The step reused the frame before the change
// (not fresh) although a frame of the page as it stood at the action was wanted before the action. And a frame
// wanted before the action but asked of the browser after it (the slot came late) may show the action's result:
// it is no exact pre-action frame.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Tab } from '../../src/platform/tabs';

let now = 1_000;
let interval = 0;
const pixels: { resolve: (url: string) => void }[] = [];
vi.mock('../../src/platform/host', () => ({ host: { get captureIntervalMs() { return interval; }, isCaptureQuotaError: () => false } }));
vi.mock('../../src/background/scrubber-state', () => ({ activeConfig: () => Promise.resolve({ config: { sites: { never_record: [], no_screenshots: [] } } }) }));
vi.mock('../../src/platform/tabs', () => ({
  tabById: (id: number) => Promise.resolve({ id, windowId: 1, active: true, url: 'https://shop.example/cart' }),
  // Each capture's pixels arrive when the test says so.
  captureVisiblePng: () => new Promise<string>((resolve) => pixels.push({ resolve })),
}));
vi.mock('../../src/background/tab-text-map', () => ({
  tabTextMap: {
    composedWithReports: () => Promise.resolve({ regions: { redacted: [], media: [] }, reports: [], hasTop: true }),
    composed: () => Promise.resolve({ redacted: [], media: [] }),
  },
}));
vi.spyOn(Date, 'now').mockImplementation(() => now);

const { captureSettled, shotForStep, forgetTab } = await import('../../src/background/capture-scheduler');
const tab = { id: 7, windowId: 1, active: true, url: 'https://shop.example/cart' } as Tab;

/** Until the scheduler has asked the browser for `n` captures in all. */
async function asked(n: number): Promise<void> {
  await vi.waitFor(() => expect(pixels.length).toBe(n));
}

beforeEach(() => {
  forgetTab(7);
  pixels.length = 0;
  interval = 0;
  now += 10_000;
});

describe('a step decided while the frame of the page before it is being captured', () => {
  /** The page settled at `t0`, and its frame is back. */
  async function firstFrame(): Promise<number> {
    const t0 = now;
    const first = captureSettled(tab);
    await asked(1);
    pixels[0]!.resolve('data:image/png;base64,b2xk');
    await first;
    return t0;
  }

  /** After firstFrame: the page settles again at +500, its frame is asked for, and the action comes at +900. */
  async function secondUnderWay(t0: number): Promise<{ second: Promise<void> }> {
    now = t0 + 500;
    const second = captureSettled(tab);
    await asked(2);
    now = t0 + 900;
    // Wrapped: an async function returning the capture's own promise would wait for it.
    return { second };
  }

  it('waits for that frame and uses it, fresh', async () => {
    const t0 = await firstFrame();
    // The page changes at +400 and settles at +500; its frame is asked for at once and not back by the action at +900.
    const { second } = await secondUnderWay(t0);
    const step = shotForStep(tab, t0 + 900, t0 + 400, tab.url!);
    pixels[1]!.resolve('data:image/png;base64,bmV3');
    await second;
    const shot = await step;
    expect(shot.ok && shot.fresh).toBe(true);
    expect(shot.ok && shot.shot.dataUrl).toBe('data:image/png;base64,bmV3');
  });

  it('does not wait for a frame wanted before the page last changed, and reuses the older one, not fresh', async () => {
    const t0 = await firstFrame();
    const { second } = await secondUnderWay(t0);
    // The page changed again at +600, after the frame under way was wanted: that frame cannot show it.
    const shot = await shotForStep(tab, t0 + 900, t0 + 600, tab.url!);
    expect(shot.ok && shot.fresh).toBe(false);
    expect(shot.ok && shot.shot.dataUrl).toBe('data:image/png;base64,b2xk');
    pixels[1]!.resolve('data:image/png;base64,bmV3');
    await second;
  });

  it('does not count a frame wanted before the action but asked of the browser after it', async () => {
    interval = 300;
    const t0 = await firstFrame();
    // The page changes at +50 and settles at +100: its frame is wanted then, and waits for the rate limit's slot
    // (+300), by which time the action (+200) has happened: those pixels may show its result.
    now = t0 + 100;
    const second = captureSettled(tab);
    now = t0 + 300;
    await asked(2);
    pixels[1]!.resolve('data:image/png;base64,bmV3');
    await second;
    const shot = await shotForStep(tab, t0 + 200, t0 + 50, tab.url!);
    expect(shot.ok && shot.fresh).toBe(false);
    expect(shot.ok && shot.shot.dataUrl).toBe('data:image/png;base64,b2xk');
  });
});
