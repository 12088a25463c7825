// Firefox ESR with the Firefox build (dist/firefox/), through puppeteer's
// WebDriver BiDi. Puppeteer cannot click Firefox's toolbar, so a copy of the
// build gets one test script that opens the popup page in a background tab
// (and counts the background page's starts); the build itself is untouched.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import JSZip from 'jszip';
import { FIREFOX_BUILD } from '../../scripts/build-paths.mjs';
import { endSession, ROOT, recorderStarted, serveFixtures, waitFor, type Session } from './harness';
import { borrowFirefox } from './lent-browser';
import { readStored, type StoredRow } from './extension-store';
import { firefoxProfileCopy } from './firefox-profile';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** Why Firefox tests cannot run here, or false. */
export const firefoxSkip: string | false = !existsSync(FIREFOX) ? `no Firefox at ${FIREFOX} (apt-get install -y firefox-esr, or set FIREFOX_PATH)` : false;

export interface FirefoxSession extends Session {
  /** The extension's popup page, open in a tab: it sees the extension's APIs. */
  popup: () => Promise<Page>;
}

export interface FirefoxOptions {
  /** Suspend the background page after this long without events (Firefox's default is 30 s). */
  idleTimeoutMs?: number;
  /**
   * Adds a test-only content script (in this test copy of the build only) that relays a page's window message
   * to the worker as a content script would, and posts the reply back: BiDi cannot evaluate in a content
   * script's own world, as CDP can in Chromium. The worker sees a content-script sender, as from the recorder.
   */
  contentScriptRelay?: boolean;
  /** A browser of its own, never lent to another file (see harness's LaunchOptions). */
  fresh?: boolean;
}

/** The window message the relay answers, and the one it answers with. */
export const RELAY_ASK = 'alien-dataflow-test:relay';
export const RELAY_REPLY = 'alien-dataflow-test:relay-reply';

/** A Firefox with the test copy of the extension installed, before any fixture is served (see startChromium). */
export interface StartedFirefox {
  browser: Browser;
  downloads: string;
  /** The copy of the build and the profile (under one folder), and the downloads folder. */
  folders: string[];
}

export async function startFirefox(opts: FirefoxOptions = {}): Promise<StartedFirefox> {
  const build = join(ROOT, FIREFOX_BUILD);
  if (!existsSync(join(build, 'manifest.json'))) throw new Error(`${FIREFOX_BUILD}/ is missing: run npm run build first`);
  const root = mkdtempSync(join(tmpdir(), 'adf-firefox-'));
  const copy = join(root, 'extension');
  cpSync(build, copy, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as { background: { scripts: string[] } };
  // The script runs again each time the background page wakes: it opens the tab once, in the background.
  writeFileSync(join(copy, 'test-open-popup.js'), `browser.storage.local.get('testOpened').then((s) => {
  if (s.testOpened) return;
  browser.storage.local.set({ testOpened: true });
  browser.tabs.create({ url: browser.runtime.getURL('popup/popup.html'), active: false });
});
// Counted synchronously: an unloading page gets no time for storage.local's round trip.
localStorage.setItem('testStarts', String(Number(localStorage.getItem('testStarts') ?? 0) + 1));
// And each suspension, as Firefox announces it, so a test waits for one instead of for the idle timeout's clock.
browser.runtime.onSuspend.addListener(() => localStorage.setItem('testSuspends', String(Number(localStorage.getItem('testSuspends') ?? 0) + 1)));
`);
  manifest.background.scripts.unshift('test-open-popup.js');
  if (opts.contentScriptRelay) {
    writeFileSync(join(copy, 'test-relay.js'), `window.addEventListener('message', (e) => {
  if (e.source !== window || !e.data || e.data.type !== '${RELAY_ASK}') return;
  browser.runtime.sendMessage(e.data.message)
    .then((r) => JSON.stringify(r === undefined ? null : r), (err) => 'error: ' + err.message)
    .then((reply) => window.postMessage({ type: '${RELAY_REPLY}', id: e.data.id, reply }, '*'));
});
`);
    (manifest as unknown as { content_scripts: { matches: string[]; js: string[]; run_at?: string }[] }).content_scripts
      .push({ matches: ['http://127.0.0.1/*'], js: ['test-relay.js'], run_at: 'document_start' });
  }
  writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest));
  const downloads = mkdtempSync(join(tmpdir(), 'adf-firefox-downloads-'));
  const profile = firefoxProfileCopy(root);
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, dumpio: process.env.DUMPIO === '1',
    ...(profile ? { userDataDir: profile } : {}),
    // Downloads go to `downloads` without a dialog, as the user's default download folder would take them.
    extraPrefsFirefox: {
      ...(opts.idleTimeoutMs ? { 'extensions.background.idle.timeout': opts.idleTimeoutMs } : {}),
      'browser.download.folderList': 2, 'browser.download.dir': downloads, 'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      // DUMPIO=1: the extension's console (background page included) goes to the test's output too.
      ...(process.env.DUMPIO === '1' ? { 'devtools.console.stdout.content': true, 'devtools.console.stdout.chrome': true } : {}),
    },
  });
  await browser.installExtension(copy);
  return { browser, downloads, folders: [root, downloads] };
}

/** The extension's popup page, open in a background tab of `browser` (opened by the test script above). */
export function extensionPopup(browser: Browser): Promise<Page> {
  return waitFor(async () => {
    for (const p of await browser.pages()) {
      // In the page, `browser` is the WebExtension API.
      if (await p.evaluate(() => typeof (globalThis as { browser?: { runtime?: { id?: string } } }).browser?.runtime?.id === 'string').catch(() => false)) return p;
    }
    return null;
  }, 20_000, 250).catch(async (error: unknown) => {
    // Seen twice in many runs, never reproduced alone (75 launches, three at once): no page answered as the
    // extension's. Say what the pages were, and what each answered, for the next time.
    const pages = await Promise.all((await browser.pages()).map(async (p) => `${p.url()} (${await p.evaluate(() => typeof (globalThis as { browser?: unknown }).browser).catch((e: unknown) => String(e).slice(0, 80))})`));
    throw new Error(`${String(error)}: no page of the extension's answered; pages: ${pages.join(', ') || 'none'}`);
  });
}

/** A Firefox session: lent by the run's browser pool with default options (see harness's launch), or launched. */
export async function launchFirefox(opts: FirefoxOptions = {}): Promise<FirefoxSession> {
  const lent = opts.idleTimeoutMs || opts.contentScriptRelay || opts.fresh ? null : await borrowFirefox();
  if (lent) return lent;
  const { browser, downloads, folders } = await startFirefox(opts);
  const [site, other] = await serveFixtures();
  return {
    browser, downloads, site, other, popup: () => extensionPopup(browser),
    close: () => endSession(browser, [site, other], folders),
  };
}

/**
 * Starts recording `task` from the popup page and returns the task's id. The popup tab stays in the background
 * (its controls are used from script, as its own handlers see them), so `page` stays the active tab, as it
 * does under a real toolbar popup, and no tab switch is recorded.
 */
export async function startRecordingFirefox(popup: Page, page: Page, task: string): Promise<string> {
  await page.bringToFront();
  await popupShows(popup, 'the status "Not recording"', () => document.querySelector('#status')?.textContent === 'Not recording');
  await popup.evaluate((text) => {
    const field = document.querySelector<HTMLInputElement>('#task')!;
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }, task);
  await pressInPopup(popup, 'Start recording');
  await popupShows(popup, 'the status "Recording"', () => !!document.querySelector('#status')?.textContent?.startsWith('Recording'));
  const taskId = await popup.evaluate(async () => ((await browser.storage.local.get('recording')).recording as { taskId: string }).taskId);
  await recorderStarted(popup, page);
  return taskId;
}

/**
 * Waits until the popup page shows what `shown` checks. Checked on each change to the page, not on animation
 * frames, which Firefox slows to one a second in a background tab; a wait that fails says what the popup showed.
 */
async function popupShows(popup: Page, what: string, shown: (arg: string) => boolean, arg = ''): Promise<void> {
  const timeout = 30_000;
  try {
    await popup.waitForFunction(shown, { polling: 'mutation', timeout }, arg);
  } catch (error) {
    const seen = await popup.evaluate(() => ({
      status: document.querySelector('#status')?.textContent,
      alerts: [...document.querySelectorAll('[role="alert"]')].map((a) => a.textContent),
      buttons: [...document.querySelectorAll('button')].map((b) => `${b.textContent}${b.disabled ? ' (disabled)' : ''}`),
    })).catch((e: unknown) => `unreadable: ${String(e)}`);
    throw new Error(`the popup did not show ${what} within ${timeout} ms; it showed ${JSON.stringify(seen)}`, { cause: error });
  }
}

/** Presses a popup button by its name, from script (the popup tab stays in the background). */
async function pressInPopup(popup: Page, name: string): Promise<void> {
  await popupShows(popup, `the button "${name}" enabled`, (n) => [...document.querySelectorAll('button')].some((b) => b.textContent === n && !b.disabled), name);
  await popup.evaluate((n) => [...document.querySelectorAll('button')].find((b) => b.textContent === n)!.click(), name);
}

export async function stopRecordingFirefox(popup: Page): Promise<void> {
  await pressInPopup(popup, 'Stop recording');
  await popupShows(popup, 'a status other than "Recording"', () => !document.querySelector('#status')?.textContent?.startsWith('Recording'));
}

/** Presses Export on the popup page (left in the background); resolves to the path of the new zip in the downloads folder. */
export async function exportZipFirefox(popup: Page, downloads: string, afterPress?: () => Promise<void>): Promise<string> {
  const before = new Set(readdirSync(downloads));
  await pressInPopup(popup, 'Export');
  await afterPress?.();
  // The export first waits for steps still being scrubbed: under a full test run's load, with the background page
  // suspended between a slow person's actions, that backlog can take over a minute. A hang guard, not a time check.
  const zip = await waitFor(() => readdirSync(downloads).find((f) => !before.has(f) && /^alien-dataflow-.*\.zip$/.test(f)), 180_000, 250).catch(async (e: unknown) => {
    // The export's own line (waiting for steps, running, or nothing heard since Export was pressed) and the buttons.
    const seen = await popup.evaluate(() => `${document.querySelector('#status')?.textContent ?? ''} ${[...document.querySelectorAll('[role="alert"], progress + p')].map((n) => n.textContent).join(' | ')} [${[...document.querySelectorAll('button')].map((b) => `${b.textContent}${b.disabled ? ' (disabled)' : ''}`).join(', ')}]`).catch(() => 'unreadable');
    throw new Error(`${String(e)}: no export zip in ${downloads}; the popup showed: ${seen}`);
  });
  // Firefox names the file before its last bytes are written: done once it reads as a whole zip (its directory
  // is its last bytes).
  const path = join(downloads, zip);
  await waitFor(() => JSZip.loadAsync(readFileSync(path)).then(() => true, () => false), 10_000, 50);
  return path;
}

/** How many times the background page has started (a start after the first is a wake from suspension). */
export function backgroundStarts(extensionPage: Page): Promise<number> {
  // Extension pages share the background page's origin, so its localStorage.
  return extensionPage.evaluate(() => Number(localStorage.getItem('testStarts') ?? 0));
}

/** How many times Firefox has announced it is suspending the background page (runtime.onSuspend). */
export function backgroundSuspends(extensionPage: Page): Promise<number> {
  return extensionPage.evaluate(() => Number(localStorage.getItem('testSuspends') ?? 0));
}

/** Waits until the background page has been suspended once more than `after` times (Firefox's idle timeout, under any load). */
export async function waitForSuspension(extensionPage: Page, after: number): Promise<void> {
  await waitFor(async () => (await backgroundSuspends(extensionPage)) > after, 60_000, 100).catch(async (e: unknown) => {
    throw new Error(`${String(e)}: the background page was not suspended (suspensions ${await backgroundSuspends(extensionPage)}, starts ${await backgroundStarts(extensionPage)})`);
  });
}

export type { StoredRow } from './extension-store';

/** Steps and image records in the extension's IndexedDB, read from an extension page. */
export async function storedRows(extensionPage: Page): Promise<{ steps: StoredRow[]; images: number }> {
  const { rows, images } = await readStored(extensionPage, null, { rows: true });
  return { steps: rows, images };
}
