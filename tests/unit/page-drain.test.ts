// At Stop every frame of every web page is asked for its unacknowledged steps (background/page-drain), and Stop
// waits for their answers within a bound: a frame that never answers does not hold it.
import { afterEach, describe, expect, it, vi } from 'vitest';

const asked: string[] = [];
let answer: (tabId: number, frameId: number) => Promise<unknown> = () => Promise.resolve({ unsent: 0 });

let tabsFail = false;

vi.mock('../../src/platform/tabs', () => ({
  allTabs: () => (tabsFail ? Promise.reject(new Error('tabs.query failed')) : Promise.resolve([
    { id: 1, url: 'https://shop.example/cart' },
    { id: 2, url: 'chrome://settings' },
    { id: 3, url: 'file:///home/me/page.html' },
    { id: undefined, url: 'https://no-id.example/' },
  ])),
  frameIdsOf: (tabId: number) => Promise.resolve(tabId === 1 ? [0, 5] : [0]),
  askFrame: (tabId: number, frameId: number, message: { kind: string }) => {
    asked.push(`${tabId}/${frameId} ${message.kind}`);
    return answer(tabId, frameId);
  },
}));

import { drainPages } from '../../src/background/page-drain';

afterEach(() => {
  asked.length = 0;
  tabsFail = false;
  answer = () => Promise.resolve({ unsent: 0 });
  vi.useRealTimers();
});

describe('drainPages', () => {
  it('asks every frame of every web page, and no browser page', async () => {
    await expect(drainPages()).resolves.toBe(0);
    expect(asked.sort()).toEqual(['1/0 page/drain', '1/5 page/drain', '3/0 page/drain']);
  });

  it('counts the steps frames still hold, and takes a frame without a recorder as holding none', async () => {
    answer = (tabId, frameId) => (frameId === 5 ? Promise.resolve({ unsent: 2 }) : tabId === 3 ? Promise.reject(new Error('Receiving end does not exist')) : Promise.resolve(undefined));
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(drainPages()).resolves.toBe(2);
  });

  it('waits no longer than its bound for a frame that never answers', async () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    answer = (tabId) => (tabId === 3 ? new Promise(() => undefined) : Promise.resolve({ unsent: 0 }));
    let left: number | null = null;
    void drainPages(5000).then((n) => { left = n; });
    await vi.advanceTimersByTimeAsync(4990);
    expect(left).toBeNull();
    await vi.advanceTimersByTimeAsync(20);
    expect(left).toBe(-1);
  });

  it('leaves no timer behind when the tabs cannot be listed', async () => {
    vi.useFakeTimers();
    tabsFail = true;
    await expect(drainPages(5000)).rejects.toThrow('tabs.query failed');
    expect(vi.getTimerCount()).toBe(0);
  });
});
