// The Firefox build (dist-firefox/) in Debian's firefox-esr, through
// puppeteer's WebDriver BiDi: recording starts from the popup page, clicks and
// typing on the demo shop become stored steps with element ids, screenshots
// made by the image-work page (an iframe of the background page, where Chrome
// has its offscreen document) and scrubbed text. Puppeteer cannot click
// Firefox's toolbar, so the test's own copy of the build opens the popup page
// in a tab; the build itself is untouched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { serveStatic } from '../../scripts/fixture-server.mjs';
import JSZip from 'jszip';
import * as chrome from './harness';
import { ROOT, FIXTURES, sleep, waitFor, type ExportedStep } from './harness';
import { createOcrReader, cropPng, type OcrReader } from './ocr-reader';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const skip = !existsSync(FIREFOX) ? `no Firefox at ${FIREFOX} (apt-get install -y firefox-esr, or set FIREFOX_PATH)` : false;

let firefox: Browser;
let downloads: string;
let site: { url: string; close: () => Promise<unknown> };
/** The same files from a second origin (localhost), for a cross-origin frame. */
let other: { url: string; close: () => Promise<unknown> };
let ocr: OcrReader;
before(async () => {
  if (skip) return;
  const build = join(ROOT, 'dist-firefox');
  if (!existsSync(join(build, 'manifest.json'))) throw new Error('dist-firefox/ is missing: run npm run build first');
  const copy = join(mkdtempSync(join(tmpdir(), 'adf-firefox-')), 'extension');
  cpSync(build, copy, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as { background: { scripts: string[] } };
  // Test scaffolding in the copy only: open the popup page, and note each time Firefox suspends the background page.
  // The script runs again each time the page wakes: it opens the tab once, in the background.
  writeFileSync(join(copy, 'test-open-popup.js'), `browser.storage.local.get('testOpened').then((s) => {
  if (s.testOpened) return;
  browser.storage.local.set({ testOpened: true });
  browser.tabs.create({ url: browser.runtime.getURL('popup/popup.html'), active: false });
});
browser.runtime.onSuspend.addListener(() => { browser.storage.local.get('testSuspends').then((s) => browser.storage.local.set({ testSuspends: (s.testSuspends ?? 0) + 1 })); });
`);
  manifest.background.scripts.unshift('test-open-popup.js');
  writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest));
  site = await serveStatic(FIXTURES);
  other = await serveStatic(FIXTURES);
  ocr = await createOcrReader();
  downloads = mkdtempSync(join(tmpdir(), 'adf-firefox-downloads-'));
  firefox = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true,
    // Downloads go to `downloads` without a dialog, as the user's default download folder would take them.
    // The background page is suspended after 3 s without events (Firefox's default is 30 s), so a recording at a
    // person's pace crosses suspensions.
    extraPrefsFirefox: { 'extensions.background.idle.timeout': 3000, 'browser.download.folderList': 2, 'browser.download.dir': downloads, 'browser.download.useDownloadDir': true, 'browser.download.always_ask_before_handling_new_types': false },
  });
  await firefox.installExtension(copy);
});
after(async () => {
  await firefox?.close();
  await site?.close();
  await other?.close();
  await ocr?.close();
});

/** The popup page the test copy opened: the tab whose script sees the extension's APIs. */
async function popupPage(): Promise<Page> {
  return waitFor(async () => {
    for (const p of await firefox.pages()) {
      // In the page, `browser` is the WebExtension API.
      if (await p.evaluate(() => typeof (globalThis as { browser?: { runtime?: { id?: string } } }).browser?.runtime?.id === 'string').catch(() => false)) return p;
    }
    return null;
  }, 20_000, 250);
}

interface StoredRow { taskId: string; step: { action: { type: string; text?: string }; observation: { screenshot_path: string | null; dom_tree: string; screenshot_note?: string }; target: { element_id: number } | null } }

/** Steps and image records in the extension's IndexedDB, read from the popup page. */
async function stored(popup: Page): Promise<{ steps: StoredRow[]; images: number }> {
  return popup.evaluate(() => new Promise<{ steps: StoredRow[]; images: number }>((resolve, reject) => {
    const req = indexedDB.open('alien-dataflow');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const tx = req.result.transaction(['steps', 'images']);
      const steps = tx.objectStore('steps').getAll();
      const images = tx.objectStore('images').count();
      tx.oncomplete = () => resolve({ steps: steps.result as StoredRow[], images: images.result });
    };
  }));
}

/** Starts recording `task` from the popup page, brings `page` back to the front, and returns the task's id. */
async function startRecording(popup: Page, page: Page, task: string): Promise<string> {
  await popup.bringToFront();
  const field = '::-p-aria([name="Task"][role="textbox"])';
  await popup.waitForSelector(field);
  await popup.waitForFunction(() => document.querySelector('#status')?.textContent === 'Not recording');
  await popup.$eval(field, (el) => { (el as HTMLInputElement).value = ''; });
  await popup.type(field, task);
  await popup.click('::-p-aria([name="Start recording"][role="button"])');
  await popup.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('Recording'));
  const taskId = await popup.evaluate(async () => ((await browser.storage.local.get('recording')).recording as { taskId: string }).taskId);
  await page.bringToFront();
  await sleep(800);
  return taskId;
}

async function stopRecording(popup: Page): Promise<void> {
  await popup.bringToFront();
  await popup.click('::-p-aria([name="Stop recording"][role="button"])');
  await popup.waitForFunction(() => !document.querySelector('#status')?.textContent?.startsWith('Recording'));
}

/** The stored steps of one task, once there are at least `n`. */
async function taskSteps(popup: Page, taskId: string, n: number): Promise<StoredRow[]> {
  return waitFor(async () => {
    const rows = (await stored(popup)).steps.filter((r) => r.taskId === taskId);
    return rows.length >= n ? rows : null;
  }, 30_000, 500);
}

/** Presses Export on the popup page; resolves to the new zip in the downloads folder. */
async function exportZip(popup: Page): Promise<string> {
  const before = new Set(readdirSync(downloads));
  await popup.bringToFront();
  await popup.click('::-p-aria([name="Export"][role="button"])');
  const zip = await waitFor(() => readdirSync(downloads).find((f) => !before.has(f) && /^alien-dataflow-.*\.zip$/.test(f)), 60_000, 250);
  await sleep(500);
  return join(downloads, zip);
}

test('Firefox: a recording started from the popup page stores scrubbed steps with ids and screenshots, and exports a valid zip', { skip }, async () => {
  const popup = await popupPage();
  const page = await firefox.newPage();
  await page.goto(`${site.url}/demo/index.html`);
  const taskId = await startRecording(popup, page, 'Search for a cable and add it to the cart');
  await page.click('#q');
  await page.keyboard.type('cable for jane.doe@example.com');
  await page.click('#go');
  await sleep(600);
  await page.click('main button');
  // Three clicks and the typing (the visit to the popup tab before them is a tab_switch step).
  const done = await waitFor(async () => {
    const steps = (await stored(popup)).steps.filter((r) => r.taskId === taskId);
    return steps.filter((r) => r.step.action.type === 'click').length >= 3 ? { steps } : null;
  }, 30_000, 500);
  await stopRecording(popup);

  const types = done.steps.map((r) => r.step.action.type);
  assert.ok(types.includes('type') && types.filter((t) => t === 'click').length >= 2, `clicks and typing recorded: ${types.join(', ')}`);
  for (const { step } of done.steps.filter((r) => r.step.action.type !== 'tab_switch')) {
    assert.ok(step.observation.screenshot_path, `a screenshot for every step (${step.observation.screenshot_note ?? ''})`);
    assert.match(step.observation.dom_tree, /<html id="1"/, 'the dom_tree has element ids');
    if (step.target) assert.match(step.observation.dom_tree, new RegExp(` id="${step.target.element_id}"`), 'the target is in its dom_tree');
  }
  const typed = done.steps.find((r) => r.step.action.type === 'type')!.step.action.text!;
  assert.ok(typed.includes('<REDACTED>') && !typed.includes('jane.doe'), `the address typed is scrubbed before storage: ${typed}`);
  assert.ok(!JSON.stringify(done.steps).includes('jane.doe@example.com'), 'no raw address anywhere in the stored steps');

  // Export: the zip is a download, and the CLI accepts it.
  const zip = await exportZip(popup);
  const report = execFileSync(process.execPath, [join(ROOT, 'bin/alien-dataflow.mjs'), 'validate', zip], { encoding: 'utf8' });
  assert.match(report, /^OK/);
  await page.close();
});

test('Firefox: a recording at a person\'s pace loses no step while the background page is suspended and woken', { skip }, async () => {
  const popup = await popupPage();
  const page = await firefox.newPage();
  await page.goto(`${site.url}/demo/index.html`);
  const taskId = await startRecording(popup, page, 'Add three things slowly');
  const suspends = async (): Promise<number> => popup.evaluate(async () => ((await browser.storage.local.get('testSuspends')).testSuspends as number | undefined) ?? 0);
  const start = await suspends();
  const buttons = await page.$$('main button');
  for (const b of buttons.slice(0, 3)) {
    await b.click();
    // Longer than the idle timeout: the background page is suspended between actions.
    await sleep(5000);
  }
  const mine = await taskSteps(popup, taskId, 3);
  assert.ok(await suspends() > start, 'Firefox suspended the background page during the recording');
  assert.equal(mine.filter((r) => r.step.action.type === 'click').length, 3, `every click is a stored step: ${mine.map((r) => r.step.action.type).join(', ')}`);
  for (const { step } of mine.filter((r) => r.step.action.type === 'click')) assert.ok(step.observation.screenshot_path, `a screenshot for every click (${mine.map((r) => `${r.step.action.type}: ${r.step.observation.screenshot_note ?? 'ok'}`).join('; ')})`);
  await stopRecording(popup);
  await page.close();
});

test('Firefox: text in a canvas, an image, a background, SVG and a cross-origin frame is unreadable in every exported frame', { skip }, async () => {
  const secrets = ['5500 0000 0000 0004', 'ops-lead@example-corp.net', '+1 415 555 2671', 'kim.sato@example-bank.org', 'lee.park@example-club.org', 'payments.team@example-mail.com', '4111 1111 1111 1111'];
  const squash = (t: string): string => t.toLowerCase().replace(/[^a-z0-9@]/g, '');
  const popup = await popupPage();
  const page = await firefox.newPage();
  await page.setViewport({ width: 1100, height: 800 });
  const frameUrl = `${other.url.replace('127.0.0.1', 'localhost')}/privacy/pay-frame.html`;
  await page.goto(`${site.url}/privacy/media.html?frame=${encodeURIComponent(frameUrl)}`);
  await waitFor(() => page.frames().find((f) => f.url().startsWith(frameUrl)));
  await sleep(500);
  const taskId = await startRecording(popup, page, 'Pay for the order');
  for (let i = 1; i <= 4; i++) {
    await page.click(`#step-${i}`);
    await taskSteps(popup, taskId, i);
    await page.bringToFront();
    await sleep(700);
  }
  const areas = await page.evaluate(() => ['canvas', 'img', 'banner', 'chart', 'closed', 'pay'].map((id) => {
    const r = document.getElementById(id)!.getBoundingClientRect();
    return { id, x: r.x, y: r.y, width: r.width, height: r.height };
  }));
  await stopRecording(popup);
  const zip = await JSZip.loadAsync(readFileSync(await exportZip(popup)));
  const steps = (await zip.file('trajectory.jsonl')!.async('string')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as ExportedStep).filter((x) => x.task_id === taskId);
  // The popup is a tab here: going to it and back is a tab_switch step each time, beside the four clicks.
  const clicks = steps.filter((x) => x.action.type === 'click');
  assert.equal(clicks.length, 4, steps.map((x) => x.action.type).join(', '));
  for (const x of clicks) assert.ok(x.observation.screenshot_path, `step ${x.step_id} has a screenshot`);
  for (const x of steps.filter((y) => y.observation.screenshot_path)) {
    const png = await zip.file(x.observation.screenshot_path!)!.async('uint8array');
    const texts = [await ocr.read(png, 2)];
    for (const area of areas) texts.push(await ocr.read(cropPng(png, area), 3));
    const leaked = secrets.filter((secret) => squash(texts.join(' ')).includes(squash(secret)));
    assert.deepEqual(leaked, [], `step ${x.step_id}: OCR reads ${leaked.join(', ')}`);
    if (x.action.type === 'click') assert.match(texts[0]!, /Checkout/, `step ${x.step_id}: DOM text stays readable`);
  }
  await page.close();
});

test('Firefox and Chrome record the same actions on the same page as the same steps: DOM, ids, targets and scrubbing', { skip }, async () => {
  const task = 'Search for a cable, then add it';
  /** What a person does, in either browser. */
  const act = async (page: Page): Promise<void> => {
    await page.click('#q');
    await page.keyboard.type('usb cable for jane.doe@example.com');
    await page.click('#go');
    await sleep(600);
    await page.click('main button');
  };
  // Boxes depend on each browser's fonts; everything else must match.
  const comparable = (steps: ExportedStep[]): unknown[] => steps.filter((x) => x.action.type !== 'tab_switch').map((x) => ({
    action: { ...x.action, coordinates: null }, target: x.target && { ...x.target, bbox: null },
    dom: x.observation.dom_tree.replace(/ bbox="[^"]*"/g, ''), title: x.observation.active_window, screenshot: !!x.observation.screenshot_path,
  }));

  const popup = await popupPage();
  const page = await firefox.newPage();
  await page.setViewport({ width: 1000, height: 700 });
  await page.goto(`${site.url}/demo/index.html`);
  const taskId = await startRecording(popup, page, task);
  await act(page);
  await taskSteps(popup, taskId, 3);
  await sleep(1000);
  await stopRecording(popup);
  const ffZip = await JSZip.loadAsync(readFileSync(await exportZip(popup)));
  const inFirefox = (await chrome.trajectory(ffZip)).filter((x) => x.task_id === taskId);
  await page.close();

  const session = await chrome.launch();
  try {
    const cpage = await session.browser.newPage();
    await cpage.setViewport({ width: 1000, height: 700 });
    await cpage.goto(`${session.fixtures.url}/demo/index.html`);
    await chrome.startRecording(session.browser, cpage, task);
    await sleep(700);
    await act(cpage);
    await waitFor(async () => (await chrome.storedStepCount(session.browser, cpage)) >= 3, 30_000);
    await sleep(1000);
    await chrome.stopRecording(session.browser, cpage);
    const inChrome = await chrome.trajectory(await chrome.exportZip(session, cpage));
    // The pages come from two servers (ports differ): compare addresses without them.
    const portless = (v: unknown): unknown => JSON.parse(JSON.stringify(v).replace(/127\.0\.0\.1:\d+/g, 'host'));
    assert.deepEqual(portless(comparable(inFirefox)), portless(comparable(inChrome)));
    assert.ok(JSON.stringify(inFirefox).includes('<REDACTED>') && !JSON.stringify(inFirefox).includes('jane.doe'), 'the address is scrubbed in both');
  } finally {
    await session.close();
  }
});
