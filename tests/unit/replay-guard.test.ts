// What replay keeps of what it stopped is bounded: the page's guard (cli/replay's HostGuard) and the egress proxy
// keep the first ones for the report and count the rest, so a page requesting other hosts in a loop cannot grow
// the CLI's memory for as long as the replay runs; a step still gets its first stopped navigation as its reason.
import { EventEmitter } from 'node:events';
import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { BLOCKED_KEPT, HostGuard } from '../../src/cli/replay';
import { REFUSED_KEPT, startEgressProxy } from '../../src/cli/egress-proxy';

/** Just what the guard uses of a page: interception switches, its 'request' event, its main frame. */
function fakePage(): Page & EventEmitter {
  const page = new EventEmitter() as Page & EventEmitter;
  const frame = {};
  Object.assign(page, { setBypassServiceWorker: async () => undefined, setRequestInterception: async () => undefined, mainFrame: () => frame });
  return page;
}

function fakeRequest(page: Page, url: string, navigation: boolean): HTTPRequest {
  return {
    url: () => url, isInterceptResolutionHandled: () => false, isNavigationRequest: () => navigation,
    frame: () => page.mainFrame(), abort: async () => undefined, continue: async () => undefined,
  } as unknown as HTTPRequest;
}

describe('bounded lists of what replay stopped', () => {
  it('the page guard keeps the first of each kind, counts them all, and still names a later step\'s navigation', async () => {
    const guard = new HostGuard(new Set(['shop.test']));
    const page = fakePage();
    await guard.attach(page);
    for (let i = 0; i < BLOCKED_KEPT * 3; i++) page.emit('request', fakeRequest(page, `http://evil.test/${i}`, false));
    const from = guard.blocked.length;
    page.emit('request', fakeRequest(page, 'http://evil.test/next-step', true));
    expect(guard.stopped).toBe(BLOCKED_KEPT * 3 + 1);
    expect(guard.blocked.length).toBe(BLOCKED_KEPT + 1);
    expect(guard.stoppedNavigation(from)).toMatch(/navigation to http:\/\/evil\.test\/next-step was stopped/);
    for (let i = 0; i < BLOCKED_KEPT * 2; i++) page.emit('request', fakeRequest(page, `http://evil.test/n${i}`, true));
    expect(guard.blocked.length).toBe(BLOCKED_KEPT * 2);
  });

  it('the proxy keeps the first refused connections and counts every one', async () => {
    const proxy = await startEgressProxy(new Set(['shop.test']));
    const [host, port] = proxy.address.split(':');
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    try {
      const ask = (i: number): Promise<number> => new Promise((done, fail) => {
        const req = request({ host, port: Number(port), agent, path: `http://evil.test/${i}`, headers: { host: 'evil.test' } }, (res) => { res.resume(); res.on('end', () => done(res.statusCode ?? 0)); });
        req.on('error', fail);
        req.end();
      });
      const statuses = await Promise.all(Array.from({ length: REFUSED_KEPT + 20 }, (_, i) => ask(i)));
      expect(new Set(statuses)).toEqual(new Set([403]));
      expect(proxy.refused.length).toBe(REFUSED_KEPT);
      expect(proxy.refusedCount).toBe(REFUSED_KEPT + 20);
    } finally {
      agent.destroy();
      await proxy.close();
    }
  });
});
