// Text leaks closed by scrubbing every string where it is final (issue 23): a
// page plants a card number in a button beside a row number, a GitHub token
// across the 200th character of a label, a one-time code typed into a field
// known only by its name and label, Alt-characters typed into a password field
// inside a closed shadow root, a button whose id is a card number, a
// hash-route OAuth callback, a password shown as text by the page's "Show"
// button (in its field, and spelled out in a span beside it), and the review page gets a thought with a pasted e-mail. None of
// it may reach the zip, IndexedDB or storage.local.
// Runs in Chromium and in Firefox.
import assert from 'node:assert/strict';
import type { Page } from 'puppeteer-core';
import { dumpStorage, sleep, trajectory } from './harness';
import { openReview, testInBothBrowsers, waitForSteps } from './browsers';
import { PNG } from 'pngjs';
import { PSM, readable } from './rendering-helpers';
import { createOcrReader, inTurn } from './ocr-reader';
import { planReads, recentlyDecoded } from './changed-band';

const CARD = '5555 5555 5555 4444';
const TOKEN = 'ghp_Zq8RkT2vLm9XwN4pYs7HjC3bQx1Ae5Uo6Ii0';
const CODE = '739164';
const VAULT_PASSWORD = 'Tr0ub4dorVault';
/** Typed into a field marked only by type="password", which the page's Show button then makes type="text". */
const DOOR_WORD = 'MarigoldHarbor42';
const EMAIL = 'paste.me.private@example-mail.org';
const THOUGHT = `I am done, then I mail ${EMAIL} about the refund.`;

/** Planted values, and parts of them that must not survive either. */
const ID_CARD = '4012888888881881';
const OAUTH_CODE = 'SplxlOBeZQQYbYS6WxSbIA';
const SECRETS = [CARD, CARD.replace(/ /g, ''), '5555 4444', 'ghp_', TOKEN.slice(4, 14), VAULT_PASSWORD, DOOR_WORD, 'Marigold', 'Alt+q', 'Alt+7', EMAIL, 'paste.me.private',
  ID_CARD, ID_CARD.slice(1), '34 012888', OAUTH_CODE];
/** The code as a number of its own (a timestamp may hold the same six digits). */
const CODE_ALONE = new RegExp(`(?<!\\d)${CODE}(?!\\d)`);

const found = (text: string): string[] => [...SECRETS.filter((s) => text.includes(s)), ...(CODE_ALONE.test(text) ? [CODE] : [])];

/** Wait for the review page's status line to say `text`. */
async function status(page: Page, text: string): Promise<void> {
  await page.waitForFunction((t) => document.querySelector('[role=status]')?.textContent?.includes(t), { timeout: 10_000 }, text)
    .catch(async (e: unknown) => { throw new Error(`${String(e)}; status: ${await page.$eval('[role=status]', (el) => el.textContent)}`); });
}

testInBothBrowsers('a card beside a row number, a token past the cut, a one-time code, a password shown as text, Alt keys in a closed-shadow password and a pasted e-mail in a review edit never leak', async (driver) => {
  const page = await driver.newPage();
  await page.setViewport({ width: 1000, height: 800 });
  await page.goto(`${driver.site}/privacy/leak-text.html`);
  const taskId = await driver.startRecording(page, 'Tidy the account settings');
  let n = 0;
  const stored = async (more = 1): Promise<void> => {
    n += more;
    await waitForSteps(driver, taskId, n);
    await page.bringToFront();
    await sleep(300);
  };

  // On "Row 7", the button's own text: a click on the bold card number targets the <b>, whose name is only the card.
  await page.click('#row7', { offset: { x: 12, y: 8 } });
  await stored();
  await page.click('#deploy');
  await stored();
  await page.click('#otp');
  await stored();
  await page.keyboard.type(CODE, { delay: 40 });
  await page.click('#after-otp'); // leaves the field: its type step, then this click
  await stored(2);
  // A password, then the page's Show: the field is type="text" from here on, its value painted in every frame.
  await page.click('#door-word');
  await stored();
  await page.keyboard.type(DOOR_WORD, { delay: 30 });
  await page.click('#show-door'); // its type step, then this click
  await stored(2);
  assert.equal(await page.$eval('#door-word', (f) => (f as HTMLInputElement).type), 'text');
  assert.equal(await page.$eval('#door-echo', (s) => s.textContent), DOOR_WORD);
  // The control: the page as the browser paints it now, unblurred, read by the same OCR below.
  const shown = await page.screenshot({ type: 'png' });
  // The closed root's password field: clicked (a step on the host), focused, typed in, with Alt-characters.
  await page.click('#vault');
  await stored();
  await page.evaluate(() => (window as unknown as { focusVault: () => void }).focusVault());
  await page.keyboard.type(VAULT_PASSWORD, { delay: 30 });
  await page.keyboard.down('Alt');
  await page.keyboard.press('q');
  await page.keyboard.press('7');
  await page.keyboard.up('Alt');
  // A button whose id is a card number, then a hash-route callback link: the address now holds the code.
  await page.click('[id="4012888888881881"]');
  await stored();
  await page.click('#callback');
  await stored();
  await page.click('#done');
  await stored();
  await driver.stopRecording(page);

  // The reviewer pastes an e-mail into the last step's thought (the Done click).
  const review = await openReview(driver, 'Tidy the account settings');
  const last = await review.$$eval('textarea[id^="thought-"]', (boxes) => boxes.length);
  const thought = await review.waitForSelector(`::-p-aria([name="Thought for step ${last}"])`);
  await thought!.click();
  await review.keyboard.down('Control');
  await review.keyboard.press('KeyA');
  await review.keyboard.up('Control');
  await review.keyboard.type(THOUGHT);
  await review.keyboard.press('Tab');
  await status(review, `Thought for step ${last} saved`);
  // The card shows the thought as stored: scrubbed.
  await review.waitForFunction((id, secret) => {
    const box = document.getElementById(id) as HTMLTextAreaElement | null;
    return !!box && box.value.startsWith('I am done') && !box.value.includes(secret);
  }, { timeout: 10_000 }, `thought-${last}`, EMAIL);
  await review.close();

  const zip = await driver.exportZip(page);
  const steps = (await trajectory(zip)).filter((s) => s.task_id === taskId);
  const described = steps.map((s) => `${s.step_id} ${s.action.type}${s.action.key ? `:${s.action.key}` : ''} '${s.target?.name ?? ''}'`).join('; ');
  assert.ok(steps.length >= 7, described);
  assert.deepEqual(steps.filter((s) => s.action.type === 'key').map((s) => s.action.key), [], `no key step from the closed-shadow password: ${described}`);
  const row = steps.find((s) => s.target?.name.startsWith('Row'));
  assert.ok(row, `the row's click is recorded: ${described}`);
  assert.match(row.thought_trace, /^Click the 'Row (?:7 )?<[A-Z_]+>' button\.$/);
  const deploy = steps.find((s) => s.target?.name.startsWith('Rotate the deploy key'));
  assert.ok(deploy, `the deploy click is recorded: ${described}`);
  assert.ok(deploy.target!.name.length <= 200, `the name is cut to 200: ${deploy.target!.name.length}`);
  assert.deepEqual(steps.filter((s) => s.action.type === 'type').map((s) => s.action.text), ['<REDACTED:credential>', '<REDACTED:credential>'], 'the one-time code and the password are never recorded');
  const saved = steps.find((s) => s.target?.name === 'Saved card');
  assert.ok(saved, `the saved-card click is recorded: ${described}`);
  const done = steps.find((s) => s.target?.name === 'Done');
  assert.ok(done?.observation.url?.includes('#/callback?code='), `the callback's address keeps its shape: ${done?.observation.url}`);
  const edited = steps.find((s) => s.thought_trace.startsWith('I am done'));
  assert.ok(edited, `the edited thought is exported: ${steps.map((s) => s.thought_trace).join(' | ')}`);
  assert.match(edited.thought_trace, /^I am done, then I mail <[A-Z_]+> about the refund\.$/);

  for (const name of Object.keys(zip.files)) {
    const file = zip.file(name);
    if (!file || name.endsWith('.png')) continue;
    assert.deepEqual(found(await file.async('string')), [], `${name} holds none of the planted values`);
  }
  // The pixels too: every exported screenshot read at 2x in two page segmentation modes holds none of the values
  // the page painted (the card and the token in buttons, the code typed into its field, the password shown as
  // text). A screenshot that differs
  // from one read whole in a band of rows only is read in that band (its other pixels are that one's, read already).
  const ocr = await createOcrReader({ workers: 2 });
  try {
    const names = Object.keys(zip.files).filter((n) => n.endsWith('.png'));
    assert.ok(names.length >= steps.length - 1, `screenshots: ${names.length} for ${steps.length} steps`);
    const pngs = await Promise.all(names.map((name) => zip.file(name)!.async('uint8array')));
    const plan = planReads(pngs.length, recentlyDecoded((i) => PNG.sync.read(Buffer.from(pngs[i]!))), pngs.map((_p, i) => i), () => 'zip');
    const texts = await inTurn(pngs, 2, (png, i) => {
      const image = ocr.open(png);
      const by = plan[i]!;
      return Promise.all([PSM.AUTO, PSM.SPARSE_TEXT].map((mode) => (by.whole ? image.read(2, mode) : image.readArea(by.band, 2, mode))));
    });
    for (const [i, name] of names.entries()) {
      const seen = [CARD, TOKEN, CODE, DOOR_WORD].filter((secret) => texts[i]!.some((text) => readable(text, secret)));
      assert.deepEqual(seen, [], `${name} shows none of the planted values`);
    }
    // The password the page shows is readable unblurred: its absence above is the blur's doing.
    assert.ok((await Promise.all([PSM.AUTO, PSM.SPARSE_TEXT].map((mode) => ocr.read(shown, 2, mode)))).some((text) => readable(text, DOOR_WORD)),
      'the control reads the shown password');
    // The page's ordinary words stay readable: the OCR above is not reading noise.
    const all = texts.flat().join('\n');
    assert.ok(readable(all, 'Account settings') && readable(all, 'Finish sign-in'), 'the page\'s own words are read');
  } finally {
    await ocr.close();
  }
  const storage = await dumpStorage(await driver.extensionPage());
  assert.deepEqual(found(storage), [], 'IndexedDB and storage.local hold none of the planted values');
  await page.close();
});
