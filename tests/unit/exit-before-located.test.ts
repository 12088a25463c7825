// @vitest-environment happy-dom
// content/observers/navigation-observer: a page's way out and its last state reach the worker as messages even
// before the worker has said which tab the page is in. A busy worker answers that late; under the full test load
// a page moving itself every second was sent away by its own history.back() first, and since both were gated on
// knowing the tab, neither its note nor its hand-over went anywhere: its script's move became a step (CI T).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../src/core/messages';

const sent: Message[] = [];
const written: string[] = [];
vi.mock('webextension-polyfill', () => ({ default: {} }));
vi.mock('../../src/platform/messaging', () => ({
  send: (m: Message) => { sent.push(m); return Promise.resolve({ ok: true }); },
}));
vi.mock('../../src/platform/page-handoff', () => ({
  saveExit: (tabId: number) => { written.push(`exit:${tabId}`); return Promise.resolve(); },
  saveLeaving: (tabId: number) => { written.push(`leaving:${tabId}`); return Promise.resolve(); },
}));

const { initNavigationObserver, watchExits } = await import('../../src/content/observers/navigation-observer');
const { fakeParam } = await import('./fake-observer-param');

function leaveByScript(nav: EventTarget): void {
  const e = new Event('navigate', { cancelable: true });
  Object.assign(e, { navigationType: 'traverse', destination: { url: 'https://shop.example/2', sameDocument: false }, hashChange: false, userInitiated: false });
  nav.dispatchEvent(e);
}

let nav: EventTarget;
beforeEach(() => {
  sent.length = 0;
  written.length = 0;
  nav = new EventTarget();
  Object.defineProperty(window, 'navigation', { value: nav, configurable: true });
});
afterEach(() => { Reflect.deleteProperty(window, 'navigation'); });

const recorderAt = (where: { tabId: number; frameId: number } | null) => {
  const { param } = fakeParam();
  const snapshot = { parts: [], axParts: [], redactedRegions: [], mediaRegions: [], redactions: {} };
  return { ...param, where, capture: () => ({ time: 1, element: null, target: null, title: 'Shop', url: 'https://shop.example/1', lastChangeAt: 0, snapshot }) } as never;
};

describe('a page sent away before the worker said where it is', () => {
  it('sends its note and its hand-over all the same (the writes wait for a tab id)', async () => {
    const stop = initNavigationObserver(window, recorderAt(null), false, watchExits(window));
    leaveByScript(nav);
    await Promise.resolve();
    await Promise.resolve();
    expect(sent.filter((m) => m.kind === 'page/exit')).toMatchObject([{ exit: { byPerson: false } }]);
    window.dispatchEvent(new Event('pagehide'));
    expect(sent.filter((m) => m.kind === 'page/left')).toMatchObject([{ left: { exit: { byPerson: false } } }]);
    expect(written).toEqual([]);
    stop();
  });

  it('with its tab known, writes them too', async () => {
    const stop = initNavigationObserver(window, recorderAt({ tabId: 4, frameId: 0 }), false, watchExits(window));
    leaveByScript(nav);
    await Promise.resolve();
    await Promise.resolve();
    window.dispatchEvent(new Event('pagehide'));
    expect(written).toEqual(['exit:4', 'leaving:4']);
    expect(sent.map((m) => m.kind)).toEqual(['page/exit', 'page/left']);
    stop();
  });

  it('a page already on its way out when the recording starts here says so at once', async () => {
    const exits = watchExits(window);
    leaveByScript(nav);
    await Promise.resolve();
    const stop = initNavigationObserver(window, recorderAt(null), false, exits);
    expect(sent.filter((m) => m.kind === 'page/exit')).toMatchObject([{ exit: { byPerson: false } }]);
    stop();
  });
});
