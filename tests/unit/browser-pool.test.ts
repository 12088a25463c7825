// The e2e browser pool's broker (tests/e2e/browser-pool), over its HTTP contract, with fake browsers: what is lent
// again, what is ended, and what is refused. The real browsers' side is the e2e run itself.
import { afterEach, describe, expect, it } from 'vitest';
import { POOL_ENV, startBrowserPool, type Loan, type Pooled, type PoolLaunchers } from '../e2e/browser-pool';
import type { BrowserName } from '../../src/core/browser-name';

/** Fake browsers: each launch and end noted; `refresh` answers as set (null: never). */
function fakes(refreshes: boolean | null = true): PoolLaunchers & { launched: string[]; ended: number[]; all: Pooled[] } {
  const launched: string[] = [];
  const ended: number[] = [];
  const all: Pooled[] = [];
  return {
    launched, ended, all,
    launch: async (name: BrowserName, id: number) => {
      launched.push(`${name} ${id}`);
      const pooled: Pooled = {
        name, alive: true,
        loan: { id, endpoint: `ws://127.0.0.1:1/${id}`, downloads: `/tmp/downloads-${id}`, pristine: { provenance: id }, lentBefore: 0 },
        end: async () => { pooled.alive = false; ended.push(id); },
      };
      all.push(pooled);
      return pooled;
    },
    refresh: () => refreshes === null ? new Promise<boolean>(() => undefined) : Promise.resolve(refreshes),
  };
}

let pool: Awaited<ReturnType<typeof startBrowserPool>> | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

async function post(path: string, body: object): Promise<{ status: number; json: unknown; text: string }> {
  const res = await fetch(`${process.env[POOL_ENV]}${path}`, { method: 'POST', body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, json: res.ok ? JSON.parse(text) : null };
}
const borrow = async (browser: string): Promise<Loan> => {
  const reply = await post('/borrow', { browser });
  expect(reply.status, reply.text).toBe(200);
  return reply.json as Loan;
};
const giveBack = (id: number, ready: boolean) => post('/return', { id, ready });

describe('the e2e browser pool', () => {
  it('lends a browser given back ready to the next borrower of the same engine, and launches for the other', async () => {
    const browsers = fakes();
    pool = await startBrowserPool(browsers);
    const first = await borrow('chromium');
    expect((await giveBack(first.id, true)).status).toBe(200);
    expect((await borrow('firefox')).id).not.toBe(first.id);
    expect(first.lentBefore).toBe(0);
    expect(await borrow('chromium')).toEqual({ ...first, lentBefore: 1 });
    expect(browsers.launched).toEqual(['chromium 1', 'firefox 2']);
    expect(pool.counts()).toEqual({ launched: 2, reused: 1 });
  });

  it('never lends one browser to two borrowers at once', async () => {
    const browsers = fakes();
    pool = await startBrowserPool(browsers);
    const [a, b] = await Promise.all([borrow('chromium'), borrow('chromium')]);
    expect(a.id).not.toBe(b.id);
    await giveBack(a.id, true);
    // A second return of the same loan is refused, so it cannot sit in the pool twice.
    const again = await giveBack(a.id, true);
    expect(again.status).toBe(500);
    expect(again.text).toMatch(/not out on loan/);
    const [c, d] = await Promise.all([borrow('chromium'), borrow('chromium')]);
    expect(new Set([c.id, d.id]).size).toBe(2);
    expect(browsers.launched).toHaveLength(3);
  });

  it('ends a browser given back not ready, or whose worker cannot be restarted, and launches anew', async () => {
    const browsers = fakes();
    pool = await startBrowserPool(browsers);
    const first = await borrow('firefox');
    await giveBack(first.id, false);
    expect(browsers.ended).toEqual([first.id]);
    expect((await borrow('firefox')).id).not.toBe(first.id);

    const refusing = fakes(false);
    await pool.close();
    pool = await startBrowserPool(refusing);
    const lent = await borrow('chromium');
    await giveBack(lent.id, true);
    expect(refusing.ended).toEqual([lent.id]);
  });

  it('ends a browser whose refresh hangs, and answers the file that gave it back', async () => {
    const hanging = fakes(null);
    pool = await startBrowserPool(hanging, 50);
    const lent = await borrow('chromium');
    expect((await giveBack(lent.id, true)).status).toBe(200);
    expect(hanging.ended).toEqual([lent.id]);
    expect((await borrow('chromium')).id).not.toBe(lent.id);
  });

  it('does not lend a browser whose process ended while it waited', async () => {
    const browsers = fakes();
    pool = await startBrowserPool(browsers);
    const first = await borrow('chromium');
    await giveBack(first.id, true);
    browsers.all[0]!.alive = false;
    expect((await borrow('chromium')).id).not.toBe(first.id);
  });

  it('refuses an unknown browser or request with a message, and ends every browser when closed', async () => {
    const browsers = fakes();
    pool = await startBrowserPool(browsers);
    const bad = await post('/borrow', { browser: 'netscape' });
    expect(bad.status).toBe(500);
    expect(bad.text).toMatch(/no such browser: netscape/);
    expect((await post('/lend-me-everything', {})).status).toBe(500);
    const lent = await borrow('chromium');
    await giveBack(lent.id, true);
    await borrow('firefox');
    await pool.close();
    pool = null;
    expect(browsers.ended.sort()).toEqual([1, 2]);
    expect(process.env[POOL_ENV]).toBeUndefined();
  });
});
