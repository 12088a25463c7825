// One driver per browser, so a test body is written once and runs in Chromium
// and in Firefox: open a page, start and stop a recording through the popup,
// count a task's stored steps, export through the real download.
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import JSZip from 'jszip';
import * as chromium from './harness';
import { sleep, waitFor } from './harness';
import { askWorker, stopRecordingIfOn } from './ask-worker';
import { acceptedSteps, countReaching, readStored } from './extension-store';
import { backgroundStarts, exportZipFirefox, firefoxSkip, launchFirefox, RELAY_ASK, RELAY_REPLY, startRecordingFirefox, stopRecordingFirefox, type FirefoxOptions } from './firefox-harness';

/** Options for either browser; each reads its own. */
export type DriverOptions = chromium.LaunchOptions & FirefoxOptions;

export type { BrowserName } from '../../src/core/browser-name';
import type { BrowserName } from '../../src/core/browser-name';

export interface RecorderDriver {
  readonly name: BrowserName;
  /** Fixture pages, and the same pages from a second origin (for cross-origin frames). */
  readonly site: string;
  readonly other: string;
  /**
   * A page where no extension may run a script: chrome://version; in Firefox about:blank, since WebDriver BiDi
   * may not open Firefox's privileged about: pages (its add-on store's hosts are unit-tested instead).
   */
  readonly browserPage: string;
  newPage(): Promise<Page>;
  /** Starts recording through the popup with `page` as the tab being worked in; resolves to the task's id. */
  startRecording(page: Page, task: string): Promise<string>;
  stopRecording(page: Page): Promise<void>;
  /** Stored steps of a task, read from the extension's IndexedDB. */
  storedSteps(taskId: string): Promise<number>;
  exportZip(page: Page): Promise<JSZip>;
  /**
   * The same, resolving to the zip's path in the downloads folder (for the CLI). `afterPress` runs as soon as
   * Export is pressed, before the zip is waited for (to stop the worker mid-export).
   */
  exportZipFile(page: Page, afterPress?: () => Promise<void>): Promise<string>;
  /** A page of the extension's own (it can call the extension APIs), without touching the worker. */
  extensionPage(): Promise<Page>;
  /**
   * Sends `message` to the worker from the extension's content-script world in `page`'s top frame (which a
   * compromised renderer controls); resolves to the reply as JSON, 'null', or 'error: …'.
   */
  sendAsContentScript(page: Page, message: object): Promise<string>;
  /** Opens one of the extension's pages (`review/review.html`) in a new tab, as its links do. */
  openExtensionPage(path: string): Promise<Page>;
  /**
   * Runs `fn` in the worker's context with its global scope: Chromium's service worker, Firefox's background
   * page. `fn` is sent as source: no closures, no named inner functions (the test runner's transform wraps them).
   */
  inWorker<T>(fn: (worker: WorkerScope) => T | Promise<T>): Promise<T>;
  /** Opens the popup afresh with `page` as the active tab, hands it to `use`, then lets it go. */
  withPopup<T>(page: Page, use: (popup: Page) => Promise<T>): Promise<T>;
  /**
   * Ends the worker's context now, its memory and any work in hand with it, as the browser does to an idle one:
   * Chromium's service worker is stopped through DevTools (open the driver with { detachWorker: true }); Firefox's
   * background page is reloaded, which ends it as a suspension does and starts it again at once.
   */
  stopWorker(): Promise<void>;
  /**
   * Closes every tab but the extension's own page and stops a recording a failed test left on: where the next
   * test of a file that shares the browser starts (what it stored stays; tests read their own task's steps).
   * A shared driver's tidy() also puts back the scrubber config (site policy included) in force at launch.
   */
  tidy(): Promise<void>;
  close(): Promise<void>;
  /** Chromium's only: the harness session under the driver, for tests written against harness.ts. */
  readonly chromium?: chromium.Session;
}

/** Closes every page of `pages` but `keep`, then stops a recording still on. */
async function tidyPages(pages: Page[], keep: Page): Promise<void> {
  for (const p of pages) if (p !== keep) await p.close().catch(() => undefined);
  await stopRecordingIfOn(keep);
}

/** The worker's global scope as a test sees it: `browser` in Firefox's background page, `chrome` in both. */
export type WorkerScope = typeof globalThis & { browser?: typeof chrome };

/** Evaluates `expression` (a promise) in the extension's content-script world of `page`'s top frame, through CDP. */
async function inContentScriptWorld(page: Page, expression: string): Promise<string> {
  const cdp = await page.createCDPSession();
  const contexts: { id: number; name: string; auxData?: { frameId?: string; type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const frameId = (page.mainFrame() as unknown as { _id: string })._id;
  const ours = (): (typeof contexts)[number] | undefined => contexts.find((c) => c.auxData?.type === 'isolated' && c.name.startsWith('ALIEN Dataflow') && (!c.auxData.frameId || c.auxData.frameId === frameId));
  // Runtime.enable reports the page's worlds as events: waited for until the extension's is among them.
  const world = await waitFor(ours, 3000, 20).catch(() => undefined);
  if (!world) throw new Error(`no content-script world in the page: ${contexts.map((c) => `${c.name}/${c.auxData?.type}`).join(', ')}`);
  const result = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true });
  await cdp.detach();
  return String(result.result.value);
}

/** The browsers this machine can run, each with why it is skipped (or false). */
export const BROWSERS: { name: BrowserName; skip: string | false }[] = [
  { name: 'chromium', skip: false },
  { name: 'firefox', skip: firefoxSkip },
];

/** Counts one task's steps in the extension's IndexedDB, from any of the extension's pages. */
const countSteps = async (extensionPage: Page, taskId: string): Promise<number> => (await readStored(extensionPage, taskId)).steps;

async function chromiumDriver(opts: chromium.LaunchOptions): Promise<RecorderDriver> {
  const session = await chromium.launch(opts);
  let stopper: Awaited<ReturnType<typeof chromium.workerStopper>> | null = null;
  return {
    name: 'chromium', site: session.site.url, other: session.other.url, browserPage: 'chrome://version',
    newPage: () => session.browser.newPage(),
    startRecording: async (page, task) => {
      await chromium.startRecording(session.browser, page, task);
      const ext = await chromium.extensionPage(session.browser);
      const taskId = await ext.evaluate(async () => ((await chrome.storage.local.get('recording')).recording as { taskId: string }).taskId);
      await page.bringToFront();
      await chromium.recorderStarted(ext, page);
      return taskId;
    },
    stopRecording: async (page) => { await chromium.stopRecording(session.browser, page); },
    storedSteps: async (taskId) => countSteps(await chromium.extensionPage(session.browser), taskId),
    exportZip: (page) => chromium.exportZip(session, page),
    exportZipFile: (page, afterPress) => chromium.exportZipFile(session, page, afterPress),
    extensionPage: () => chromium.extensionPage(session.browser),
    sendAsContentScript: (page, message) => inContentScriptWorld(page, `chrome.runtime.sendMessage(${JSON.stringify(message)})
      .then((r) => JSON.stringify(r === undefined ? null : r)).catch((e) => 'error: ' + e.message)`),
    openExtensionPage: async (path) => {
      const page = await session.browser.newPage();
      await page.goto(`chrome-extension://${await chromium.extensionId(session.browser)}/${path}`);
      return page;
    },
    inWorker: async (fn) => (await chromium.serviceWorker(session.browser)).evaluate(`(${fn.toString()})(globalThis)`) as Promise<Awaited<ReturnType<typeof fn>>>,
    withPopup: async (page, use) => {
      const popup = await chromium.openPopup(session.browser, page);
      try {
        return await use(popup);
      } finally {
        await popup.close().catch(() => undefined);
      }
    },
    stopWorker: async () => {
      if (!opts.detachWorker) throw new Error('open the Chromium driver with { detachWorker: true } to stop its worker');
      // One DevTools handle for every stop, so each lands when the test says, with no set-up first.
      stopper ??= await chromium.workerStopper(session.browser);
      await stopper.stop();
    },
    tidy: async () => tidyPages(await session.browser.pages(), await chromium.extensionPage(session.browser)),
    close: async () => {
      await stopper?.close();
      await session.close();
    },
    chromium: session,
  };
}

async function firefoxDriver(opts: FirefoxOptions): Promise<RecorderDriver> {
  const session = await launchFirefox(opts);
  return {
    name: 'firefox', site: session.site.url, other: session.other.url, browserPage: 'about:blank',
    newPage: () => session.browser.newPage(),
    startRecording: async (page, task) => startRecordingFirefox(await session.popup(), page, task),
    stopRecording: async () => stopRecordingFirefox(await session.popup()),
    storedSteps: async (taskId) => countSteps(await session.popup(), taskId),
    exportZip: async () => JSZip.loadAsync(readFileSync(await exportZipFirefox(await session.popup(), session.downloads))),
    exportZipFile: async (_page, afterPress) => exportZipFirefox(await session.popup(), session.downloads, afterPress),
    extensionPage: () => session.popup(),
    sendAsContentScript: async (page, message) => {
      if (!opts.contentScriptRelay) throw new Error('open the Firefox driver with { contentScriptRelay: true }');
      return page.evaluate((m, ask, reply) => new Promise<string>((resolve) => {
        const id = Math.random().toString(36).slice(2);
        // No named inner functions here: the test runner's transform would wrap them in a helper the page lacks.
        const done = new AbortController();
        window.addEventListener('message', (e: MessageEvent) => {
          if (e.data?.type !== reply || e.data.id !== id) return;
          done.abort();
          resolve(String(e.data.reply));
        }, { signal: done.signal });
        window.postMessage({ type: ask, id, message: m }, '*');
      }), message, RELAY_ASK, RELAY_REPLY);
    },
    openExtensionPage: async (path) => {
      // Only the extension may open its moz-extension: pages; the popup does, as its own links do.
      const url = await (await session.popup()).evaluate(async (p) => {
        const u = browser.runtime.getURL(p);
        await browser.tabs.create({ url: u, active: true });
        return u;
      }, path);
      // Firefox's BiDi reports extension pages as about:blank: ask each page where it is. Given 30 s: with three
      // e2e files at once, the new tab once took more than 10 s to answer.
      return waitFor(async () => {
        for (const p of await session.browser.pages()) {
          if (await p.evaluate(() => location.href).catch(() => '') === url) return p;
        }
        return null;
      }, 30_000, 200);
    },
    // Extension pages in Firefox may reach the background page's window (which wakes it if it was unloaded).
    inWorker: async (fn) => (await session.popup()).evaluate(`browser.runtime.getBackgroundPage().then((g) => (${fn.toString()})(g))`) as Promise<Awaited<ReturnType<typeof fn>>>,
    withPopup: async (page, use) => {
      // The popup page stays open in a background tab (see firefox-harness); reloading it is opening it afresh.
      await page.bringToFront();
      const popup = await session.popup();
      // BiDi waits for no load event of a moz-extension: page (page.reload() times out): the page reloads itself.
      await popup.evaluate(() => { document.documentElement.dataset.stale = 'yes'; setTimeout(() => location.reload(), 0); });
      await waitFor(() => popup.evaluate(() => {
        const s = document.querySelector('#status')?.textContent;
        return !document.documentElement.dataset.stale && !!s && s !== 'Checking…';
      }).catch(() => false), 20_000, 200);
      return use(popup);
    },
    stopWorker: async () => {
      const popup = await session.popup();
      const starts = await backgroundStarts(popup);
      await popup.evaluate(`browser.runtime.getBackgroundPage().then((g) => { g.location.reload(); })`);
      await waitFor(async () => (await backgroundStarts(popup)) > starts, 10_000, 50);
      // The test's own script is the page's first, counted before the worker's listeners exist: wait until the
      // worker answers, or a message sent at once (Export pressed) finds no listener and is lost.
      await waitFor(() => popup.evaluate(() => browser.runtime.sendMessage({ kind: 'tasks/list' }).then((r: unknown) => !!r, () => false)), 10_000, 50);
    },
    tidy: async () => tidyPages(await session.browser.pages(), await session.popup()),
    close: () => session.close(),
  };
}

export function openDriver(name: BrowserName, opts: DriverOptions = {}): Promise<RecorderDriver> {
  return name === 'chromium' ? chromiumDriver(opts) : firefoxDriver(opts);
}

export { askWorker } from './ask-worker';

/** Edits the scrubber config in force, as the options page would save it; fails the test if it is refused. */
export async function editConfig(driver: RecorderDriver, edit: (text: string) => string): Promise<void> {
  const page = await driver.extensionPage();
  const current = await askWorker(page, { kind: 'config/get' }) as { text: string };
  const saved = await askWorker(page, { kind: 'config/save', text: edit(current.text) }) as { ok: boolean; errors?: unknown };
  if (!saved.ok) throw new Error(`config refused: ${JSON.stringify(saved)}`);
}

/** The review page, opened as the extension's links open it, with the task titled `task` picked and its step `step` shown. */
export async function openReview(driver: RecorderDriver, task: string, step = 1): Promise<Page> {
  const review = await driver.openExtensionPage('review/review.html');
  await review.setViewport({ width: 1300, height: 1000 });
  await (await review.waitForSelector(`::-p-text(${task})`))!.click();
  await review.waitForSelector(`::-p-aria([name="Thought for step ${step}"])`);
  return review;
}

/** The demo shop in a new page, recording `task`: its "add" buttons, for the clicks a test makes. */
export async function recordOnDemo(driver: RecorderDriver, task: string): Promise<{ page: Page; taskId: string; buttons: ElementHandle[] }> {
  const page = await driver.newPage();
  await page.goto(`${driver.site}/demo/index.html`);
  const taskId = await driver.startRecording(page, task);
  return { page, taskId, buttons: await page.$$('button.add') };
}

/** The media fixture with a payment frame from another origin (localhost against 127.0.0.1), loaded. */
export async function openCheckoutWithPaymentFrame(driver: RecorderDriver, viewport?: { width: number; height: number }): Promise<{ page: Page; frame: Frame }> {
  const page = await driver.newPage();
  if (viewport) await page.setViewport(viewport);
  const frameUrl = `${driver.other.replace('127.0.0.1', 'localhost')}/privacy/pay-frame.html`;
  await page.goto(`${driver.site}/privacy/media.html?frame=${encodeURIComponent(frameUrl)}`);
  const frame = await waitFor(() => page.frames().find((f) => f.url().startsWith(frameUrl)));
  await frame.waitForSelector('#confirm');
  await sleep(300);
  return { page, frame };
}

/**
 * Waits until a task has at least `n` steps stored (or, `accepted`, stored or pending), counting inside the
 * extension page (extension-store's countReaching); a page closed under the wait (a test's own doing) leaves the
 * rest of it to counts from here. Says how many it had when it gives up.
 */
async function waitForCount(driver: RecorderDriver, taskId: string, n: number, timeout: number, accepted: boolean): Promise<void> {
  const deadline = Date.now() + timeout;
  const count = async (): Promise<number> => {
    const page = await driver.extensionPage();
    return accepted ? acceptedSteps(page, taskId) : driver.storedSteps(taskId);
  };
  let last: number;
  try {
    // Acceptance is waited for between a test's actions, so it is looked at often; storage, after the image work.
    last = await countReaching(await driver.extensionPage(), taskId, n, { accepted, timeout, every: accepted ? 25 : 100 });
  } catch {
    for (last = await count(); last < n && Date.now() < deadline; last = await count()) await sleep(250);
  }
  if (last < n) throw new Error(`timed out after ${timeout} ms: ${last} of ${n} steps ${accepted ? 'accepted' : 'stored'} in ${driver.name}`);
}

/** Waits until a task has at least `n` stored steps; says how many it had when it gives up. */
export function waitForSteps(driver: RecorderDriver, taskId: string, n: number, timeout = 30_000): Promise<void> {
  return waitForCount(driver, taskId, n, timeout, false);
}

/** Waits until a task has at least `n` steps stored or pending: its last action has reached the worker. */
export function waitForAccepted(driver: RecorderDriver, taskId: string, n: number, timeout = 15_000): Promise<void> {
  return waitForCount(driver, taskId, n, timeout, true);
}

/** Where the worker keeps the scrubber config in force (background/scrubber-state), site policy included. */
const CONFIG_KEYS = ['scrubConfigText', 'scrubConfig', 'scrubConfigInForce'];

/** The config keys as storage.local holds them now (absent ones left out). */
function storedConfig(extensionPage: Page): Promise<Record<string, unknown>> {
  return extensionPage.evaluate((keys) => ((globalThis as { browser?: typeof chrome }).browser ?? chrome).storage.local.get(keys), CONFIG_KEYS);
}

/**
 * Puts the config back as `launched` held it, if a test saved another (the copy published for content scripts
 * at each Start does not count: it follows the config), and waits until the worker answers with it.
 */
async function restoreConfig(extensionPage: Page, launched: Record<string, unknown>): Promise<void> {
  const now = await storedConfig(extensionPage);
  const same = (key: string): boolean => JSON.stringify(now[key]) === JSON.stringify(launched[key]);
  if (same('scrubConfigText') && same('scrubConfig')) return;
  await extensionPage.evaluate(async (keys, back) => {
    const local = ((globalThis as { browser?: typeof chrome }).browser ?? chrome).storage.local;
    await local.remove(keys.filter((k) => !(k in back)));
    await local.set(back);
  }, CONFIG_KEYS, launched);
  const expected = launched.scrubConfigText ?? (await askWorker(extensionPage, { kind: 'config/get' }) as { defaultText: string }).defaultText;
  await waitFor(async () => (await askWorker(extensionPage, { kind: 'config/get' }) as { text: string }).text === expected, 10_000, 25);
}

/** `driver`, whose tidy() also puts back the scrubber config in force at launch: the next test starts with it. */
async function restoringConfig(driver: RecorderDriver): Promise<RecorderDriver> {
  const launched = await storedConfig(await driver.extensionPage());
  return {
    ...driver,
    tidy: async () => {
      await driver.tidy();
      await restoreConfig(await driver.extensionPage(), launched);
    },
  };
}

/** Browsers open for the tests of this file that share one (node --test runs each file in a process of its own). */
const sharedDrivers = new Map<string, Promise<RecorderDriver>>();

// Closes them once the file's last test is done. Registered as this module loads, before the test file's own
// hooks: a file-level before() hook runs as it is declared, and an after() registered from one runs at once.
after(async () => {
  for (const opening of sharedDrivers.values()) await (await opening.catch(() => null))?.close();
});

/** The browser this file's sharing tests use for `name` and `opts`, launched by the first of them, closed after the last. */
function sharedDriver(name: BrowserName, opts: DriverOptions): Promise<RecorderDriver> {
  const key = `${name} ${JSON.stringify(opts)}`;
  let opening = sharedDrivers.get(key);
  if (!opening) {
    opening = openDriver(name, opts).then((driver) => restoringConfig(driver).catch(async (error: unknown) => {
      await driver.close();
      throw error;
    }));
    sharedDrivers.set(key, opening);
    opening.catch(() => sharedDrivers.delete(key));
  }
  return opening;
}

/**
 * One test per browser (skipped, saying why, where one cannot run here), each in a browser of its own; or, with
 * `shared`, in the browser the file's other sharing tests with the same options use (a Firefox launch with the
 * extension takes about 3.5 s, Chromium's 1.5 s), tidied after each test (see RecorderDriver.tidy), the config
 * in force at launch put back. Shared only by tests that read only their own task's steps, or that come first in
 * their file (the one that launches the browser: a test reading the whole export or all stored steps says so).
 */
export function testInBothBrowsers(title: string, body: (driver: RecorderDriver) => Promise<void>, opts: DriverOptions = {}, shared = false): void {
  for (const { name, skip } of BROWSERS) {
    test(`${name}: ${title}`, { skip }, async () => {
      const driver = await (shared ? sharedDriver(name, opts) : openDriver(name, opts));
      try {
        await body(driver);
      } finally {
        await (shared ? driver.tidy() : driver.close());
      }
    });
  }
}

/**
 * The harness session of the Chromium browser this file's sharing tests with `opts` use, so a file's plain
 * Chromium tests (written against harness.ts) share it too. Closed with the shared browsers after the file's
 * last test: the session's user must not close it.
 */
export async function sharedChromiumSession(opts: chromium.LaunchOptions = {}): Promise<chromium.Session> {
  const session = (await sharedDriver('chromium', opts)).chromium;
  if (!session) throw new Error('the shared Chromium driver has no harness session');
  return session;
}
