// The privacy filter on a page shaped like the world's, not like its rules:
// German table headers, a <dl>, French and Spanish phones and dates, handles,
// a signed link, a Telegram bot token, an itemprop name and a profile link.
// After recording and export none of these values is in any file of the zip
// or readable by OCR in its screenshots, and product names that look like
// names, versions and order numbers survive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowserAndOcr, type OcrReader } from './ocr-reader';
import { startRecording, stopRecording, exportZip, trajectory, sleep, waitFor, storedStepCount, type Session } from './harness';

const VALUES = [
  'Jürgen Oberhuber', '030 12345678', '3. Februar 1987', 'Karl-Marx-Allee 34, 10178 Berlin', 'C01X00T47', '01 42 68 53 00',
  '21 novembre 1985', 'Martín', '912 345 678', '@finn_ops', 'u/quietmoth', 'Oluwaseun Adebayo-Okafor', 'kwame.asante',
  '8f3a9c2e7d1b4a6f0e5d', '5123456789:AAHk3mLqP9vR2sT8wX4yZ6bC1dF7gJ0nQ5e',
];
const KEPT = ['Granny Smith apples', 'Earl Grey tea', 'Version 2.14.3', 'Order 305-1234567-7654321', 'Kunde', 'Geburtsdatum', 'Reisepass-Nr.', 'files.example.com/report.pdf'];

const squash = (s: string): string => s.toLowerCase().replace(/[\s\-.()+:_/]/g, '');
const leaks = (haystack: string): string[] => VALUES.filter((v) => haystack.includes(v) || squash(haystack).includes(squash(v)));

let session: Session;
let ocr: OcrReader;
withBrowserAndOcr((s, o) => {
  session = s;
  ocr = o;
}, { workers: 2 });

test('values only the page\'s language and structure identify are scrubbed; look-alikes stay', async () => {
  const page = await session.browser.newPage();
  await page.setViewport({ width: 1100, height: 800 });
  await page.goto(`${session.site.url}/privacy/world.html`);
  await startRecording(session.browser, page, 'Check the customer record');
  await sleep(800);
  await page.click('#go');
  await waitFor(async () => (await storedStepCount(session.browser, page)) >= 1, 20_000);
  await page.click('h1');
  await waitFor(async () => (await storedStepCount(session.browser, page)) >= 2, 20_000);
  await stopRecording(session.browser, page);

  const zip = await exportZip(session, page);
  const steps = await trajectory(zip);
  assert.ok(steps.length >= 2);
  for (const name of Object.keys(zip.files)) {
    const file = zip.file(name);
    if (!file || name.endsWith('.png')) continue;
    assert.deepEqual(leaks(await file.async('string')), [], `${name} holds none of the values`);
  }
  const text = steps[steps.length - 1]!.observation.dom_tree.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&');
  for (const k of KEPT) assert.ok(text.includes(k), `"${k}" survives`);

  // Every frame read at once (both OCR workers busy), then checked in step order.
  const reads = await Promise.all(steps.map(async (step) => ocr.read(await zip.file(step.observation.screenshot_path!)!.async('uint8array'))));
  let ocrText = '';
  for (const [i, step] of steps.entries()) {
    const read = reads[i]!;
    ocrText += read;
    assert.deepEqual(leaks(read), [], `OCR of ${step.observation.screenshot_path} finds none of the values`);
  }
  assert.match(ocrText, /Kundenkonto/, 'OCR reads the screenshots');
  await page.close();
});
