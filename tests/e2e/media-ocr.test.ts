// Text that exists only as pixels (a canvas, an image, a CSS background, an
// SVG label, a closed shadow root, a payment frame from another origin) is
// read by OCR crop by crop and blurred. Every exported frame of a sequence is
// read again here, whole and area by area at a larger scale than the extension
// uses, and none of it may be readable; the DOM text around it stays readable.
// One body, run in Chromium and in Firefox.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createOcrReader, inTurn, type OcrReader } from './ocr-reader';
import { trajectory, sleep, waitFor } from './harness';
import { testInBothBrowsers, waitForSteps } from './browsers';
import { readStored } from './extension-store';

const SECRETS = [
  '5500 0000 0000 0004', // canvas
  'ops-lead@example-corp.net', // image
  '+1 415 555 2671', // CSS background image
  'kim.sato@example-bank.org', // SVG <text>
  'lee.park@example-club.org', // a closed shadow root
  'payments.team@example-mail.com', '4111 1111 1111 1111', // cross-origin frame
];
const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9@]/g, '');

let ocr: OcrReader;
before(async () => { ocr = await createOcrReader({ workers: 2 }); });
after(async () => { await ocr?.close(); });

testInBothBrowsers('text in a canvas, an image, a background, SVG, a closed shadow root and a cross-origin frame is unreadable in every frame', async (driver) => {
  const page = await driver.newPage();
  await page.setViewport({ width: 1100, height: 800 });
  const frameUrl = `${driver.other.replace('127.0.0.1', 'localhost')}/privacy/pay-frame.html`;
  await page.goto(`${driver.site}/privacy/media.html?frame=${encodeURIComponent(frameUrl)}`);
  const frame = await waitFor(() => page.frames().find((f) => f.url().startsWith(frameUrl)));
  await frame.waitForSelector('#confirm');
  await sleep(300);
  const taskId = await driver.startRecording(page, 'Pay for the order');
  let clicks = 0;
  const stored = async (): Promise<number> => driver.storedSteps(taskId);
  for (let i = 1; i <= 4; i++) {
    const before = await stored();
    await page.click(`#step-${i}`);
    clicks++;
    await waitForSteps(driver, taskId, before + 1);
    await page.bringToFront();
    await sleep(700);
  }
  // An action inside the payment frame itself.
  const beforeFrame = await stored();
  await frame.click('#confirm');
  clicks++;
  await waitForSteps(driver, taskId, beforeFrame + 1);
  const areas = await page.evaluate(() => ['canvas', 'img', 'banner', 'chart', 'closed', 'pay'].map((id) => {
    const r = document.getElementById(id)!.getBoundingClientRect();
    return { id, x: r.x, y: r.y, width: r.width, height: r.height };
  }));
  // The control: in the page as it is, OCR at the same scales reads every secret, so their absence below is the blur's doing.
  const raw = ocr.open(new Uint8Array(await page.screenshot({ type: 'png' })));
  const rawTexts = await Promise.all([raw.read(2), ...areas.map((area) => raw.readArea(area, 3))]);
  const unreadable = SECRETS.filter((secret) => !squash(rawTexts.join(' ')).includes(squash(secret)));
  assert.deepEqual(unreadable, [], 'OCR reads every secret in an unblurred screenshot');
  await driver.stopRecording(page);

  const zip = await driver.exportZip(page);
  // In Firefox the popup is a tab: going to it is a tab_switch step, whose frame is the popup's, not the page's.
  const steps = (await trajectory(zip)).filter((s) => s.task_id === taskId && s.action.type !== 'tab_switch');
  assert.equal(steps.length, clicks, steps.map((s) => s.action.type).join(', '));
  assert.equal(steps.at(-1)!.frame_id !== 0, true, 'the last step happened in the frame');
  for (const s of steps) assert.ok(s.observation.screenshot_path, `step ${s.step_id} has a screenshot`);
  // Every frame read whole and area by area, a few at once so both OCR workers stay busy; then checked in order.
  const frameTexts = await inTurn(steps, 3, async (s) => {
    const image = ocr.open(await zip.file(s.observation.screenshot_path!)!.async('uint8array'));
    return Promise.all([image.read(2), ...areas.map((area) => image.readArea(area, 3))]);
  });
  let framesRead = 0;
  for (const [i, s] of steps.entries()) {
    const texts = frameTexts[i]!;
    const leaked = SECRETS.filter((secret) => squash(texts.join(' ')).includes(squash(secret)));
    assert.deepEqual(leaked, [], `step ${s.step_id}: OCR reads ${leaked.join(', ')}`);
    // The page's own, harmless text is not blurred away.
    assert.match(texts[0]!, /Checkout/, `step ${s.step_id}: DOM text stays readable`);
    framesRead++;
  }
  assert.equal(framesRead, clicks);
  // The text detector ran on every frame (ocr.scope detect, the default) and found lines: one that fails to load
  // is logged and the frame read whole instead, which the reads above cannot tell apart. (A frame is also read
  // whole, after detection, when the DOM cannot vouch for it, say before a frame's regions arrive: `fullFrame`
  // alone says nothing of the detector.)
  const rows = (await readStored(await driver.extensionPage(), taskId, { rows: true })).rows.filter((r) => r.step.action.type !== 'tab_switch');
  assert.equal(rows.length, clicks);
  for (const [i, r] of rows.entries()) {
    const found = r.work?.detection;
    assert.ok(found && found.bands > 0 && found.lines > 0, `step ${i + 1}: the detector found the frame's text lines: ${JSON.stringify(r.work)}`);
  }
  const report = JSON.parse(await zip.file('scrub_report.json')!.async('string')) as { totals?: Record<string, number> };
  assert.ok(JSON.stringify(report).includes('ocr:'), `OCR findings are counted in the scrub report: ${JSON.stringify(report).slice(0, 300)}`);
});
