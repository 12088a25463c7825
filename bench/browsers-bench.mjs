// Chromium and Firefox side by side, in the same run, through the same e2e
// drivers: what each browser allows (captureVisibleTab quota, storage.session
// size) and how long a click takes to become a stored step. Firefox's figures
// are given as ratios to Chromium's where both have one.
import { BROWSERS, openDriver, waitForSteps } from '../tests/e2e/browsers.ts';
import { sleep } from '../tests/e2e/harness.ts';
import { round } from './lib.mjs';

const CAPTURE_CALLS = 12;
const CLICKS = 15;

/** captureVisibleTab called back to back from an extension page while a fixture page is the visible tab. */
async function captureQuota(ext, page) {
  await page.bringToFront();
  return ext.evaluate(async (n) => {
    const api = globalThis.browser ?? globalThis.chrome;
    const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    let ok = 0;
    let firstError = '';
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      try {
        await api.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
        ok++;
      } catch (error) {
        firstError ||= String(error).slice(0, 120);
      }
    }
    return { ok, ms: performance.now() - t0, firstError };
  }, CAPTURE_CALLS);
}

/** How much storage.session takes, in 1 MB values, before refusing (the bench's own keys, removed after). */
async function sessionCapacity(ext) {
  return ext.evaluate(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    const mb = 'x'.repeat(1024 * 1024 - 32);
    const keys = [];
    let refused = '';
    for (let i = 0; i < 64; i++) {
      const key = `bench-session-${i}`;
      try {
        await api.storage.session.set({ [key]: mb });
        keys.push(key);
      } catch (error) {
        refused = String(error).slice(0, 120);
        break;
      }
    }
    await api.storage.session.remove(keys);
    return { mb: keys.length, refused: refused || 'none up to 64 MB' };
  });
}

/** Click to stored step, one click a second (a person's pace), on the demo shop. */
async function stepLatency(driver, page) {
  const taskId = await driver.startRecording(page, 'Add things to the cart');
  const times = [];
  for (let i = 0; i < CLICKS; i++) {
    const before = await driver.storedSteps(taskId);
    const t0 = performance.now();
    await page.click('main button');
    await waitForSteps(driver, taskId, before + 1);
    times.push(performance.now() - t0);
    await page.bringToFront();
    await sleep(1000);
  }
  await driver.stopRecording(page);
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)], p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] };
}

export async function runBrowsersBench() {
  const rows = [];
  for (const { name, skip } of BROWSERS) {
    if (skip) {
      rows.push({ browser: name, skipped: skip });
      continue;
    }
    const driver = await openDriver(name);
    try {
      const page = await driver.newPage();
      await page.setViewport({ width: 1280, height: 800 });
      await page.goto(`${driver.site}/demo/index.html`);
      const ext = await driver.extensionPage();
      const quota = await captureQuota(ext, page);
      const session = await sessionCapacity(ext);
      const latency = await stepLatency(driver, page);
      rows.push({
        browser: name,
        capture_calls_ok: `${quota.ok} of ${CAPTURE_CALLS}`, capture_ms_per_call: round(quota.ms / CAPTURE_CALLS, 0), capture_refusal: quota.firstError || 'none',
        session_storage_mb: session.mb, session_refusal: session.refused,
        click_to_stored_p50_ms: Math.round(latency.p50), click_to_stored_p95_ms: Math.round(latency.p95),
      });
    } finally {
      await driver.close();
    }
  }
  const [c, f] = rows;
  const ratio = c && f && !f.skipped && !c.skipped ? round(f.click_to_stored_p50_ms / c.click_to_stored_p50_ms, 2) : null;
  return { rows, capture_calls: CAPTURE_CALLS, firefox_vs_chromium_p50: ratio };
}
