// Shared e2e harness: real headless Chromium with the built extension,
// fixture pages on 127.0.0.1, the real popup, real downloads.
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page, type WebWorker } from 'puppeteer-core';
import { dumpStorage, readStored, recorderReported, recordingTaskId } from './extension-store';
import JSZip from 'jszip';
import type { ActionJson, Step } from '../../src/core/schema';
import { findChrome, INSTALL_HINT } from '../../scripts/find-chrome.mjs';
import { serveStatic } from '../../scripts/fixture-server.mjs';
import { CHROME_BUILD } from '../../scripts/build-paths.mjs';
import { borrowChromium } from './lent-browser';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DIST = join(ROOT, CHROME_BUILD);
export const FIXTURES = join(ROOT, 'tests/fixtures');

/** A static server of the fixtures: its origin, and how to stop it. */
export interface Served { url: string; close: () => Promise<unknown> }

/** What a launched browser with the extension gives a test, in either engine (firefox-harness adds its popup). */
export interface Session {
  browser: Browser;
  /** Where the browser saves the extension's downloads, with no prompt. */
  downloads: string;
  /** The fixture pages, and the same files from a second origin (for cross-origin frames). */
  site: Served;
  other: Served;
  close: () => Promise<void>;
}

export interface LaunchOptions {
  /** Do not attach to the service worker: needed where a test stops and restarts it (see tests/e2e/worker-restart). */
  detachWorker?: boolean;
  /** A browser of its own, never lent to another file: for a test that watches the extension's first loads. */
  fresh?: boolean;
}

/** Closes a session's browser, then its fixture servers, and removes its folders (profile, downloads). */
export async function endSession(browser: Browser, servers: Served[], folders: string[]): Promise<void> {
  await browser.close().catch(() => undefined);
  for (const server of servers) await server.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
}

/** A Chromium with the extension loaded, before any fixture is served: what launch() and the browser pool start. */
export interface StartedChromium {
  browser: Browser;
  downloads: string;
  /** The profile and downloads folders, removed when the browser is done with. */
  folders: string[];
}

/**
 * Starts Chromium with the extension. `listen`: on a DevTools port as well, for test files to connect to over
 * `browser.wsEndpoint()` (the browser pool, tests/e2e/browser-pool); the extension is then loaded once the
 * browser is up, which puppeteer allows only so (enableExtensions with paths wants the pipe alone).
 */
export async function startChromium(opts: LaunchOptions & { listen?: boolean } = {}): Promise<StartedChromium> {
  const executablePath = findChrome();
  if (!executablePath) throw new Error(INSTALL_HINT);
  if (!existsSync(join(DIST, 'manifest.json'))) throw new Error(`${CHROME_BUILD}/ is missing: run npm run build first`);
  const profile = mkdtempSync(join(tmpdir(), 'adf-profile-'));
  const downloads = mkdtempSync(join(tmpdir(), 'adf-downloads-'));
  // Downloads land in `downloads` under the name the extension chose, with no prompt.
  mkdirSync(join(profile, 'Default'), { recursive: true });
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({
    download: { default_directory: downloads, prompt_for_download: false, directory_upgrade: true },
  }));
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    pipe: !opts.listen,
    dumpio: process.env.DUMPIO === '1',
    ...(opts.detachWorker ? { targetFilter: notTheWorker } : {}),
    enableExtensions: opts.listen ? true : [DIST],
    userDataDir: profile,
    defaultViewport: CHROMIUM_VIEWPORT,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync', '--disable-background-networking',
      '--disable-component-update', '--window-size=1280,900', ...(opts.listen ? ['--remote-debugging-port=0'] : [])],
  });
  if (opts.listen) await browser.installExtension(DIST);
  // Opened first, so test pages opened later are the active tabs (what gets captured).
  await extensionPage(browser);
  return { browser, downloads, folders: [profile, downloads] };
}

/** Leaves the extension's service worker unattached (LaunchOptions.detachWorker), launched or connected to. */
export const notTheWorker = (t: { type: () => string }): boolean => t.type() !== 'service_worker';

/** The viewport of every test page in Chromium, launched or connected to. */
export const CHROMIUM_VIEWPORT = { width: 1280, height: 800 };

/** The two fixture servers a session's pages come from (the second for cross-origin frames). */
export async function serveFixtures(): Promise<[Served, Served]> {
  return [await serveStatic(FIXTURES), await serveStatic(FIXTURES)];
}

/**
 * A browser with the extension and the fixture pages served, closed by the session's close(). In a run of
 * scripts/e2e.mjs the browser is lent by the run's pool (tests/e2e/browser-pool), unless `fresh`, and its close()
 * readies it for the next file and gives it back; otherwise it is launched for this session alone.
 */
export async function launch(opts: LaunchOptions = {}): Promise<Session> {
  const lent = opts.fresh ? null : await borrowChromium(opts);
  if (lent) return lent;
  const { browser, downloads, folders } = await startChromium(opts);
  const [site, other] = await serveFixtures();
  return {
    browser, downloads, site, other,
    close: () => endSession(browser, [site, other], folders),
  };
}

export async function extensionId(browser: Browser): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const exts = await browser.extensions();
    for (const [id, ext] of exts) if (ext.name.startsWith('ALIEN Dataflow')) return id;
    await sleep(100);
  }
  throw new Error('extension not loaded');
}

export async function serviceWorker(browser: Browser): Promise<WebWorker> {
  const id = await extensionId(browser);
  const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${id}/`));
  const worker = await target.worker();
  if (!worker) throw new Error('no service worker');
  return worker;
}

/** Open the real popup as a click on the toolbar icon would, with `page` as the active tab. */
export async function openPopup(browser: Browser, page: Page): Promise<Page> {
  const id = await extensionId(browser);
  const ext = (await browser.extensions()).get(id)!;
  await page.bringToFront();
  const popupTarget = browser.waitForTarget((t) => t.url() === `chrome-extension://${id}/popup/popup.html`, { timeout: 10_000 });
  await page.triggerExtensionAction(ext);
  const popup = await (await popupTarget).asPage();
  // Ready once the worker has said whether a recording is on (until then the buttons are disabled).
  await popup.waitForFunction(() => { const s = document.querySelector('#status')?.textContent; return !!s && s !== 'Checking…'; }, { timeout: 20_000 });
  return popup;
}

export async function clickButton(page: Page, name: string): Promise<void> {
  const button = await page.waitForSelector(`::-p-aria([name="${name}"][role="button"])`, { timeout: 5000 });
  await button!.click();
}

/** Start a recording through the popup and close it, as a person would. */
export async function startRecording(browser: Browser, page: Page, task: string): Promise<void> {
  const popup = await openPopup(browser, page);
  const field = await popup.waitForSelector('::-p-aria([name="Task"][role="textbox"])');
  await field!.type(task);
  await clickButton(popup, 'Start recording');
  await popup.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('Recording'));
  await popup.close();
  await page.bringToFront();
}

export async function stopRecording(browser: Browser, page: Page): Promise<string> {
  const popup = await openPopup(browser, page);
  const status = await popup.$eval('#status', (el) => el.textContent ?? '');
  await clickButton(popup, 'Stop recording');
  await popup.waitForFunction(() => document.querySelector('#status')?.textContent === 'Not recording');
  await popup.close();
  return status;
}

/** Press Export in the popup and wait for the zip in the downloads folder. */
export async function exportZip(session: Session, page: Page): Promise<JSZip> {
  return JSZip.loadAsync(readFileSync(await exportZipFile(session, page)));
}

/** Export through the popup; resolves to the path of the new zip in the downloads folder. */
export async function exportZipFile(session: Session, page: Page, afterPress?: () => Promise<void>): Promise<string> {
  const popup = await openPopup(session.browser, page);
  const file = await pressExportFile(session, popup, afterPress);
  await popup.close().catch(() => undefined);
  return file;
}

/** Press Export in an open popup and wait for the new zip in the downloads folder. */
export async function pressExport(session: Session, popup: Page): Promise<JSZip> {
  return JSZip.loadAsync(readFileSync(await pressExportFile(session, popup)));
}

async function pressExportFile(session: Session, popup: Page, afterPress?: () => Promise<void>): Promise<string> {
  const before = new Set(readdirSync(session.downloads));
  await clickButton(popup, 'Export');
  await afterPress?.();
  const file = await waitFor(() => readdirSync(session.downloads).find((f) => !before.has(f) && /^alien-dataflow-.*\.zip$/.test(f)), 60_000);
  return join(session.downloads, file);
}

export async function waitFor<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeout = 10_000, every = 100): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms`);
    await sleep(every);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Waits until the recorder in `page` has started after Start: its first settle report is filed (see
 * extension-store's recorderReported), about 100 ms after the page sees the flag. `since`: a report from then on
 * (a page reloaded since; Start clears older reports). Tests paused by the clock here before (800 ms after Start):
 * that pause stays the ceiling, reached only by a page the recorder leaves alone on purpose (an excluded site, a
 * browser page) or whose report is lost (its worker stopping), where the wait then is what it was.
 */
export async function recorderStarted(extensionPage: Page, page: Page, opts: { since?: number; ceiling?: number } = {}): Promise<void> {
  const url = page.url();
  await waitFor(() => recorderReported(extensionPage, url, opts.since ?? 0), opts.ceiling ?? 800, 25).catch(() => undefined);
}

/** recorderStarted, read from `browser`'s extension page. */
export async function recorderStartedIn(browser: Browser, page: Page): Promise<void> {
  await recorderStarted(await extensionPage(browser), page);
}

/** An extension page (options) kept open to read IndexedDB and storage without touching the worker. */
export async function extensionPage(browser: Browser): Promise<Page> {
  const id = await extensionId(browser);
  const url = `chrome-extension://${id}/options/options.html`;
  const open = (await browser.pages()).find((p) => p.url() === url);
  if (open) return open;
  const page = await browser.newPage();
  await page.goto(url);
  return page;
}

/** Steps stored for the current recording (-1 when none is), read from the extension's IndexedDB. */
export async function storedStepCount(browser: Browser, activePage?: Page): Promise<number> {
  const page = await extensionPage(browser);
  const taskId = await recordingTaskId(page);
  const count = taskId === null ? -1 : (await readStored(page, taskId)).steps;
  if (activePage) await activePage.bringToFront();
  return count;
}

/** Everything the extension stores (IndexedDB steps, tasks and pending steps, and storage.local), for leak checks. */
export async function dumpIndexedDb(browser: Browser): Promise<string> {
  return dumpStorage(await extensionPage(browser));
}

export { dumpStorage } from './extension-store';

/** Stop the extension's service worker as the browser does when it is idle (needs launch({ detachWorker: true })). */
export async function stopServiceWorker(browser: Browser): Promise<void> {
  const stopper = await workerStopper(browser);
  await stopper.stop();
  await stopper.close();
}

/**
 * A DevTools handle that stops the extension's worker on demand, with no set-up on each call, so a test can
 * stop it at a precise moment (a page loading) and as often as it likes. Needs launch({ detachWorker: true }).
 */
export async function workerStopper(browser: Browser): Promise<{ stop: () => Promise<boolean>; close: () => Promise<void> }> {
  const id = await extensionId(browser);
  const page = await extensionPage(browser);
  const cdp = await page.createCDPSession();
  let versionId: string | null = null;
  const status = new Map<string, string>();
  const changed = new Set<() => void>();
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions) {
      if (!v.scriptURL.includes(id)) continue;
      versionId ??= v.versionId;
      status.set(v.versionId, v.runningStatus);
    }
    changed.forEach((f) => f());
  });
  await cdp.send('ServiceWorker.enable');
  const until = (ok: () => boolean, ms: number): Promise<void> => new Promise((resolve) => {
    if (ok()) return resolve();
    const check = (): void => { if (ok()) done(); };
    const done = (): void => { changed.delete(check); clearTimeout(timer); resolve(); };
    const timer = setTimeout(done, ms);
    changed.add(check);
  });
  await until(() => versionId !== null, 3000);
  return {
    stop: async () => {
      if (versionId === null) return false;
      const v = versionId;
      await cdp.send('ServiceWorker.stopWorker', { versionId: v });
      await until(() => status.get(v) === 'stopped', 5000);
      return status.get(v) === 'stopped';
    },
    close: async () => {
      await cdp.send('ServiceWorker.disable').catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };
}

/**
 * A trajectory.jsonl line as read back: the schema's `Step` (not core/stored-step's ExportedStep, which wraps one),
 * its action with any type's fields, as the shipped JSON Schema allows.
 */
export type ExportedStep = Omit<Step, 'action'> & { action: ActionJson };

export async function trajectory(zip: JSZip): Promise<ExportedStep[]> {
  const text = await zip.file('trajectory.jsonl')!.async('string');
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as ExportedStep);
}

