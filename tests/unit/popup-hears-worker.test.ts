// What the popup hears of an export. The worker itself reports an
// export's 'waiting', its 'cancelled' while waiting, its failures, and now "cut off 3 times ... Press Export again"
// and a resumed export's invalid options (background/export-control `progress`, broadcast from the worker). The
// popup listens through platform/news, which drops every message whose sender may not send its kind, and
// SENT_BY['export/progress'] names only the image-work page.
import { describe, expect, it, vi } from 'vitest';

const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
vi.mock('webextension-polyfill', () => ({
  default: { runtime: { id: 'abcdefghijklmnopabcdefghijklmnop', getURL: (p: string) => `${ORIGIN}/${p}` } },
}));
let listener: ((raw: unknown, sender: unknown) => unknown) | null = null;
vi.mock('../../src/platform/messaging', () => ({
  onMessage: (l: (raw: unknown, sender: unknown) => unknown) => { listener = l; return () => undefined; },
}));

const { onNews } = await import('../../src/platform/news');

describe('the popup hears the worker\'s word on an export', () => {
  it('hears "given up" (and every other export/progress) the worker broadcasts', () => {
    const heard: unknown[] = [];
    onNews((m) => heard.push(m));
    const givenUp = {
      kind: 'export/progress',
      progress: { exportId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', phase: 'error', doneSteps: 0, totalSteps: 0, bytes: 0,
        error: 'The export was cut off 3 times as the browser stopped the extension\'s worker. Press Export again.' },
    };
    // (control) the same message from the image-work page is heard
    listener?.(givenUp, { id: 'abcdefghijklmnopabcdefghijklmnop', url: `${ORIGIN}/offscreen/offscreen.html` });
    expect(heard).toHaveLength(1);
    // Chrome's service worker, as runtime.sendMessage names it to the popup
    listener?.(givenUp, { id: 'abcdefghijklmnopabcdefghijklmnop', url: `${ORIGIN}/service-worker-loader.js` });
    expect(heard).toHaveLength(2);
  });
});
