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
// Every check reads what the extension stored too (IndexedDB and storage.local), not only the export: every
// planted secret, whole and as each half.
// Runs in Chromium and in Firefox, one browser of each for the file.
import assert from 'node:assert/strict';
import { trajectory, type ExportedStep } from './harness';
import { dumpStorage } from './extension-store';
import { testInBothBrowsers, waitForSteps, type RecorderDriver } from './browsers';
import { createPsmReader, PSM, readable } from './rendering-helpers';

/**
 * A secret a page plants, whole and as the pieces it splits it into (a piece readable or stored alone is a leak
 * too); `joined` is the whole as the DOM's text runs the pieces together, where that differs.
 */
interface Planted { whole: string; joined?: string; halves: readonly string[] }

/** split-secrets.html: a card in two spans, an IBAN whose second half the page cuts, a card in two inline blocks. */
const INLINE: readonly Planted[] = [
  { whole: '4111 1111 1111 1111', halves: ['4111', ' 1111 1111 1111'] },
  { whole: 'GB29 NWBK 6016 1331 9268 19', halves: ['GB29 NWBK 6016', ' 1331 9268 19'] },
  { whole: '5500 0055 5555 5559', halves: ['5500', ' 0055 5555 5559'] },
];
/** split-secrets-frame.html, in a same-origin frame and in a frame of another origin. */
const FRAMED: readonly Planted[] = [{ whole: '6011 1111 1111 1117', halves: ['6011', ' 1111 1111 1117'] }];

/** Every string of `planted`, whole and each half (a half's leading space, as the page writes it, trimmed). */
const piecesOf = (planted: readonly Planted[]): string[] =>
  planted.flatMap((p) => [p.whole, ...(p.joined ? [p.joined] : []), ...p.halves.map((h) => h.trim())]);

/**
 * The pieces found in `text`. A lone group of digits ('4111') is looked for as a token of its own, not inside a
 * longer number, a JSON number, an id or encoded bytes, where four digits occur by chance (a timestamp, a byte
 * count); any other piece anywhere.
 */
function found(text: string, pieces: readonly string[]): string[] {
  return pieces.filter((p) => (/^\d+$/.test(p) ? new RegExp(`(?<![\\w+/:,.\\[-])${p}(?![\\w.-])`).test(text) : text.includes(p)));
}

/**
 * What the extension stored (IndexedDB and storage.local, read by the one storage reader) holds none of `pieces`.
 * `keptStepOf` names a task whose first stored step a test means to keep them in (its premise): that step is left out.
 */
async function assertNoneStored(driver: RecorderDriver, pieces: readonly string[], keptStepOf?: string): Promise<void> {
  const dump = await dumpStorage(await driver.extensionPage());
  let text = dump;
  if (keptStepOf !== undefined) {
    const [[steps, ...rest], local] = JSON.parse(dump) as [unknown[][], unknown];
    const rows = steps as { taskId: string; seq: number }[];
    const first = Math.min(...rows.filter((r) => r.taskId === keptStepOf).map((r) => r.seq));
    const kept = rows.filter((r) => r.taskId !== keptStepOf || r.seq !== first);
    assert.equal(kept.length, rows.length - 1, `in ${driver.name}: the step left out is stored`);
    text = JSON.stringify([[kept, ...rest], local]);
  }
  assert.deepEqual(found(text, pieces), [], `in ${driver.name}: IndexedDB and storage.local hold none of the pieces`);
}

/**
 * Records a click on `url` (loaded with its frames), exports, and checks every file, every screenshot and what the
 * extension stored for `planted`; resolves to the recorded steps.
 */
async function clickAndRead(driver: RecorderDriver, url: string, planted: readonly Planted[], ownWords: string[] = []): Promise<ExportedStep[]> {
  const pieces = piecesOf(planted);
  const page = await driver.newPage();
  await page.setViewport({ width: 1000, height: 800 });
  // The load event waits for the page's frames.
  await page.goto(url);
  const taskId = await driver.startRecording(page, 'Pay the bill');
  await page.click('#pay');
  await waitForSteps(driver, taskId, 1);
  await driver.stopRecording(page);

  const zip = await driver.exportZip(page);
  const steps = (await trajectory(zip)).filter((s) => s.task_id === taskId);
  assert.ok(steps.length >= 1, 'the click is recorded');
  for (const name of Object.keys(zip.files)) {
    const file = zip.file(name);
    if (!file || name.endsWith('.png')) continue;
    assert.deepEqual(found(await file.async('string'), pieces), [], `${name} holds none of the pieces`);
  }
  // OCR reads the pieces longer than a lone group of four digits, which a blur's noise may be read as.
  const painted = pieces.filter((p) => p.replace(/\s/g, '').length > 4);
  const readers = await Promise.all([createPsmReader(PSM.AUTO), createPsmReader(PSM.SPARSE_TEXT)]);
  try {
    // This task's screenshots (the browser is shared with the file's other tests, whose tasks are in the export too).
    const pngs = Object.keys(zip.files).filter((n) => n.endsWith('.png') && n.includes(taskId));
    assert.ok(pngs.length >= 1, `screenshots: ${pngs.length}`);
    for (const name of pngs) {
      const png = await zip.file(name)!.async('uint8array');
      // Both modes at once: each reader is a tesseract worker of its own.
      const texts = await Promise.all(readers.map((reader) => reader.read(png, 2)));
      for (const text of texts) assert.deepEqual(painted.filter((s) => readable(text, s)), [], `${name} shows none of the pieces (OCR read: ${text})`);
      const all = texts.join('\n');
      // The page's own words stay readable: the OCR above is not reading noise, and the blur is not the whole page.
      for (const words of ['Payment summary', 'Pay now', ...ownWords]) assert.ok(readable(all, words), `${name}: '${words}' is read (${all})`);
    }
  } finally {
    await Promise.all(readers.map((r) => r.close()));
  }
  await assertNoneStored(driver, pieces);
  await page.close();
  return steps;
}

// Built from the commit before the page read its tree with the run pass, this read "Card on file 4111 1111 1111
// 1111", "Refund to GB29 NWBK 6016" and "Backup card 5500" in the click's screenshot.
testInBothBrowsers('a secret split across inline pieces is blurred in every screenshot, as it is cut from the trees', async (driver) => {
  await clickAndRead(driver, `${driver.site}/privacy/split-secrets.html`, INLINE);
}, {}, true);

testInBothBrowsers('a secret split across inline pieces in a same-origin frame and in a frame of another origin is blurred too', async (driver) => {
  const frameUrl = `${driver.other.replace('127.0.0.1', 'localhost')}/privacy/split-secrets-frame.html`;
  // The frames' own words are read: they are painted, and not blurred whole.
  await clickAndRead(driver, `${driver.site}/privacy/split-secrets.html?frame=${encodeURIComponent(frameUrl)}`, [...INLINE, ...FRAMED], ['Saved']);
}, {}, true);

const HALVES = ['jane.doe', 'example.com', 'john.roe', 'example.org', 'ann.poe', 'example.net'];
/** The chips' emails, whole and each half as the page writes it (config/scrubber.yaml, kept in storage.local, names `jane%40example.com`). */
const CHIPS: readonly Planted[] = [
  { whole: 'jane.doe@example.com', halves: ['jane.doe', '@example.com'] },
  { whole: 'john.roe@example.org', halves: ['john.roe', '@example.org'] },
  { whole: 'ann.poe@example.net', halves: ['ann.poe', '@example.net'] },
];

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
  // Stored: no email whole anywhere, and no half but in the first step, which saw them as lines.
  await assertNoneStored(driver, CHIPS.map((c) => c.whole));
  await assertNoneStored(driver, piecesOf(CHIPS), taskId);
  await page.close();
}, {}, true);
