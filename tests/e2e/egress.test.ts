// Nothing leaves the machine. The extension's pages, its worker and its
// image-work page may load only the extension's own files, data: and blob:
// URLs (the manifest's CSP says so), and a whole recording, with OCR and an
// export, is watched request by request in every extension context Chromium
// shows (service worker, offscreen document and the OCR workers it starts).
// Content scripts are not watched here: they run in the page's network
// context, and they make no requests (no fetch in src/content).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Target } from 'puppeteer-core';
import { serviceWorker, sleep, recorderStartedIn, startRecording, stopRecording, storedStepCount, exportZip, waitFor } from './harness';
import { sharedChromiumSession, testInBothBrowsers } from './browsers';

/** Tries a request from the current context; resolves to 'sent' or to why it was refused. */
const tryFetch = (url: string): Promise<string> => fetch(url).then(() => 'sent', (e: unknown) => `refused: ${String(e)}`);

testInBothBrowsers('the extension\'s pages cannot send a request off the extension, even to this machine', async (driver) => {
  const page = await driver.extensionPage();
  const url = `${driver.site}/demo/index.html`;
  assert.match(await page.evaluate(tryFetch, url), /^refused/, 'fetch from an extension page');
  // An image is a request too (a beacon in disguise); this one exists, so only the policy can refuse it.
  const loadImage = (u: string): Promise<string> => new Promise<string>((resolve) => {
    const img = new Image();
    img.onload = () => resolve('loaded');
    img.onerror = () => resolve('refused');
    img.src = u;
  });
  assert.equal(await page.evaluate(loadImage, `${driver.site}/demo/dot.svg`), 'refused', 'an image from off the extension');
  // The extension's own files still load.
  const own = await page.evaluate(() => ((globalThis as { browser?: typeof chrome }).browser ?? chrome).runtime.getURL('icons/icon-16.png'));
  assert.equal(await page.evaluate(tryFetch, own), 'sent');
  assert.equal(await page.evaluate(loadImage, own), 'loaded');
}, { fresh: true }, true);

// In the Chromium browser the test above used, a fresh one (it records nothing, so the OCR files below load in this test).
test('chromium: a recording with OCR, and its export, make no request beyond the extension\'s own files', async () => {
  const session = await sharedChromiumSession({ fresh: true });
  const requests: string[] = [];
  const watched = new Set<Target>();
  const watch = async (target: Target): Promise<void> => {
    if (!target.url().startsWith('chrome-extension://') || watched.has(target)) return;
    watched.add(target);
    const cdp = await target.createCDPSession().catch(() => null);
    if (!cdp) return;
    cdp.on('Network.requestWillBeSent', (e) => requests.push(`${target.type()} ${e.request.url.slice(0, 120)}`));
    await cdp.send('Network.enable').catch(() => undefined);
    // A worker started under a watched page waits for a debugger (the OCR workers would never start).
    await cdp.send('Runtime.runIfWaitingForDebugger').catch(() => undefined);
  };
  const onTarget = (t: Target): void => void watch(t);
  session.browser.on('targetcreated', onTarget);
  session.browser.on('targetchanged', onTarget);
  try {
    for (const t of session.browser.targets()) await watch(t);
    // The worker itself is held to the same policy.
    const worker = await serviceWorker(session.browser);
    assert.match(await worker.evaluate(tryFetch, `${session.site.url}/demo/index.html`), /^refused/, 'fetch from the service worker');

    // Text in a canvas and an image: OCR runs, with its worker, core and language data.
    const page = await session.browser.newPage();
    await page.setViewport({ width: 1100, height: 800 });
    await page.goto(`${session.site.url}/privacy/media.html`);
    await sleep(300);
    await startRecording(session.browser, page, 'Pay for the order');
    await recorderStartedIn(session.browser, page);
    for (let i = 1; i <= 2; i++) {
      await page.click(`#step-${i}`);
      await sleep(800);
    }
    await page.keyboard.type('a.person@example.com');
    await page.click('#step-3');
    await waitFor(async () => (await storedStepCount(session.browser, page)) >= 3, 60_000, 250).catch(async (e: unknown) => {
      throw new Error(`${String(e)}: ${await storedStepCount(session.browser, page)} of 3 steps stored; requests seen: ${requests.join('; ')}`);
    });
    await stopRecording(session.browser, page);
    const zip = await exportZip(session, page);
    assert.ok(Object.keys(zip.files).some((f) => f.endsWith('.png')), 'the export holds screenshots');

    const offExtension = requests.filter((r) => !/^\S+ (chrome-extension|data|blob):/.test(r));
    assert.deepEqual(offExtension, [], 'every request of the extension stays on the extension');
    // The watch saw the image work: the OCR files are loaded from the extension.
    assert.ok(requests.some((r) => /chrome-extension:\/\/[^ ]*\/ocr\//.test(r)), `the OCR files were seen loading: ${requests.slice(0, 20).join('; ')}`);
  } finally {
    session.browser.off('targetcreated', onTarget);
    session.browser.off('targetchanged', onTarget);
  }
});
