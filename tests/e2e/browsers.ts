// One driver per browser, so a test body is written once and runs in Chromium
// and in Firefox: open a page, start and stop a recording through the popup,
// count a task's stored steps, export through the real download.
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Page } from 'puppeteer-core';
import JSZip from 'jszip';
import * as chromium from './harness';
import { sleep, waitFor } from './harness';
import { exportZipFirefox, firefoxSkip, launchFirefox, startRecordingFirefox, stopRecordingFirefox, type FirefoxOptions } from './firefox-harness';

export type BrowserName = 'chromium' | 'firefox';

export interface RecorderDriver {
  readonly name: BrowserName;
  /** Fixture pages, and the same pages from a second origin (for cross-origin frames). */
  readonly site: string;
  readonly other: string;
  newPage(): Promise<Page>;
  /** Starts recording through the popup with `page` as the tab being worked in; resolves to the task's id. */
  startRecording(page: Page, task: string): Promise<string>;
  stopRecording(page: Page): Promise<void>;
  /** Stored steps of a task, read from the extension's IndexedDB. */
  storedSteps(taskId: string): Promise<number>;
  exportZip(page: Page): Promise<JSZip>;
  /** A page of the extension's own (it can call the extension APIs), without touching the worker. */
  extensionPage(): Promise<Page>;
  /** Opens one of the extension's pages (`review/review.html`) in a new tab, as its links do. */
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** The browsers this machine can run, each with why it is skipped (or false). */
export const BROWSERS: { name: BrowserName; skip: string | false }[] = [
  { name: 'chromium', skip: false },
  { name: 'firefox', skip: firefoxSkip },
];

/** Counts one task's steps in the extension's IndexedDB, from any of the extension's pages. */
function countSteps(extensionPage: Page, taskId: string): Promise<number> {
  return extensionPage.evaluate((id) => new Promise<number>((resolve, reject) => {
    const req = indexedDB.open('alien-dataflow');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const all = req.result.transaction('steps').objectStore('steps').getAll();
      all.onsuccess = () => { req.result.close(); resolve((all.result as { taskId: string }[]).filter((r) => r.taskId === id).length); };
      all.onerror = () => reject(all.error);
    };
  }), taskId);
}

async function chromiumDriver(): Promise<RecorderDriver> {
  const session = await chromium.launch();
  return {
    name: 'chromium', site: session.fixtures.url, other: session.other.url,
    newPage: () => session.browser.newPage(),
    startRecording: async (page, task) => {
      await chromium.startRecording(session.browser, page, task);
      const ext = await chromium.extensionPage(session.browser);
      const taskId = await ext.evaluate(async () => ((await chrome.storage.local.get('recording')).recording as { taskId: string }).taskId);
      await page.bringToFront();
      await sleep(800);
      return taskId;
    },
    stopRecording: async (page) => { await chromium.stopRecording(session.browser, page); },
    storedSteps: async (taskId) => countSteps(await chromium.extensionPage(session.browser), taskId),
    exportZip: (page) => chromium.exportZip(session, page),
    extensionPage: () => chromium.extensionPage(session.browser),
    openExtensionPage: async (path) => {
      const page = await session.browser.newPage();
      await page.goto(`chrome-extension://${await chromium.extensionId(session.browser)}/${path}`);
      return page;
    },
    close: () => session.close(),
  };
}

async function firefoxDriver(opts: FirefoxOptions): Promise<RecorderDriver> {
  const session = await launchFirefox(opts);
  return {
    name: 'firefox', site: session.site.url, other: session.other.url,
    newPage: () => session.browser.newPage(),
    startRecording: async (page, task) => startRecordingFirefox(await session.popup(), page, task),
    stopRecording: async () => stopRecordingFirefox(await session.popup()),
    storedSteps: async (taskId) => countSteps(await session.popup(), taskId),
    exportZip: async () => JSZip.loadAsync(readFileSync(await exportZipFirefox(await session.popup(), session.downloads))),
    extensionPage: () => session.popup(),
    openExtensionPage: async (path) => {
      // Only the extension may open its moz-extension: pages; the popup does, as its own links do.
      const url = await (await session.popup()).evaluate(async (p) => {
        const u = browser.runtime.getURL(p);
        await browser.tabs.create({ url: u, active: true });
        return u;
      }, path);
      // Firefox's BiDi reports extension pages as about:blank: ask each page where it is.
      return waitFor(async () => {
        for (const p of await session.browser.pages()) {
          if (await p.evaluate(() => location.href).catch(() => '') === url) return p;
        }
        return null;
      }, 10_000, 200);
    },
    close: () => session.close(),
  };
}

export function openDriver(name: BrowserName, firefox: FirefoxOptions = {}): Promise<RecorderDriver> {
  return name === 'chromium' ? chromiumDriver() : firefoxDriver(firefox);
}

/** Waits until a task has at least `n` stored steps; says how many it had when it gives up. */
export async function waitForSteps(driver: RecorderDriver, taskId: string, n: number, timeout = 30_000): Promise<void> {
  await waitFor(async () => (await driver.storedSteps(taskId)) >= n, timeout, 250).catch(async (e: unknown) => {
    throw new Error(`${String(e)}: ${await driver.storedSteps(taskId)} of ${n} steps stored in ${driver.name}`);
  });
}

/** One test per browser, each in a browser of its own (skipped, saying why, where one cannot run here). */
export function testInBothBrowsers(title: string, body: (driver: RecorderDriver) => Promise<void>): void {
  for (const { name, skip } of BROWSERS) {
    test(`${name}: ${title}`, { skip }, async () => {
      const driver = await openDriver(name);
      try {
        await body(driver);
      } finally {
        await driver.close();
      }
    });
  }
}
