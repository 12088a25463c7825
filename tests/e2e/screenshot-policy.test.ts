// Policy before pixels: a page of a site the config excludes (never_record or no_screenshots) is never in a
// stored or exported frame: not the page recording starts on, not the page a navigation leaves, and not a
// frame of that site inside a page that is recorded (blurred whole there). Every exported frame is read by
// OCR for the excluded page's words, while the recorded page's own words stay readable.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createOcrReader, type OcrReader } from './ocr-reader';
import { sleep, trajectory, waitFor } from './harness';
import { editConfig, testInBothBrowsers, waitForSteps, type RecorderDriver } from './browsers';
import { dumpStorage } from './extension-store';

const MARKERS = ['orchid', 'lantern', 'quarry', 'marigold'];
const squash = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '');

let ocr: OcrReader;
before(async () => { ocr = await createOcrReader({ workers: 2 }); });
after(async () => { await ocr?.close(); });

const setSites = (driver: RecorderDriver, key: 'never_record' | 'no_screenshots', hosts: string[]): Promise<void> =>
  editConfig(driver, (text) => text.replace(new RegExp(`${key}: \\[[^\\]]*\\]`), `${key}: [${hosts.join(', ')}]`));

for (const key of ['never_record', 'no_screenshots'] as const) {
  testInBothBrowsers(`${key}: the excluded site is in no frame, at Start, when left, or as a frame inside a recorded page`, async (driver) => {
    await setSites(driver, key, ['localhost']);
    const excluded = `${driver.other.replace('127.0.0.1', 'localhost')}/privacy/excluded.html`;
    const page = await driver.newPage();
    await page.setViewport({ width: 1000, height: 700 });
    // 1. Recording starts on the excluded site; the person works there, then goes to a recorded page.
    await page.goto(excluded);
    await sleep(300);
    const taskId = await driver.startRecording(page, 'Leave the portal and check out');
    await page.click('#inside');
    await sleep(600);
    // 2. The recorded page holds a frame of the excluded site.
    await page.goto(`${driver.site}/privacy/media.html?frame=${encodeURIComponent(excluded)}`);
    const frame = await waitFor(() => page.frames().find((f) => f.url().startsWith(excluded)));
    await frame.waitForSelector('#inside');
    await sleep(600);
    const before = await driver.storedSteps(taskId);
    await page.click('#step-1');
    await waitForSteps(driver, taskId, before + 1);
    await sleep(700);
    await page.click('#step-2');
    await waitForSteps(driver, taskId, before + 2);
    // The control: unblurred, OCR reads the excluded frame's words on this page.
    const raw = squash(await ocr.read(new Uint8Array(await page.screenshot({ type: 'png' })), 2));
    assert.ok(MARKERS.filter((m) => raw.includes(m)).length >= 2, `OCR reads the excluded frame unblurred: ${raw.slice(0, 200)}`);
    // 3. A look at the excluded site in another tab, nothing done there, then back to the recorded page.
    const look = await driver.newPage();
    await look.goto(excluded);
    await look.bringToFront();
    await sleep(800);
    await page.bringToFront();
    await sleep(900);
    await page.click('#step-1');
    await waitForSteps(driver, taskId, before + 5);
    await look.close();
    await driver.stopRecording(page);

    const zip = await driver.exportZip(page);
    const all = (await trajectory(zip)).filter((s) => s.task_id === taskId);
    // The look at the other tab: the switch there and the switch back are both steps, and the switch back, from the
    // excluded site, has no frame of it (never_record: nothing of it at all, not its address or title either).
    const switches = all.filter((s) => s.action.type === 'tab_switch');
    assert.equal(switches.length, 2, `the switch to the excluded tab and back: ${all.map((s) => s.action.type).join(', ')}`);
    assert.equal(switches[1]!.observation.screenshot_path, null, 'no frame of the excluded tab');
    if (key === 'never_record') {
      // (The recorded page's own address names the excluded frame's: only what the switches say of the excluded tab counts.)
      const [into, back] = switches as [typeof switches[0], typeof switches[0]];
      assert.equal(into.action.url, '', 'the switch to the excluded tab keeps no address of it');
      assert.deepEqual([back.observation.url, back.observation.active_window, back.observation.dom_tree], ['', '', '<html id="1"/>'], 'the switch back keeps nothing of the excluded page');
      assert.match((switches[1]!.observation as { screenshot_note?: string }).screenshot_note ?? '', /excluded from recording/);
    }
    const steps = all.filter((s) => s.action.type !== 'tab_switch');
    assert.ok(steps.filter((s) => s.action.type === 'click').length >= 2, steps.map((s) => s.action.type).join(', '));
    if (key === 'never_record') {
      // Nothing of the excluded page: no click there, and the navigation away from it keeps no address or title.
      const there = steps.filter((s) => String(s.observation.url ?? '').startsWith('http://localhost') || s.target?.name === 'Marigold');
      assert.deepEqual(there.map((s) => s.action.type), [], `no step on the excluded site: ${JSON.stringify(there.map((s) => ({ a: s.action, u: s.observation.url, w: s.observation.active_window, n: (s.observation as { screenshot_note?: string }).screenshot_note })))}`);
      const nav = steps.find((s) => s.action.type === 'navigate');
      if (nav) assert.doesNotMatch(`${nav.observation.active_window} ${String(nav.observation.url ?? '')}`, /orchid|localhost/i, 'the left page keeps no title or address');
    }
    if (key === 'never_record') {
      // Nor anything the extension keeps: IndexedDB (steps, tasks, pending steps, final states) and storage.local
      // hold none of the excluded page's words (its title is "Orchid Lantern private portal").
      const kept = (await dumpStorage(await driver.extensionPage())).toLowerCase();
      assert.deepEqual(MARKERS.filter((m) => kept.includes(m)), [], 'the excluded page\'s words in IndexedDB or storage.local');
    }
    // Every frame read at once (both OCR workers busy), the tab switches' too, then checked in step order.
    const shot = all.filter((s) => s.observation.screenshot_path);
    const texts = await Promise.all(shot.map(async (s) => ocr.read(await zip.file(s.observation.screenshot_path!)!.async('uint8array'), 2)));
    let read = 0;
    for (const [i, s] of shot.entries()) {
      const text = texts[i]!;
      const seen = MARKERS.filter((m) => squash(text).includes(m));
      assert.deepEqual(seen, [], `step ${s.step_id} (${s.action.type}): the excluded site is readable`);
      if (s.action.type === 'click' && /Checkout/.test(text)) read++;
    }
    assert.ok(read >= 2, 'the recorded page\'s own text stays readable in its clicks\' frames');
    // The final state (issue 26, item 2) goes through the same policy: the excluded frame is blurred in it too.
    const finalShot = `final/${taskId}.png`;
    assert.ok(zip.file(finalShot), 'a final state of the recorded page');
    const finalText = squash(await ocr.read(await zip.file(finalShot)!.async('uint8array'), 2));
    assert.deepEqual(MARKERS.filter((m) => finalText.includes(m)), [], 'the excluded site is readable in the final state');

    // A task that ends on the excluded site: no final state at all (never_record), or one without a screenshot.
    await page.goto(excluded);
    await sleep(300);
    const onSite = await driver.startRecording(page, 'Stay on the portal');
    await page.click('#inside');
    if (key === 'no_screenshots') await waitForSteps(driver, onSite, 1);
    await driver.stopRecording(page);
    const second = await driver.exportZip(page);
    const finalJson = second.file(`final/${onSite}.json`);
    assert.equal(second.file(`final/${onSite}.png`), null, 'no final screenshot of the excluded site');
    if (key === 'never_record') assert.equal(finalJson, null, 'no final state on a site never recorded');
    else {
      const f = JSON.parse(await finalJson!.async('string')) as { observation: { screenshot_path: string | null; screenshot_note?: string } };
      assert.deepEqual([f.observation.screenshot_path, f.observation.screenshot_note], [null, 'site configured without screenshots']);
    }
    await setSites(driver, key, []);
    await page.close();
  }, {}, true);
}
