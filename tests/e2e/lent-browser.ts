// Browsers lent from one e2e file to the next: a file's side (tests/e2e/browser-pool is the broker). With default
// options, in a run of scripts/e2e.mjs, harness's launch() and firefox-harness's launchFirefox() connect to a lent
// browser, and the session's close() makes it as a new one would be for the next file before giving it back:
// - a recording still on stopped, every page closed but the extension's own;
// - Chromium's offscreen document closed (its models, caches and zips: the next file's first step sets it up);
// - alarms, storage.session (the export ledger, tab facts) and the toolbar badge cleared;
// - the extension's IndexedDB emptied and storage.local put back as it was at launch (config, prefs, flags);
// - the downloads folder emptied;
// - the worker started afresh (its memory, and any global a test replaced in it, gone): Firefox's background page
//   reloaded here, Chromium's worker stopped by the broker once this connection (attached to it) is gone.
// What stays is the browser's own: its process, its profile's caches, Firefox's open popup tab (opened anew).
// A file run alone (node --test), a test that asks for a fresh browser, or Firefox options of its own (its idle
// timeout, the content-script relay), launches its own.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { BrowserName } from '../../src/core/browser-name';
import { CHROMIUM_VIEWPORT, extensionPage, notTheWorker, serveFixtures, waitFor, type LaunchOptions, type Served, type Session } from './harness';
import { extensionPopup, type FirefoxSession } from './firefox-harness';
import { POOL_ENV, type Loan } from './browser-pool';
import { stopRecordingIfOn } from './ask-worker';

async function ask(path: string, body: object): Promise<unknown> {
  // A launch under a full run's load takes seconds; a broker that does not answer in minutes fails the file, not the run.
  const res = await fetch(`${process.env[POOL_ENV]}${path}`, { method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(180_000) });
  if (!res.ok) throw new Error(`the browser pool refused ${path}: ${await res.text()}`);
  return res.json();
}

/** Makes a lent browser as the next file should find it (see the head of this file), from `page`, the extension's own page. */
async function readyForNext(name: BrowserName, connected: Browser, page: Page, loan: Loan): Promise<void> {
  // Stopped first, so the pages closed below leave as pages do with no recording on.
  await stopRecordingIfOn(page);
  for (const p of await connected.pages()) if (p !== page) await p.close();
  await page.evaluate(async () => {
    const ext = (globalThis as { browser?: typeof chrome }).browser ?? chrome;
    // Chromium's offscreen document goes (its text detector and OCR, their caches, zips held for the downloads, an
    // export under way): the next file's first step sets it up, as in a new browser.
    if (ext.offscreen && await ext.offscreen.hasDocument()) await ext.offscreen.closeDocument();
    // What outlives a worker restart: alarms (a wake due), the export ledger and tab facts, the toolbar badge.
    await ext.alarms.clearAll();
    await ext.storage.session.clear();
    await ext.action.setBadgeText({ text: '' });
  });
  await page.evaluate(() => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('alien-dataflow');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const names = [...db.objectStoreNames];
      // Not there before this open (the worker had not made it): left for the worker to make, as in a new browser.
      if (!names.length) {
        db.close();
        indexedDB.deleteDatabase('alien-dataflow');
        return resolve();
      }
      const tx = db.transaction(names, 'readwrite');
      for (const n of names) tx.objectStore(n).clear();
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }));
  await page.evaluate(async (pristine) => {
    const local = ((globalThis as { browser?: typeof chrome }).browser ?? chrome).storage.local;
    await local.clear();
    await local.set(pristine);
  }, loan.pristine);
  for (const f of readdirSync(loan.downloads)) rmSync(join(loan.downloads, f), { recursive: true, force: true });
  if (name === 'firefox') {
    await page.evaluate(() => browser.runtime.getBackgroundPage().then((g) => { g!.location.reload(); }));
    await waitFor(() => page.evaluate(() => browser.runtime.sendMessage({ kind: 'tasks/list' }).then((r: unknown) => !!r, () => false)).catch(() => false), 20_000, 50);
  } else {
    await page.reload();
  }
}

/** A session's close() for a lent browser: readied for the next file and given back (or ended, if it cannot be). */
function giveBack(name: BrowserName, browser: Browser, page: () => Promise<Page>, loan: Loan, servers: Served[]): () => Promise<void> {
  let closing: Promise<void> | null = null;
  return () => closing ??= (async () => {
    const ready = await readyForNext(name, browser, await page(), loan).then(() => true, (error: unknown) => {
      console.log(`browser ${loan.id} (${name}) not lent again: ${String(error)}`);
      return false;
    });
    await browser.disconnect().catch(() => undefined);
    for (const server of servers) await server.close();
    await ask('/return', { id: loan.id, ready });
  })();
}

async function borrow(name: BrowserName): Promise<Loan | null> {
  return process.env[POOL_ENV] ? await ask('/borrow', { browser: name }) as Loan : null;
}

/**
 * Connects to a lent browser and makes a session of it with `open`; a failure on the way gives the browser back
 * as not to be lent again, so no file waits on a connection left open.
 */
async function lentSession<X extends object>(name: BrowserName, connect: (loan: Loan) => Promise<Browser>, open: (connected: Browser) => Promise<{ page: () => Promise<Page>; extra: X }>): Promise<(Session & X) | null> {
  const loan = await borrow(name);
  if (!loan) return null;
  // Which browser each file had, for a failure that only a file after another shows.
  console.log(`${name} browser ${loan.id}, lent ${loan.lentBefore} time(s) before`);
  let connected: Browser | undefined;
  try {
    connected = await connect(loan);
    const { page, extra } = await open(connected);
    const [site, other] = await serveFixtures();
    return { ...extra, browser: connected, downloads: loan.downloads, site, other, close: giveBack(name, connected, page, loan, [site, other]) };
  } catch (error) {
    await connected?.disconnect().catch(() => undefined);
    await ask('/return', { id: loan.id, ready: false });
    throw error;
  }
}

/** A Chromium session on a browser lent by the run's pool, or null when no pool runs. */
export function borrowChromium(opts: LaunchOptions = {}): Promise<Session | null> {
  // detachWorker is the connection's own choice: this session does not attach to the worker, so it may stop it.
  const connect = (loan: Loan): Promise<Browser> => puppeteer.connect({
    browserWSEndpoint: loan.endpoint, defaultViewport: CHROMIUM_VIEWPORT, ...(opts.detachWorker ? { targetFilter: notTheWorker } : {}),
  });
  return lentSession('chromium', connect, async (connected) => ({ page: () => extensionPage(connected), extra: {} }));
}

/** A Firefox session on a browser lent by the run's pool, or null when no pool runs. */
export function borrowFirefox(): Promise<FirefoxSession | null> {
  return lentSession('firefox', (loan) => puppeteer.connect({ browserWSEndpoint: loan.endpoint, protocol: 'webDriverBiDi' }), async (connected) => {
    // The popup tab is opened anew in this session: in one opened before the session began, Firefox ESR 153's BiDi
    // locates no node by its accessible name and role (browsingContext.locateNodes with an accessibility locator
    // finds none), which the popup's label-driven tests rely on. A data: page opened before the session is found;
    // an extension page is not.
    const before = await extensionPopup(connected);
    await before.evaluate(() => browser.tabs.create({ url: browser.runtime.getURL('popup/popup.html'), active: false }));
    await before.close();
    // In front, as in a new Firefox: its first tab, blank, with the popup tab behind it.
    await connected.newPage();
    const popup = (): Promise<Page> => extensionPopup(connected);
    return { page: popup, extra: { popup } };
  });
}
