// Record -> review (edit a thought, delete a step, blur a region by dragging
// on the screenshot, confirm) -> export -> the CLI validates the zip; the
// edits are in it, the deleted step is gone with ids renumbered, ShareGPT has
// one <image> per image; `format` and `scrub` work on the real zip. One body,
// run in Chromium and in Firefox.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'puppeteer-core';
import { createOcrReader, type OcrReader } from './ocr-reader';
import { DuckDBInstance } from '@duckdb/node-api';
import { trajectory, sleep, ROOT } from './harness';
import { openReview, testInBothBrowsers, waitForSteps, type RecorderDriver } from './browsers';

let ocr: OcrReader;
const CLI = join(ROOT, 'bin/alien-dataflow.mjs');
before(async () => { ocr = await createOcrReader(); });
after(async () => { await ocr?.close(); });

/** Wait for the review page's status line to say `text`. */
async function status(page: Page, text: string): Promise<void> {
  await page.waitForFunction((t) => document.querySelector('[role=status]')?.textContent?.includes(t), { timeout: 10_000 }, text)
    .catch(async (e: unknown) => { throw new Error(`${String(e)}; status: ${await page.$eval('[role=status]', (el) => el.textContent)}`); });
}

function cli(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

// One browser of each for the three. reviewToCli comes first, in the browser it launches: it reads the whole export.
testInBothBrowsers('review edits reach the export, which the CLI validates, formats and re-scrubs', reviewToCli, {}, true);
testInBothBrowsers('a final state shows the last click\'s result; a task labelled failed in review is all pack --outcome failed keeps', finalStateAndOutcome, {}, true);
testInBothBrowsers('a task whose tab closes keeps that page, as it was when it closed, as its final state', closedTabFinal, {}, true);

/** Records `task` on the final-state page: a click on Add, then on Place order, whose result shows; both steps stored. */
async function placeOrder(driver: RecorderDriver, task: string): Promise<{ page: Page; taskId: string }> {
  const page = await driver.newPage();
  await page.setViewport({ width: 1000, height: 700 });
  await page.goto(`${driver.site}/recorder/final-state.html`);
  const taskId = await driver.startRecording(page, task);
  await page.click('#add');
  await waitForSteps(driver, taskId, 1);
  await page.click('#place');
  await page.waitForSelector('#result:not([hidden])');
  await waitForSteps(driver, taskId, 2);
  return { page, taskId };
}

/** The tab is closed after its last click and Stop is pressed where no recorder runs: the closed page is the final state. */
async function closedTabFinal(driver: RecorderDriver): Promise<void> {
  const { page, taskId } = await placeOrder(driver, 'Place the order, then close the tab');
  const internal = await driver.newPage();
  await internal.goto(driver.browserPage);
  await page.close();
  await internal.bringToFront();
  await driver.stopRecording(internal);
  const zip = await driver.exportZip(internal);
  const final = zip.file(`final/${taskId}.json`);
  assert.ok(final, 'the closed tab\'s page is the final state');
  const state = JSON.parse(await final.async('string')) as { after_step: number; observation: { axtree: string; dom_tree: string; screenshot_path: string | null; screenshot_note?: string } };
  // After the two clicks (and the tab switch to the browser's page, if the recorder saw one).
  assert.equal(state.after_step, (await trajectory(zip)).filter((s) => s.task_id === taskId).length);
  assert.match(state.observation.screenshot_note ?? '', /its tab closed/);
  // Chromium lets the closing page hand its state over. Firefox may end its content script first: its hand-over
  // copy, sent as a message, may still be filed before the tab's close is handled, or the page as of its last
  // step stands in (docs/browsers.md). Either way the state is of the page after the last click.
  const handed = /when its tab closed/.test(state.observation.screenshot_note ?? '');
  if (driver.name === 'chromium') assert.ok(handed, state.observation.screenshot_note);
  if (handed) assert.match(state.observation.axtree, /Order 4711 confirmed/, 'the page as it was when it closed, after the last click');
  else assert.match(state.observation.screenshot_note ?? '', /as of its last step/);
  assert.doesNotMatch(JSON.stringify(state), /jane\.roe/);
  if (state.observation.screenshot_path) {
    assert.doesNotMatch(await ocr.read(await zip.file(state.observation.screenshot_path)!.async('uint8array')), /jane|roe@|example\.com/i);
  }
  await internal.close();
}

/**
 * Issue 26, items 2 and 3: the last click reveals an order number (and an e-mail the blur must hide); Stop takes
 * the final state right after it. In review the task is labelled failed by keyboard alone, another succeeded;
 * the export holds final/<task>.json and .png and the labels; pack --outcome failed keeps only the failed task.
 */
async function finalStateAndOutcome(driver: RecorderDriver): Promise<void> {
  const { page, taskId: failedTask } = await placeOrder(driver, 'Place the order');
  // Stop at once: the step before the click cannot show its result; only the final state can.
  await driver.stopRecording(page);
  await page.reload();
  const okTask = await driver.startRecording(page, 'Add one item');
  await page.click('#add');
  await waitForSteps(driver, okTask, 1);
  await driver.stopRecording(page);

  const review = await openReview(driver, 'Place the order', 2);
  // By keyboard: the radio group's arrows (Not labelled -> Succeeded -> Failed), Tab to the step, the note, Save.
  const none = await review.waitForSelector('::-p-aria([name="Not labelled"][role="radio"])');
  await none!.focus();
  await review.keyboard.press('ArrowRight');
  await review.keyboard.press('ArrowRight');
  assert.equal(await review.$eval('input[name=outcome]:checked', (i) => (i as HTMLInputElement).value), 'failed');
  await review.keyboard.press('Tab');
  assert.equal(await review.evaluate(() => document.activeElement?.id), 'failure-step');
  await review.keyboard.press('ArrowDown');
  await review.keyboard.press('ArrowDown');
  await review.keyboard.press('Tab');
  await review.keyboard.type('Placed the order without a coupon; mail jane.roe@example.com');
  await review.keyboard.press('Tab');
  await review.keyboard.press('Enter');
  await status(review, 'Outcome saved: failed');
  await review.waitForSelector('::-p-text(to review · failed)');
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  await review.screenshot({ path: join(ROOT, `.tmp/review-outcome-${driver.name}.png`) });
  // The reviewer sees the final state under the steps: the page after the last click.
  await (await review.waitForSelector('img[alt="Screenshot of the final state"]', { timeout: 20_000 }))!.scrollIntoView();
  await review.screenshot({ path: join(ROOT, `.tmp/review-final-${driver.name}.png`) });
  await (await review.waitForSelector('::-p-text(Add one item)'))!.click();
  await review.waitForSelector('::-p-aria([name="Thought for step 1"])');
  await (await review.waitForSelector('::-p-aria([name="Succeeded"][role="radio"])'))!.click();
  await (await review.waitForSelector('::-p-aria([name="Save outcome"])'))!.click();
  await status(review, 'Outcome saved: succeeded');
  await review.close();

  const file = await driver.exportZipFile(page);
  const zip = await JSZip.loadAsync(readFileSync(file));
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { tasks: { task_id: string; steps: number; outcome: string | null; failure_step: number | null; outcome_note: string | null; final_state: string | null }[] };
  const a = manifest.tasks.find((t) => t.task_id === failedTask)!;
  assert.deepEqual([a.steps, a.outcome, a.failure_step, a.final_state], [2, 'failed', 2, `final/${failedTask}.json`]);
  assert.match(a.outcome_note!, /^Placed the order without a coupon; mail <REDACTED/, 'the note went through the scrub boundary');
  assert.equal(manifest.tasks.find((t) => t.task_id === okTask)!.outcome, 'succeeded');

  // The final state: its own file, no extra step, and a screenshot of the page after the last click.
  const final = JSON.parse(await zip.file(`final/${failedTask}.json`)!.async('string')) as { after_step: number; observation: { screenshot_path: string; axtree: string; dom_tree: string } };
  assert.equal(final.after_step, 2);
  assert.match(final.observation.axtree, /'Order 4711 confirmed'|Order 4711 confirmed/);
  assert.doesNotMatch(JSON.stringify(final), /jane\.roe/);
  const steps = (await trajectory(zip)).filter((s) => s.task_id === failedTask);
  assert.equal(steps.length, 2);
  const read = async (path: string): Promise<string> => ocr.read(await zip.file(path)!.async('uint8array'));
  const lastBefore = await read(steps[1]!.observation.screenshot_path!);
  assert.doesNotMatch(lastBefore, /4711/, 'the last step\'s screenshot is from before its click');
  const after = await read(final.observation.screenshot_path);
  assert.match(after, /Order\s*4711\s*confirmed/, `the final screenshot shows the click's result: ${after}`);
  assert.doesNotMatch(after, /jane|roe@|example\.com/i, 'the revealed e-mail is blurred in the final screenshot');
  // The done turn of a task labelled failed is left out; its examples are its two steps.
  const share = (await zip.file('sharegpt.jsonl')!.async('string')).trim().split('\n').map((l) => JSON.parse(l) as { id: string; conversations: { value: string }[] });
  assert.equal(share.filter((e) => e.id.startsWith(failedTask)).length, 2);

  const dir = mkdtempSync(join(tmpdir(), 'adf-outcome-'));
  const valid = cli('validate', file);
  assert.equal(valid.code, 0, valid.err);
  const packed = cli('pack', file, '--out', join(dir, 'failed'), '--outcome', 'failed', '--split', '1,0,0');
  assert.equal(packed.code, 0, packed.err);
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const rows = (await db.runAndReadAll(`SELECT task_id, step_id, outcome, failure_step, final_observation.url AS final_url, octet_length(final_image.bytes) AS final_png
    FROM read_parquet('${join(dir, 'failed', 'data')}/*.parquet') ORDER BY step_id`)).getRowObjectsJson();
  assert.deepEqual(rows.map((r) => [r.task_id, r.step_id, r.outcome, r.failure_step]), [[failedTask, 1, 'failed', 2], [failedTask, 2, 'failed', 2]]);
  assert.equal(rows[0]!.final_url, null);
  assert.match(String(rows[1]!.final_url), /final-state\.html/);
  assert.ok(Number(rows[1]!.final_png) > 1000, 'the final screenshot is on the last row');
  await page.close();
}

async function reviewToCli(driver: RecorderDriver): Promise<void> {
  const page = await driver.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(`${driver.site}/demo/index.html`);
  const taskId = await driver.startRecording(page, 'Add two items to the cart');
  const buttons = await page.$$('button.add');
  for (const [i, b] of [buttons[0]!, buttons[1]!, buttons[2]!].entries()) {
    await b.click();
    await waitForSteps(driver, taskId, i + 1);
    await sleep(700);
  }
  await driver.stopRecording(page);

  const review = await openReview(driver, 'Add two items to the cart');

  // Edit the thought of step 2 (saved when the field loses focus).
  const thought = await review.waitForSelector('::-p-aria([name="Thought for step 2"])');
  // Select the whole thought by keyboard (a triple click selects only a line in Firefox).
  await thought!.click();
  await review.keyboard.down('Control');
  await review.keyboard.press('KeyA');
  await review.keyboard.up('Control');
  await review.keyboard.type('The cart needs a second item, so I add the HDMI adapter.');
  await review.keyboard.press('Tab');
  await status(review, 'Thought for step 2 saved');

  // Blur the shop's heading in step 1 by dragging a rectangle on the screenshot.
  await (await review.waitForSelector('::-p-aria([name="Blur a region in step 1"])'))!.click();
  const img = await review.waitForSelector('img[alt="Screenshot before step 1"]');
  await img!.scrollIntoView();
  const box = (await img!.boundingBox())!;
  const scale = box.width / 1280;
  await review.mouse.move(box.x + 10 * scale, box.y + 10 * scale);
  await review.mouse.down();
  await review.mouse.move(box.x + 260 * scale, box.y + 50 * scale, { steps: 5 });
  await review.mouse.move(box.x + 300 * scale, box.y + 90 * scale, { steps: 5 });
  await review.mouse.up();
  await status(review, 'Region blurred in step 1');

  // And by keyboard alone: the rectangle starts on the step's target (the first "Add to cart"), arrows move and
  // Shift+arrows size it, Enter blurs.
  const kbd = await review.waitForSelector('::-p-aria([name="Blur a region in step 1"])');
  await kbd!.focus();
  await review.keyboard.press('Enter');
  await review.waitForFunction(() => document.activeElement?.getAttribute('role') === 'application');
  await review.keyboard.press('ArrowRight');
  await review.keyboard.down('Shift');
  await review.keyboard.press('ArrowRight');
  await review.keyboard.up('Shift');
  const before = await review.$eval('img[alt="Screenshot before step 1"]', (i) => (i as HTMLImageElement).src);
  await review.keyboard.press('Enter');
  // The stored image changed, so the card loads it again.
  await review.waitForFunction((src) => {
    const now = (document.querySelector('img[alt="Screenshot before step 1"]') as HTMLImageElement | null)?.src;
    return now && now !== src;
  }, { timeout: 10_000 }, before);

  // Delete step 3, then confirm the task.
  await (await review.waitForSelector('::-p-aria([name="Delete step 3"])'))!.click();
  await status(review, 'Step 3 deleted');
  await (await review.waitForSelector('::-p-aria([name="Confirm task"])'))!.click();
  await review.waitForSelector('::-p-aria([name="Unconfirm task"])');
  await review.close();

  const zip = await driver.exportZip(page);
  const steps = await trajectory(zip);
  assert.deepEqual(steps.map((s) => s.step_id), [1, 2], 'deleted step gone, ids renumbered');
  assert.equal(steps[1]!.thought_trace, 'The cart needs a second item, so I add the HDMI adapter.');
  assert.ok(steps.every((s) => (s as unknown as { confirmed: boolean }).confirmed), 'steps of a confirmed task are marked confirmed');
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { tasks: { confirmed: boolean }[]; counts: { steps: number } };
  assert.equal(manifest.tasks[0]!.confirmed, true);
  assert.equal(manifest.counts.steps, 2);

  // The blurred heading is no longer readable; in step 2 it still is.
  const read = async (path: string): Promise<string> => ocr.read(await zip.file(path)!.async('uint8array'));
  assert.doesNotMatch(await read(steps[0]!.observation.screenshot_path!), /Demo\s*shop/i);
  assert.match(await read(steps[1]!.observation.screenshot_path!), /Demo\s*shop/i);
  const addToCart = (text: string): number => (text.match(/Add\s*to\s*cart/gi) ?? []).length;
  assert.equal(addToCart(await read(steps[0]!.observation.screenshot_path!)), 2, 'the keyboard-blurred button is unreadable');
  assert.equal(addToCart(await read(steps[1]!.observation.screenshot_path!)), 3);

  // Dialogues that train as exported (LLaMA-Factory's loader rules): one example per step plus the done turn of a
  // confirmed task; turns alternate human/gpt in pairs; one <image> per image, every path in the zip; under 8k tokens.
  const sharegpt = (await zip.file('sharegpt.jsonl')!.async('string')).trim().split('\n').map((l) => JSON.parse(l) as { system: string; conversations: { from: string; value: string }[]; images: string[] });
  assert.equal(sharegpt.length, 3);
  for (const ex of sharegpt) {
    assert.equal(ex.conversations.length % 2, 0);
    ex.conversations.forEach((c, i) => assert.equal(c.from, i % 2 === 0 ? 'human' : 'gpt'));
    const placeholders = ex.conversations.reduce((n, c) => n + (c.value.match(/<image>/g) ?? []).length, 0);
    assert.equal(placeholders, ex.images.length);
    for (const img of ex.images) assert.ok(zip.file(img), `${img} resolves inside the zip`);
    const tokens = Math.ceil((ex.system.length + ex.conversations.reduce((n, c) => n + c.value.length, 0)) / 4) + 800 * ex.images.length;
    assert.ok(tokens <= 8192, `an example is about ${tokens} tokens`);
    assert.match(ex.conversations[0]!.value, /Task: /, 'every example repeats the task');
  }
  // The done turn sees the task's final state: the page after the last action, its own screenshot.
  assert.deepEqual(sharegpt.map((e) => e.images.length), [1, 1, 1]);
  assert.match(sharegpt[2]!.images[0]!, /^final\/[\w-]+\.png$/);
  assert.match(sharegpt[2]!.conversations.at(-1)!.value, /Action: \{"type":"done"\}$/);
  const info = JSON.parse(await zip.file('dataset_info.json')!.async('string')) as Record<string, { file_name: string; columns: Record<string, string> }>;
  assert.equal(info.alien_dataflow!.file_name, 'sharegpt.jsonl');
  assert.equal(info.alien_dataflow!.columns.system, 'system', 'the system prompt is mapped, not replaced by a template default');
  assert.ok(zip.file('schema/step.schema.json'));

  // The CLI on the real zip.
  const dir = mkdtempSync(join(tmpdir(), 'adf-cli-'));
  const file = join(dir, 'export.zip');
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
  const valid = cli('validate', file);
  assert.equal(valid.code, 0, valid.err);
  assert.match(valid.out, /OK: 1 tasks, 2 steps/);
  const stats = JSON.parse(cli('stats', file, '--json').out) as { steps: number; actions: Record<string, number> };
  assert.equal(stats.steps, 2);
  assert.deepEqual(stats.actions, { click: 2 });
  const fmt = cli('format', file, '--out', join(dir, 'formatted'), '--action-style', 'call');
  assert.equal(fmt.code, 0, fmt.err);
  assert.match(readFileSync(join(dir, 'formatted/sharegpt.jsonl'), 'utf8'), /Action: click\(element_id=\d+, x=/);

  // Re-scrub with a config that also redacts the word "cart".
  const config = readFileSync(join(ROOT, 'config/scrubber.yaml'), 'utf8')
    .replace('custom_rules: []', 'custom_rules:\n  - name: cart_word\n    pattern: "\\\\bcart\\\\b"\n    tag: CART')
    .replace('style: generic', 'style: typed');
  writeFileSync(join(dir, 'strict.yaml'), config);
  const scrubbed = cli('scrub', file, join(dir, 'scrubbed.zip'), '--config', join(dir, 'strict.yaml'));
  assert.equal(scrubbed.code, 0, scrubbed.err);
  assert.equal(cli('validate', join(dir, 'scrubbed.zip')).code, 0);
  const out = await JSZip.loadAsync(readFileSync(join(dir, 'scrubbed.zip')));
  const text = await out.file('trajectory.jsonl')!.async('string');
  assert.doesNotMatch(text.replaceAll('<CART>', '').replaceAll('&lt;CART&gt;', ''), /\bcart\b/i);
  assert.match(text, /<CART>/);
  // The screenshots are re-scrubbed too: "Add to cart" was readable before, and OCR no longer finds "cart".
  const shot = steps[1]!.observation.screenshot_path!;
  assert.match(await read(shot), /cart/i);
  const rescrubbed = await ocr.read(await out.file(shot)!.async('uint8array'));
  assert.doesNotMatch(rescrubbed, /\bcart\b/i);
  assert.match(rescrubbed, /Demo\s*shop/i, 'the rest of the screenshot stays readable');
  const report = JSON.parse(await out.file('scrub_report.json')!.async('string')) as { totals: Record<string, number> };
  assert.ok((report.totals['ocr:cart_word'] ?? 0) > 0, JSON.stringify(report.totals));
  assert.match(scrubbed.out, /screenshots had text blurred/);

  // Bad input gets a clear message.
  const bad = cli('validate', join(dir, 'strict.yaml'));
  assert.equal(bad.code, 1);
  assert.match(bad.err, /not a readable export zip: no zip directory found/);
  assert.ok(execFileSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' }).includes('usage:'));
  await page.close();
}
