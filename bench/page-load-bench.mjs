// What the installed extension costs a page at each load while nothing is being recorded: the content script runs
// at document_start in every frame of every page. Main-thread script and task time of one document load (Chromium's
// Performance metrics, which start afresh with each document), with the extension against the same browser
// without it (the peer), alternating, on the demo page and on a page with a frame from another origin.
import { extensionId, launchBrowser, round, stats } from './lib.mjs';

const LOADS = 12;

/** Script and task ms of each of LOADS loads of `url` in `browser` (the first load, warming caches, not counted). */
async function loads(browser, url) {
  const page = await browser.newPage();
  const script = [];
  const task = [];
  for (let i = 0; i <= LOADS; i++) {
    await page.goto(url, { waitUntil: 'load' });
    // The content script's work at load is done by then; a page's later timers are the same with or without it.
    await new Promise((r) => setTimeout(r, 400));
    const m = await page.metrics();
    if (i === 0) continue;
    script.push(m.ScriptDuration * 1000);
    task.push(m.TaskDuration * 1000);
  }
  await page.close();
  return { script: stats(script), task: stats(task) };
}

export async function runPageLoadBench({ fixturesUrl, dist }) {
  const pages = {
    demo: `${fixturesUrl}/demo/index.html`,
    'page with a cross-origin frame': `${fixturesUrl}/privacy/media.html?frame=${encodeURIComponent(`${fixturesUrl.replace('127.0.0.1', 'localhost')}/privacy/pay-frame.html`)}`,
  };
  const withExt = await launchBrowser({ extension: dist });
  const without = await launchBrowser();
  const rows = [];
  try {
    await extensionId(withExt);
    for (const [name, url] of Object.entries(pages)) {
      const a = await loads(without, url);
      const b = await loads(withExt, url);
      const a2 = await loads(without, url);
      const peerTask = Math.min(a.task.median, a2.task.median);
      const peerScript = Math.min(a.script.median, a2.script.median);
      rows.push({
        page: name,
        task_ms_with: round(b.task.median, 1), task_ms_without: round(peerTask, 1),
        added_task_ms: round(b.task.median - peerTask, 1),
        script_ms_with: round(b.script.median, 1), script_ms_without: round(peerScript, 1),
      });
    }
  } finally {
    await withExt.close();
    await without.close();
  }
  const worst = Math.max(...rows.map((r) => r.added_task_ms));
  return {
    rows,
    targets: [{ target: 'main-thread time the extension adds to a page load, not recording, <= 60 ms (median)', value: worst, pass: worst <= 60 }],
  };
}
