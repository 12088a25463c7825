// Text that exists only as pixels (a canvas, an image, a CSS background, an
// SVG label, a payment frame from another origin) is read by OCR crop by crop
// and blurred. Every exported frame of a sequence is read again here, whole
// and area by area at a larger scale than the extension uses, and none of it
// may be readable; the DOM text around it stays readable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowserAndOcr, cropPng, type OcrReader } from './ocr-reader';
import { openCheckoutWithPaymentFrame, startRecording, stopRecording, exportZip, trajectory, sleep, waitFor, storedStepCount, type Session } from './harness';

const SECRETS = [
  '5500 0000 0000 0004', // canvas
  'ops-lead@example-corp.net', // image
  '+1 415 555 2671', // CSS background image
  'kim.sato@example-bank.org', // SVG <text>
  'lee.park@example-club.org', // a closed shadow root
  'payments.team@example-mail.com', '4111 1111 1111 1111', // cross-origin frame
];
const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9@]/g, '');

let session: Session;
let ocr: OcrReader;

withBrowserAndOcr((s, o) => {
  session = s;
  ocr = o;
});

test('text in a canvas, an image, a background, SVG and a cross-origin frame is unreadable in every frame', async () => {
  const { page, frame } = await openCheckoutWithPaymentFrame(session);
  await startRecording(session.browser, page, 'Pay for the order');
  await sleep(900);
  for (let i = 1; i <= 4; i++) {
    await page.click(`#step-${i}`);
    await waitFor(async () => (await storedStepCount(session.browser, page)) >= i, 30_000);
    await page.bringToFront();
    await sleep(700);
  }
  // An action inside the payment frame itself.
  await frame.click('#confirm');
  await waitFor(async () => (await storedStepCount(session.browser, page)) >= 5, 30_000);
  const areas = await page.evaluate(() => ['canvas', 'img', 'banner', 'chart', 'closed', 'pay'].map((id) => {
    const r = document.getElementById(id)!.getBoundingClientRect();
    return { id, x: r.x, y: r.y, width: r.width, height: r.height };
  }));
  // The control: in the page as it is, OCR at the same scales reads every secret, so their absence below is the blur's doing.
  const raw = new Uint8Array(await page.screenshot({ type: 'png' }));
  const rawTexts = [await ocr.read(raw, 2)];
  for (const area of areas) rawTexts.push(await ocr.read(cropPng(raw, area), 3));
  const unreadable = SECRETS.filter((secret) => !squash(rawTexts.join(' ')).includes(squash(secret)));
  assert.deepEqual(unreadable, [], 'OCR reads every secret in an unblurred screenshot');
  await stopRecording(session.browser, page);

  const zip = await exportZip(session, page);
  const steps = await trajectory(zip);
  assert.equal(steps.length, 5, steps.map((s) => s.action.type).join(', '));
  assert.equal(steps[4]!.frame_id !== 0, true, 'the last step happened in the frame');
  let framesRead = 0;
  for (const s of steps) {
    assert.ok(s.observation.screenshot_path, `step ${s.step_id} has a screenshot`);
    const png = await zip.file(s.observation.screenshot_path)!.async('uint8array');
    const texts = [await ocr.read(png, 2)];
    for (const area of areas) texts.push(await ocr.read(cropPng(png, area), 3));
    const read = squash(texts.join(' '));
    const leaked = SECRETS.filter((secret) => read.includes(squash(secret)));
    assert.deepEqual(leaked, [], `step ${s.step_id}: OCR reads ${leaked.join(', ')}`);
    // The page's own, harmless text is not blurred away.
    assert.match(texts[0]!, /Checkout/, `step ${s.step_id}: DOM text stays readable`);
    framesRead++;
  }
  assert.equal(framesRead, 5);
  const report = JSON.parse(await zip.file('scrub_report.json')!.async('string')) as { totals?: Record<string, number> };
  assert.ok(JSON.stringify(report).includes('ocr:'), `OCR findings are counted in the scrub report: ${JSON.stringify(report).slice(0, 300)}`);
});
