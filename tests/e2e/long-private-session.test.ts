// A long session at a person's pace over a checkout with a canvas, an image and
// a payment frame of another origin: 44 actions (clicks, typing in the page and
// in the frame's card fields, scrolls), then Stop and Export at once. Every
// step has a screenshot, and in none of them can OCR read a secret: not the
// canvas's card, the image's e-mail, nor what was typed into the frame's card
// fields, whichever frame (the page's or the payment frame's) a step came from.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Page } from 'puppeteer-core';
import { PNG } from 'pngjs';
import { createOcrReader, inTurn, type Box, type OcrReader } from './ocr-reader';
import { planReads, recentlyDecoded } from './changed-band';
import { sleep, trajectory, waitFor } from './harness';
import { testInBothBrowsers, waitForSteps } from './browsers';

const TYPED_CARD = '4242 4242 4242 4242';
const TYPED_CVC = '9173';
const SECRETS = ['5500 0000 0000 0004', 'ops-lead@example-corp.net', TYPED_CARD, TYPED_CVC];
const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9@]/g, '');

let ocr: OcrReader;
before(async () => { ocr = await createOcrReader({ workers: 2 }); });
after(async () => { await ocr?.close(); });

/** A person's pause: 0.6 to 1.2 s, varying with the action's number. */
const pause = (i: number): Promise<void> => sleep(600 + (i % 4) * 200);

async function typeInto(target: Page | Frame, selector: string, text: string): Promise<void> {
  await target.click(selector);
  await target.type(selector, text, { delay: 40 });
}

testInBothBrowsers('a long session over a canvas, an image and a payment frame: every step has a screenshot, none readable', async (driver) => {
  const page = await driver.newPage();
  await page.setViewport({ width: 1000, height: 700 });
  const frameUrl = `${driver.other.replace('127.0.0.1', 'localhost')}/privacy/pay-form.html`;
  await page.goto(`${driver.site}/privacy/checkout-long.html?frame=${encodeURIComponent(frameUrl)}`);
  const frame = await waitFor(() => page.frames().find((f) => f.url().startsWith(frameUrl)));
  await frame.waitForSelector('#cvc');
  await sleep(300);
  const taskId = await driver.startRecording(page, 'Pay for the order');
  let actions = 0;
  for (let round = 0; round < 4; round++) {
    for (const id of ['#b1', '#b2', '#b3', '#b4']) {
      await page.click(id);
      actions++;
      await pause(actions);
    }
    await typeInto(page, '#note', `Leave at door ${round + 1}`);
    actions += 2; // the click into the field, and the type step when it is left
    await pause(actions);
    await typeInto(frame, '#card', TYPED_CARD);
    actions += 2;
    await pause(actions);
    await typeInto(frame, '#cvc', TYPED_CVC);
    actions += 2;
    await pause(actions);
    await frame.click('#pay'); // leaves the CVC field: its type step, then this click
    actions++;
    await pause(actions);
  }
  await page.click('#b1');
  actions++;
  await waitForSteps(driver, taskId, actions - 4, 60_000);
  // Stop and Export at once: the zip waits for every step still being scrubbed.
  await driver.stopRecording(page);
  const zip = await driver.exportZip(page);
  const steps = (await trajectory(zip)).filter((s) => s.task_id === taskId && s.action.type !== 'tab_switch');
  assert.ok(steps.length >= 40, `40+ steps: ${steps.length} (${steps.map((s) => s.action.type).join(', ')})`);
  const unshot = steps.filter((s) => !s.observation.screenshot_path);
  assert.deepEqual(unshot.map((s) => `${s.step_id} ${s.action.type}: ${(s.observation as { screenshot_note?: string }).screenshot_note ?? ''}`), [], 'every step has a screenshot');

  const areas = await page.evaluate(() => ['canvas', 'img', 'pay'].map((id) => {
    const r = document.getElementById(id)!.getBoundingClientRect();
    return { x: Math.max(0, r.x), y: Math.max(0, r.y), width: r.width, height: r.height };
  }));
  // Each distinct frame is read whole and by area, or, where it differs from a frame read whole in a band of rows
  // only, in that band and the areas that reach into it (its other pixels are that frame's, read already); a few
  // at once so both OCR workers stay busy; then checked in step order.
  const firstOfPath = steps.filter((s, i) => steps.findIndex((t) => t.observation.screenshot_path === s.observation.screenshot_path) === i);
  const pngs = await Promise.all(firstOfPath.map((s) => zip.file(s.observation.screenshot_path!)!.async('uint8array')));
  const plan = planReads(pngs.length, recentlyDecoded((i) => PNG.sync.read(Buffer.from(pngs[i]!))), pngs.map((_p, i) => i), () => 'page');
  const meets = (a: Box, b: Box): boolean => a.y < b.y + b.height && b.y < a.y + a.height;
  const texts = await inTurn(firstOfPath, 3, async (s, i) => {
    const image = ocr.open(pngs[i]!);
    const by = plan[i]!;
    const inView = areas.filter((area) => area.y < s.observation.viewport.height && (by.whole || meets(area, by.band)));
    const own = (await Promise.all([by.whole ? image.read(2) : image.readArea(by.band, 2), ...inView.map((area) => image.readArea(area, 3))])).join(' ');
    // For the words check: what the frame read whole showed in the same rows.
    const before = by.whole ? '' : await ocr.open(pngs[by.against]!).readArea(by.band, 2);
    return { own, before };
  });
  const read = new Map<string, string>();
  firstOfPath.forEach((s, i) => read.set(s.observation.screenshot_path!, texts[i]!.own));
  const bands = plan.filter((r) => !r.whole).length;
  console.log(`# ${driver.name}: ${firstOfPath.length} distinct frames, ${bands} read by band`);
  for (const s of steps) {
    const path = s.observation.screenshot_path!;
    const leaked = SECRETS.filter((secret) => squash(read.get(path)!).includes(squash(secret)));
    assert.deepEqual(leaked, [], `step ${s.step_id} (${s.action.type}, frame ${s.frame_id}): OCR reads ${leaked.join(', ')}`);
  }
  // The page's own text stays readable in most frames (a scrolled frame may not show the heading). In a frame
  // read by band, text the frame read whole showed outside the band is in pixels the two share.
  const heading = /Checkout|Delivery/;
  const readable = firstOfPath.filter((_s, i) => {
    const by = plan[i]!;
    if (heading.test(texts[i]!.own)) return true;
    return !by.whole && heading.test(texts[by.against]!.own) && !heading.test(texts[i]!.before);
  }).length;
  assert.ok(readable >= firstOfPath.length * 0.9, `the page's text is readable in ${readable} of ${firstOfPath.length} frames`);
  await page.close();
});
