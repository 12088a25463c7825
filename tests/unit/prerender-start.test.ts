// @vitest-environment happy-dom
// Hostile review of d5f455e: a recording started while Chrome prerenders a page (speculation rules, the address
// bar's guess). The real content script (recorder.iife) runs on happy-dom; only the browser's messaging and
// storage, and the scrubber's config source, are stubbed. It started the recorder twice before every start went
// through one chain.
import { describe, expect, it, vi } from 'vitest';
import type { FakeArea } from './fake-storage';

const local: FakeArea = new Map();
const browserSide = vi.hoisted(() => ({
  sent: [] as { kind: string }[],
  storageListeners: [] as ((changes: Record<string, { newValue?: unknown }>, area: string) => void)[],
}));

vi.mock('webextension-polyfill', async () => (await import('./fake-content-browser')).contentBrowser(browserSide, local));
vi.mock('../../src/content/redactor-loader', async () => {
  const { createScrubber } = await import('../../src/core/scrub/scrubber');
  const { defaultConfig } = await import('../../src/core/scrub/default-config');
  return { loadScrubber: () => new Promise((r) => setTimeout(() => r(createScrubber(defaultConfig(), null)), 5)) };
});

describe('a page Chrome prerenders, attacked', () => {
  it('P6: Start pressed while the page is prerendered: once shown, the recorder starts once and reports its arrival once', async () => {
    Object.defineProperty(document, 'prerendering', { value: true, configurable: true });
    await import('../../src/content/recorder.iife');
    // The person presses Start while the page is still unseen (the search page prerenders its top result).
    const state = { taskId: 'task', instruction: 'x', startedAt: Date.now() };
    local.set('recording', state);
    for (const l of browserSide.storageListeners) l({ recording: { newValue: state } }, 'local');
    await new Promise((r) => setTimeout(r, 20));
    expect(browserSide.sent.filter((m) => m.kind === 'page/loaded')).toEqual([]);
    // The person goes to the page: it is shown.
    Object.defineProperty(document, 'prerendering', { value: false, configurable: true });
    document.dispatchEvent(new Event('prerenderingchange'));
    await new Promise((r) => setTimeout(r, 100));
    // Two starts: each reports the arrival (its own `at`) and builds its own navigation observer and settle notifier.
    expect(browserSide.sent.filter((m) => m.kind === 'page/loaded')).toHaveLength(1);
  }, 15_000);
});
