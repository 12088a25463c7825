// The browser as the real content script (recorder.iife) sees it in a happy-dom test: messages to the worker
// recorded in `side.sent` (a frame's hello answered as frame 0 of tab 7), storage.local over `local`, and the
// storage listeners kept in `side.storageListeners` for the test to call. A test mocks webextension-polyfill with
// it: vi.mock('webextension-polyfill', async () => (await import('./fake-content-browser')).contentBrowser(side, local)).
import { fakeStorageArea, type FakeArea } from './fake-storage';

export interface ContentBrowserSide {
  sent: { kind: string }[];
  storageListeners: ((changes: Record<string, { newValue?: unknown }>, area: string) => void)[];
}

export function contentBrowser(side: ContentBrowserSide, local: FakeArea): { default: unknown } {
  return {
    default: {
      runtime: {
        getURL: (p: string) => `chrome-extension://x/${p}`,
        id: 'x',
        sendMessage: (m: { kind: string }) => {
          side.sent.push(m);
          if (m.kind === 'frame/hello') return Promise.resolve({ frameId: 0, tabId: 7, recording: null });
          return Promise.resolve({ ok: true });
        },
        onMessage: { addListener: () => undefined, removeListener: () => undefined },
      },
      storage: {
        local: fakeStorageArea(local),
        session: fakeStorageArea(new Map()),
        onChanged: {
          addListener: (l: ContentBrowserSide['storageListeners'][number]) => side.storageListeners.push(l),
          removeListener: () => undefined,
        },
      },
    },
  };
}
