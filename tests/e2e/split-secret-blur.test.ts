// A secret split across inline pieces (a card in two spans, an IBAN whose second half the page cut and whose first it
// kept, a card in two blocks laid out in the line, a card in two spans in a same-origin frame and in a frame of
// another origin) is cut from the stored trees by the worker's run pass, and must be
// blurred in the screenshot too: the page scrubs each text node alone, so before the page read its own tree with that
// pass, no box covered these pieces and the worker's OCR took their pixels as explained by the DOM. Every exported
// screenshot is read by OCR here: no piece may be readable, while the page's own words are.
// Runs in Chromium and in Firefox.
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
    const pngs = Object.keys(zip.files).filter((n) => n.endsWith('.png'));
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
});

testInBothBrowsers('a secret split across inline pieces in a same-origin frame and in a frame of another origin is blurred too', async (driver) => {
  const frameUrl = `${driver.other.replace('127.0.0.1', 'localhost')}/privacy/split-secrets-frame.html`;
  // The frames' own words are read: they are painted, and not blurred whole.
  await clickAndRead(driver, `${driver.site}/privacy/split-secrets.html?frame=${encodeURIComponent(frameUrl)}`, ['Saved']);
});
