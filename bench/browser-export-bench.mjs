// The real thing in the browser: a 1,000-step task (300 KB screenshots) put
// straight into the extension's IndexedDB, then
// - the review page: time until the first cards and the first screenshot are on
//   screen, how many screenshots it loaded (lazily, as cards scroll into view),
//   and the time to scroll to the last card (cards render a page at a time);
// - an export through the worker and the offscreen document to a real
//   download: time, MB/s, and the offscreen document's peak JS heap against
//   the size of the zip (streaming means the heap stays far below it).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { launch, extensionId, waitFor } from '../tests/e2e/harness.ts';
import { round } from './lib.mjs';

const STEPS = Number(process.env.BENCH_STEPS ?? 1000);

/** A 1280x800 PNG of about 300 KB: a flat page with a noisy band, like a screenshot with photos. */
function screenshotPng() {
  const png = new PNG({ width: 1280, height: 800 });
  let seed = 1;
  for (let y = 0; y < 800; y++) {
    for (let x = 0; x < 1280; x++) {
      const i = (y * 1280 + x) * 4;
      seed = (seed * 1103515245 + 12345) >>> 0;
      const noisy = y > 300 && y < 420;
      const v = noisy ? seed >>> 24 : 245;
      png.data[i] = v; png.data[i + 1] = noisy ? (seed >>> 16) & 255 : 245; png.data[i + 2] = v; png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

async function populate(page, steps, pngBase64) {
  return page.evaluate(async (steps, pngBase64) => {
    const bytes = Uint8Array.from(atob(pngBase64), (c) => c.charCodeAt(0));
    const blob = new Blob([bytes], { type: 'image/png' });
    const taskId = crypto.randomUUID();
    // The extension creates its database (and stores) on first use: let it, then write into it.
    await chrome.runtime.sendMessage({ kind: 'tasks/list' });
    const db = await new Promise((res, rej) => {
      const r = indexedDB.open('alien-dataflow');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    let dom = '<html id="1"><body id="2"><main id="3">';
    for (let i = 0; i < 400; i++) dom += `<div id="${i + 4}"><a id="${i + 500}" href="/p/${i}" bbox="10,${i * 20},200,18">Product ${i}</a></div>`;
    dom += '</main></body></html>';
    const put = (store, value) => new Promise((res, rej) => {
      const tx = db.transaction(store, 'readwrite');
      tx.objectStore(store).put(value);
      tx.oncomplete = () => res();
      tx.onerror = () => rej(tx.error);
    });
    const now = Date.now();
    for (let i = 1; i <= steps; i++) {
      const imageId = crypto.randomUUID();
      await put('images', { id: imageId, blob, width: 1280, height: 800 });
      await put('steps', {
        taskId, seq: i, draftId: crypto.randomUUID(), imageId, redactions: { email: i % 2 }, deleted: false,
        step: {
          task_id: taskId, step_id: i, timestamp: now + i * 1000,
          observation: { screenshot_path: `images/${taskId}/step_${i}.png`, dom_tree: dom, active_window: 'Shop', url: 'http://127.0.0.1/shop',
            viewport: { width: 1280, height: 800 }, device_pixel_ratio: 1, screenshot_captured_at: now, screenshot_fresh: true },
          thought_trace: `Click product ${i % 400}.`,
          action: { type: 'click', coordinates: [100, 20 * (i % 400) + 9], element_id: 500 + (i % 400) },
          target: null, tab_id: 1, frame_id: 0, confirmed: false,
        },
      });
    }
    await put('tasks', { id: taskId, instruction: `Synthetic ${steps}-step task`, status: 'review', createdAt: now, endedAt: now + steps * 1000, stepCount: steps });
    db.close();
    return taskId;
  }, steps, pngBase64);
}

async function reviewTimes(browser, id, instruction, steps) {
  const review = await browser.newPage();
  await review.setViewport({ width: 1300, height: 1000 });
  await review.goto(`chrome-extension://${id}/review/review.html`);
  const button = await review.waitForSelector(`::-p-text(${instruction})`);
  const t0 = performance.now();
  await button.click();
  await review.waitForFunction(() => document.querySelectorAll('article.step').length >= 40, { timeout: 120_000, polling: 20 });
  const cardsMs = performance.now() - t0;
  await review.waitForSelector('img[alt="Screenshot before step 1"]', { timeout: 30_000 });
  const firstImageMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 500));
  const loaded = await review.$$eval('article.step img', (imgs) => imgs.length);
  // Scrolling to the end renders the rest a page at a time.
  const t1 = performance.now();
  await review.waitForFunction((n) => {
    window.scrollTo(0, document.body.scrollHeight);
    return document.querySelectorAll('article.step').length === n;
  }, { timeout: 300_000, polling: 100 }, steps);
  const scrollMs = performance.now() - t1;
  await review.close();
  return { first_40_cards_ms: Math.round(cardsMs), first_screenshot_ms: Math.round(firstImageMs), screenshots_loaded: loaded, scroll_to_last_card_ms: Math.round(scrollMs) };
}

async function exportTimes(session, id, helper, taskId) {
  const { browser, downloads } = session;
  const before = new Set(readdirSync(downloads));
  let peakHeap = 0;
  let sampling = true;
  const sampler = (async () => {
    const target = await browser.waitForTarget((t) => t.url().endsWith('/offscreen/offscreen.html'), { timeout: 30_000 });
    const cdp = await target.createCDPSession();
    await cdp.send('Performance.enable');
    while (sampling) {
      const { metrics } = await cdp.send('Performance.getMetrics').catch(() => ({ metrics: [] }));
      const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
      peakHeap = Math.max(peakHeap, heap);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const t0 = performance.now();
  const reply = await helper.evaluate((taskId) => chrome.runtime.sendMessage({ kind: 'export/start', options: { taskIds: [taskId] } }), taskId);
  if (!reply.ok) throw new Error(`export refused: ${reply.error}`);
  const file = await waitFor(() => readdirSync(downloads).find((f) => !before.has(f) && f.endsWith('.zip')), 600_000, 200);
  // The download is complete when Chrome renames it from .crdownload; wait for its size to settle too.
  let size = -1;
  for (;;) {
    const now = statSync(join(downloads, file)).size;
    if (now === size) break;
    size = now;
    await new Promise((r) => setTimeout(r, 300));
  }
  const ms = performance.now() - t0;
  sampling = false;
  await sampler.catch(() => undefined);
  const mb = size / 1e6;
  return { zip_mb: round(mb, 1), seconds: round(ms / 1000, 1), mb_per_s: round(mb / (ms / 1000), 1), offscreen_peak_heap_mb: round(peakHeap / 1e6, 1), heap_vs_zip: round(peakHeap / size, 3) };
}

export async function runBrowserExportBench() {
  const session = await launch();
  try {
    const id = await extensionId(session.browser);
    const helper = await session.browser.newPage();
    await helper.goto(`chrome-extension://${id}/options/options.html`);
    const png = screenshotPng();
    const t0 = performance.now();
    const taskId = await populate(helper, STEPS, png.toString('base64'));
    const populateS = (performance.now() - t0) / 1000;
    const review = await reviewTimes(session.browser, id, `Synthetic ${STEPS}-step task`, STEPS);
    const exp = await exportTimes(session, id, helper, taskId);
    return { steps: STEPS, image_kb: Math.round(png.length / 1024), populate_s: round(populateS, 1), review, export: exp };
  } finally {
    await session.close();
  }
}
