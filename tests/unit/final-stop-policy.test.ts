// takeFinalState (background/final-state) at Stop: the site policy came from the tab's address alone, read before
// the page was asked. A page that answers for another address (the tab committed a navigation between the two:
// Stop pressed while leaving shop.example for bank.example) had its state filed under shop's policy: a
// never_record page's tree stored, a no_screenshots page captured. The answer's own address (scrubbed, its host
// intact) decides too, as for a step (the acting frame's address) and for a closed tab's final state.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeStorageArea, type FakeArea } from './fake-storage';
import type { ShotResult } from '../../src/background/capture-scheduler';

const local: FakeArea = new Map();
const session: FakeArea = new Map();

vi.mock('webextension-polyfill', () => ({ default: { storage: { local: fakeStorageArea(local), session: fakeStorageArea(session) } } }));
vi.mock('../../src/background/scrubber-state', () => ({
  activeConfig: () => Promise.resolve({ config: { sites: { never_record: ['vault.example'], no_screenshots: ['bank.example'] } } }),
}));
const pending: { noScreenshot: boolean; draft: { url: string } }[] = [];
vi.mock('../../src/platform/db', () => ({
  db: () => Promise.resolve({
    transaction: () => ({
      objectStore: (name: string) => ({
        get: () => Promise.resolve(name === 'tasks' ? { id: 'task' } : undefined),
        put: (p: { noScreenshot: boolean; draft: { url: string } }) => { pending.push(p); return Promise.resolve(); },
      }),
      done: Promise.resolve(),
    }),
  }),
}));
const shotsAsked: string[] = [];
vi.mock('../../src/background/step-intake', () => ({
  addOtherFrames: () => Promise.resolve(),
  attachShot: async (_id: string, shot: Promise<ShotResult>) => { await shot; },
}));
vi.mock('../../src/background/arrival-stamps', () => ({ nextArrival: () => Promise.resolve(1) }));
vi.mock('../../src/background/step-processor', () => ({ shotInMemory: () => ({ keep: () => undefined, settled: () => undefined }), kickProcessor: () => Promise.resolve() }));
vi.mock('../../src/platform/host', () => ({ host: {} }));
vi.mock('../../src/background/capture-scheduler', async (real) => ({
  ...(await real<typeof import('../../src/background/capture-scheduler')>()),
  shotForFinal: (_tab: unknown, _at: number, url: string) => { shotsAsked.push(url); return Promise.resolve({ ok: false, error: 'not captured here' }); },
}));
let answer: object | null = null;
let tabUrl = 'https://shop.example/cart';
vi.mock('../../src/platform/tabs', () => ({
  askFrame: () => Promise.resolve(answer),
  tabById: (id: number) => Promise.resolve({ id, windowId: 1, active: true, url: tabUrl }),
}));

const { takeFinalState } = await import('../../src/background/final-state');
const { restrictedPageState } = await import('../../src/core/page-state');

/** The page's answer to 'page/final', for the (scrubbed) address `url`. */
const pageAt = (url: string): object => ({ ...restrictedPageState(url, 'Page', { width: 800, height: 600 }, 1000), lastChangeAt: 900, redactions: {} });

beforeEach(() => {
  local.clear();
  session.clear();
  pending.length = 0;
  shotsAsked.length = 0;
  tabUrl = 'https://shop.example/cart';
  session.set('activeTab', 7);
});

describe('the final state at Stop takes the policy of the page that answered too', () => {
  it('files the tab\'s own page with a shot', async () => {
    answer = pageAt('https://shop.example/cart');
    await takeFinalState('task');
    expect(pending).toHaveLength(1);
    expect(pending[0]!.noScreenshot).toBe(false);
    expect(shotsAsked).toHaveLength(1);
  });

  it('files nothing for a never_record page that answered for a tab still noted at another address', async () => {
    answer = pageAt('https://vault.example/<REDACTED>');
    await takeFinalState('task');
    expect(pending).toEqual([]);
    expect(shotsAsked).toEqual([]);
  });

  it('takes no shot of a no_screenshots page that answered for a tab still noted at another address', async () => {
    answer = pageAt('https://bank.example/<REDACTED>');
    await takeFinalState('task');
    expect(pending).toHaveLength(1);
    expect(pending[0]!.noScreenshot).toBe(true);
    expect(shotsAsked).toEqual([]);
  });
});

describe('the final state at Stop takes a shot only of the tab\'s host', () => {
  it('an allowed page of another host that answered gets no shot taken for the tab\'s address', async () => {
    answer = pageAt('https://news.example/<REDACTED>');
    await takeFinalState('task');
    expect(pending).toHaveLength(1);
    expect(shotsAsked).toEqual([]);
  });

  it('a page whose host the scrubber redacted (a LAN address) keeps its shot', async () => {
    tabUrl = 'http://192.168.1.20/admin';
    answer = pageAt('http://<REDACTED>/admin');
    await takeFinalState('task');
    expect(pending).toHaveLength(1);
    expect(shotsAsked).toEqual([tabUrl]);
  });
});
