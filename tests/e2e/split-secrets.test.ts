// A secret split across inline pieces (a card in two spans, an IBAN whose second half the page cut and whose first it
// kept, a card in two blocks laid out in the line, a card in two spans in a same-origin frame and in a frame of
// another origin) is cut from the stored trees by the worker's run pass, and must be
// blurred in the screenshot too: the page scrubs each text node alone, so before the page read its own tree with that
// pass, no box covered these pieces and the worker's OCR took their pixels as explained by the DOM. Every exported
// screenshot is read by OCR here: no piece may be readable, while the page's own words are.
// And the inline="true" mark after a restyle: two chips that are blocks at the first step and that a class on their
// row, a style sheet added later, or a media query flipped by a narrower window lays out in the line afterwards. Their
// cached XML kept the mark of the first step, so the halves of each email, one line on screen, were both stored
// (unit tests: hostile-inline-marks.test.ts; this checks real layout).
// Runs in Chromium and in Firefox, one browser of each for the file.
import assert from 'node:assert/strict';
import { trajectory } from './harness';
import { testInBothBrowsers, waitForSteps, type RecorderDriver } from './browsers';
import { createPsmReader, PSM, readable } from './rendering-helpers';

/** What the page paints, whole and by piece (a piece readable alone is a leak too). */
const PAINTED = ['4111 1111 1111 1111', '1111 1111 1111', 'GB29 NWBK 6016', 'GB29 NWBK 6016 1331 9268 19', '5500 0055 5555 5559', '0055 5555 5559',
  '6011 1111 1111 1117', '1111 1111 1117'];

/** Records a click on `url` (loaded with its frames), exports, and checks every file and every screenshot. */
async function clickAndRead(driver: RecorderDriver, url: string, ownWords: string[] = []): Promise<void> {
  const page = await driver.newPage();
  await page.setViewport({ width: 1000, height: 800 });
  // The load event waits for the page's frames.
  await page.goto(url);
  const taskId = await driver.startRecording(page, 'Pay the bill');
  await page.click('#pay');
  await waitForSteps(driver, taskId, 1, 20_000);
  await driver.stopRecording(page);

  const zip = await driver.exportZip(page);
  const steps = (await trajectory(zip)).filter((s) => s.task_id === taskId);
  assert.ok(steps.length >= 1, 'the click is recorded');
  for (const name of Object.keys(zip.files)) {
    const file = zip.file(name);
    if (!file || name.endsWith('.png')) continue;
    const text = await file.async('string');
    assert.deepEqual(PAINTED.filter((s) => text.includes(s)), [], `${name} holds none of the pieces`);
  }
  const readers = await Promise.all([createPsmReader(PSM.AUTO), createPsmReader(PSM.SPARSE_TEXT)]);
  try {
    // This task's screenshots (the browser is shared with the file's other test, whose task is in the export too).
    const pngs = Object.keys(zip.files).filter((n) => n.endsWith('.png') && n.includes(taskId));
    assert.ok(pngs.length >= 1, `screenshots: ${pngs.length}`);
    for (const name of pngs) {
      const png = await zip.file(name)!.async('uint8array');
      let all = '';
      for (const reader of readers) {
        const text = await reader.read(png, 2);
        all += `${text}\n`;
        assert.deepEqual(PAINTED.filter((s) => readable(text, s)), [], `${name} shows none of the pieces (OCR read: ${text})`);
      }
      // The page's own words stay readable: the OCR above is not reading noise, and the blur is not the whole page.
      for (const words of ['Payment summary', 'Pay now', ...ownWords]) assert.ok(readable(all, words), `${name}: '${words}' is read (${all})`);
    }
  } finally {
    await Promise.all(readers.map((r) => r.close()));
  }
  await page.close();
}

// Built from the commit before the page read its tree with the run pass, this read "Card on file 4111 1111 1111
// 1111", "Refund to GB29 NWBK 6016" and "Backup card 5500" in the click's screenshot.
testInBothBrowsers('a secret split across inline pieces is blurred in every screenshot, as it is cut from the trees', async (driver) => {
  await clickAndRead(driver, `${driver.site}/privacy/split-secrets.html`);
}, {}, true);

testInBothBrowsers('a secret split across inline pieces in a same-origin frame and in a frame of another origin is blurred too', async (driver) => {
  const frameUrl = `${driver.other.replace('127.0.0.1', 'localhost')}/privacy/split-secrets-frame.html`;
  // The frames' own words are read: they are painted, and not blurred whole.
  await clickAndRead(driver, `${driver.site}/privacy/split-secrets.html?frame=${encodeURIComponent(frameUrl)}`, ['Saved']);
}, {}, true);

const HALVES = ['jane.doe', 'example.com', 'john.roe', 'example.org', 'ann.poe', 'example.net'];

testInBothBrowsers('chips a restyle lays out in the line after the first step: no half of their emails stored at the next', async (driver) => {
  const page = await driver.newPage();
  await page.setViewport({ width: 1000, height: 700 });
  await page.goto(`${driver.site}/privacy/restyled-chips.html`);
  const taskId = await driver.startRecording(page, 'Look at the restyled chips');
  await page.click('#go');
  await waitForSteps(driver, taskId, 1);
  await page.evaluate(() => (window as unknown as { restyle(): void }).restyle());
  await page.setViewport({ width: 600, height: 700 });
  await page.waitForFunction(() => matchMedia('(max-width: 700px)').matches);
  await page.click('#go');
  await waitForSteps(driver, taskId, 2);
  await driver.stopRecording(page);

  const steps = (await trajectory(await driver.exportZip(page))).filter((s) => s.task_id === taskId);
  assert.equal(steps.length, 2, `in ${driver.name}`);
  // The first step saw blocks, a line each: each half alone is no address, and is kept (this test's premise).
  assert.match(steps[0]!.observation.dom_tree, /jane\.doe/, `in ${driver.name}`);
  const after = steps[1]!.observation;
  for (const text of [after.dom_tree, after.axtree ?? '']) {
    const left = HALVES.filter((h) => text.includes(h));
    assert.deepEqual(left, [], `in ${driver.name}: ${text.slice(0, 2000)}`);
  }
  assert.match(after.dom_tree, / inline="true"/, `in ${driver.name}`);
}, {}, true);
