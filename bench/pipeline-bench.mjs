// The step pipeline at a person's pace, in the real extension: 40 clicks at
// 2 per second on the text-dense privacy page, then Stop. Reported per OCR
// scope (media: crops the DOM cannot vouch for; full: the whole frame), in
// the same run, so the two are compared on the same machine and moment:
// - image work per step (decode, blur, OCR, encode, store), p50 and p95;
// - the backlog at Stop (steps accepted but not yet stored);
// - seconds from Stop until every step is stored;
// - the share of exact pre-action frames (captured after the page's last
//   change and before the action);
// and the page's main-thread time per step on a 16k-element page where one
// row changes between steps (the snapshot at the event plus building the
// draft after it, measured by the content script, plus serialising the
// message, measured here on the same draft size).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, extensionId, sleep, waitFor, ROOT } from '../tests/e2e/harness.ts';
import { readStored } from '../tests/e2e/extension-store.ts';
import { round, stats } from './lib.mjs';

const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 40);
const SELECTORS = ['#text p:nth-child(1)', '#text p:nth-child(2)', '#controls p:nth-child(1)', 'h1', '#backup', '#save', '#text p:nth-child(3)', '#controls p:nth-child(2)'];

async function helperPage(browser) {
  const id = await extensionId(browser);
  const url = `chrome-extension://${id}/options/options.html`;
  return (await browser.pages()).find((p) => p.url() === url) ?? (await browser.newPage().then(async (p) => { await p.goto(url); return p; }));
}

async function readTask(helper, taskId) {
  const { pending, rows } = await readStored(helper, taskId, { rows: true });
  return {
    pending,
    steps: rows.map((s) => ({ fresh: s.step.observation.screenshot_fresh, note: s.step.observation.screenshot_note ?? null, work: s.work ?? null, timestamp: s.step.timestamp })),
  };
}

async function setScope(helper, scope) {
  const text = readFileSync(join(ROOT, 'config/scrubber.yaml'), 'utf8').replace(/scope: \w+/, `scope: ${scope}`);
  const reply = await helper.evaluate((t) => chrome.runtime.sendMessage({ kind: 'config/save', text: t }), text);
  if (!reply.ok) throw new Error(`config not saved: ${JSON.stringify(reply)}`);
}

async function record(session, helper, url, instruction, between) {
  const page = await session.browser.newPage();
  await page.goto(url);
  await page.bringToFront();
  const started = await helper.evaluate((i) => chrome.runtime.sendMessage({ kind: 'recording/start', instruction: i }), instruction);
  const taskId = started.state.taskId;
  await page.bringToFront();
  await sleep(1000);
  for (let i = 0; i < ACTIONS; i++) {
    const t = Date.now();
    await between(page, i);
    await sleep(Math.max(0, 500 - (Date.now() - t)));
  }
  await sleep(100);
  const stopAt = Date.now();
  await helper.evaluate(() => chrome.runtime.sendMessage({ kind: 'recording/stop' }));
  const atStop = await readTask(helper, taskId);
  const backlog = ACTIONS - atStop.steps.length;
  await waitFor(async () => {
    const r = await readTask(helper, taskId);
    return r.pending === 0 && r.steps.length >= ACTIONS;
  }, 180_000, 100);
  const done = await readTask(helper, taskId);
  const lastStored = Math.max(...done.steps.map((s) => s.work?.storedAt ?? 0));
  await page.close();
  return { done, backlog, stopToStored: Math.max(0, lastStored - stopAt) / 1000 };
}

export async function runPipelineBench() {
  const session = await launch();
  const rows = [];
  const targets = [];
  try {
    const helper = await helperPage(session.browser);
    // BENCH_SCOPES=detect (or empty: none) runs fewer scopes while working on one figure; the bench runs all.
    for (const scope of (process.env.BENCH_SCOPES ?? 'detect,media,full').split(',').filter(Boolean)) {
      await setScope(helper, scope);
      const url = `${session.site.url}/privacy/index.html`;
      // Each action changes a line of text, as real pages do: the page's pixels differ from step to step.
      const { done, backlog, stopToStored } = await record(session, helper, url, `bench ${scope}`, async (page, i) => {
        await page.click(SELECTORS[i % SELECTORS.length]);
        await page.evaluate((k) => { document.querySelector('#controls p:nth-child(4)').textContent = `Order number 1234567812345678 ships within ${k + 2} business days.`; }, i);
      });
      const image = stats(done.steps.map((s) => s.work?.imageMs).filter((x) => typeof x === 'number'));
      const part = (k) => round(stats(done.steps.map((s) => s.work?.[k]).filter((x) => typeof x === 'number')).median, 0);
      const fresh = done.steps.filter((s) => s.fresh).length / done.steps.length;
      const late = done.steps.filter((s) => (s.work?.lateFrames ?? 0) > 0).length / done.steps.length;
      const notes = {};
      for (const s of done.steps) if (!s.fresh) notes[s.note ?? 'no note'] = (notes[s.note ?? 'no note'] ?? 0) + 1;
      rows.push({
        ocr_scope: scope, steps: done.steps.length, image_work_p50_ms: round(image.median, 0), image_work_p95_ms: round(image.p95, 0),
        p50_decode_blur_ms: part('decodeMs'), p50_ocr_ms: part('ocrMs'), p50_encode_store_ms: part('encodeMs'),
        full_frame_reads: done.steps.filter((s) => s.work?.fullFrame).length, crop_cache_hits: done.steps.reduce((a, s) => a + (s.work?.cacheHits ?? 0), 0),
        p50_detect_ms: scope === 'detect' ? part('detectMs') : '-',
        lines_read_per_step: scope === 'detect' ? round(stats(done.steps.map((s) => s.work?.detection?.unexplained ?? 0)).median, 1) : '-',
        frames_with_a_frame_blurred_whole: round(done.steps.filter((s) => (s.work?.lateFrames ?? 0) > 0).length / done.steps.length, 3),
        detector_bands_run: scope === 'detect' ? `${done.steps.reduce((a, s) => a + (s.work?.detection?.bandsRun ?? 0), 0)} of ${done.steps.reduce((a, s) => a + (s.work?.detection?.bands ?? 0), 0)}` : '-',
        backlog_at_stop: backlog, stop_to_stored_s: round(stopToStored, 2), exact_pre_action_frames: round(fresh, 3),
        why_not_exact: Object.entries(notes).map(([k, v]) => `${v}x ${k}`).join('; ') || '-',
      });
      if (scope === 'detect') {
        targets.push(
          { target: 'image work p50 <= 250 ms (ocr.scope detect, the text map on)', value: round(image.median, 0), pass: image.median <= 250 },
          { target: 'image work p95 <= 800 ms (ocr.scope detect, the text map on)', value: round(image.p95, 0), pass: image.p95 <= 800 },
          { target: 'backlog at Stop after 40 actions at 2/s <= 2', value: backlog, pass: backlog <= 2 },
          { target: 'Stop to everything stored <= 3 s', value: round(stopToStored, 2), pass: stopToStored <= 3 },
          { target: 'exact pre-action frames >= 95%', value: round(fresh, 3), pass: fresh >= 0.95 },
          { target: 'frames with a foreign frame blurred whole because its map was late <= 1%', value: round(late, 3), pass: late <= 0.01 },
        );
      }
    }
    await setScope(helper, 'detect');

    // Page main-thread time per step on a 16k-element page, one row changed between steps.
    // A person's actions, one per slot: a button out of view is first scrolled to with the wheel (a scroll step),
    // and clicked in the next slot. Puppeteer's own click scrolls and clicks in the same instant, which no person
    // does and which leaves no time for any frame of the scrolled page (every miss in earlier runs was one).
    let target = 0;
    const big = await record(session, helper, `${session.site.url}/recorder/big.html?n=16000`, 'bench big page', async (page, i) => {
      await page.evaluate((k) => {
        const spans = document.querySelectorAll('span');
        spans[(k * 7919) % spans.length].textContent = `$${k}.00`;
      }, i);
      const buttons = await page.$$('button.buy');
      const button = buttons[(target * 37) % Math.min(buttons.length, 300)];
      const box = await button.evaluate((b) => {
        const r = b.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, height: innerHeight };
      });
      if (box.top < 0 || box.bottom > box.height) {
        await page.mouse.move(400, 300);
        await page.mouse.wheel({ deltaY: Math.round(box.top - box.height / 2) });
        return;
      }
      await button.click();
      target++;
    });
    // BENCH_DUMP=file: every step of the 16k page (freshness, note, image work) for reading a slow one.
    if (process.env.BENCH_DUMP) (await import('node:fs')).writeFileSync(process.env.BENCH_DUMP, JSON.stringify(big.done.steps, null, 1));
    const work = big.done.steps.map((s) => s.work?.pageWork).filter(Boolean);
    const capture = stats(work.map((w) => w.captureMs));
    const build = stats(work.map((w) => w.buildMs));
    const total = stats(work.map((w) => w.captureMs + w.buildMs));
    // The axtree's share of the capture (absent from a build without it); the worker assembles its text.
    const axCapture = stats(work.map((w) => w.axCaptureMs ?? 0));
    // The message carrying the draft is serialised on the page's thread too: measure that for a draft of the same size.
    const page = await session.browser.newPage();
    await page.goto(`${session.site.url}/recorder/big.html?n=16000`);
    const serialise = await page.evaluate(() => {
      const xml = document.documentElement.outerHTML.slice(0, 330_000);
      const times = [];
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        JSON.stringify({ kind: 'step/record', draft: { domTree: `${xml}${i}`, redactedRegions: [], mediaRegions: [] } });
        times.push(performance.now() - t);
      }
      return times;
    });
    await page.close();
    const ser = stats(serialise);
    const pageRow = {
      page_elements: 16000, steps: work.length,
      capture_p50_ms: round(capture.median, 2), capture_p95_ms: round(capture.p95, 2),
      build_draft_p50_ms: round(build.median, 2), build_draft_p95_ms: round(build.p95, 2),
      axtree_in_capture_p50_ms: round(axCapture.median, 2), axtree_in_capture_p95_ms: round(axCapture.p95, 2),
      serialise_330kB_p50_ms: round(ser.median, 2),
      total_p95_ms: round(total.p95 + ser.median, 2),
    };
    // The same steps' image work (ocr.scope detect): the text map of a 16k-element page, and its frames.
    const bigImage = stats(big.done.steps.map((s) => s.work?.imageMs).filter((x) => typeof x === 'number'));
    const bigFresh = big.done.steps.filter((s) => s.fresh).length / big.done.steps.length;
    const bigNotes = {};
    for (const s of big.done.steps) if (!s.fresh) bigNotes[s.note ?? 'no note'] = (bigNotes[s.note ?? 'no note'] ?? 0) + 1;
    Object.assign(pageRow, {
      image_work_p50_ms: round(bigImage.median, 0), image_work_p95_ms: round(bigImage.p95, 0),
      full_frame_reads: big.done.steps.filter((s) => s.work?.fullFrame).length,
      exact_pre_action_frames: round(bigFresh, 3),
      why_not_exact: Object.entries(bigNotes).map(([k, v]) => `${v}x ${k}`).join('; ') || '-',
    });
    targets.push(
      { target: 'page main-thread time per step p95 <= 5 ms (16k elements, one row changed)', value: pageRow.total_p95_ms, pass: pageRow.total_p95_ms <= 5 },
      { target: 'image work p50 <= 250 ms (16k elements, ocr.scope detect)', value: round(bigImage.median, 0), pass: bigImage.median <= 250 },
      { target: 'image work p95 <= 800 ms (16k elements, ocr.scope detect)', value: round(bigImage.p95, 0), pass: bigImage.p95 <= 800 },
      { target: 'exact pre-action frames >= 95% (16k elements)', value: round(bigFresh, 3), pass: bigFresh >= 0.95 },
    );
    return { scopes: rows, page: pageRow, targets };
  } finally {
    await session.close();
  }
}
