// Leak closure: a page plants each form of leak found by hand (a token in a
// relative link and in a fragment, a username typed in a shadow-DOM input, an
// Alt-typed password character, an email in an element id, a masked
// element's label and text, a masked part slotted into a button) and none of it may reach storage or any file of the zip.
// Both tests run in Chromium and in Firefox, in one browser of each (the config each edits is put back between).
import assert from 'node:assert/strict';
import type { ElementHandle } from 'puppeteer-core';
import { createOcrReader, cropPng } from './ocr-reader';
import { trajectory, sleep, dumpStorage } from './harness';
import { editConfig, openCheckoutWithPaymentFrame, testInBothBrowsers, waitForSteps } from './browsers';

const USERNAME = 'jdoe_private42';
const SECRETS = ['9f8e7d6c5b4a3f2e1d0c', 'ya29.A0ARrdaM-leakme', USERNAME, 'jane.doe@example-mail.com', 'jane\\.doe', 'ZX-99-ALPHA', '€', 'Alt+', '1,234.56', '4,321.09'];

testInBothBrowsers('tokens in relative links, shadow-DOM usernames, Alt-typed passwords, emails in ids and masked labels never leak', async (driver) => {
  // The user masks .private in the config, as the options page would save it.
  await editConfig(driver, (text) => text.replace('mask_selectors: []', 'mask_selectors: [".private"]'));

  const page = await driver.newPage();
  await page.goto(`${driver.site}/privacy/leaks.html`);
  const taskId = await driver.startRecording(page, 'Check the orders');
  let n = 0;
  const step = async (): Promise<void> => {
    n++;
    await waitForSteps(driver, taskId, n);
    await page.bringToFront();
    await sleep(300);
  };
  const username = await page.evaluateHandle((): HTMLInputElement => document.querySelector('login-field')!.shadowRoot!.querySelector('input')!);
  await (username.asElement() as ElementHandle<Element>).click();
  await step();
  await page.keyboard.type(USERNAME);
  await page.click('#pw'); // ends the edit: a type step, then the click
  n++;
  await step();
  // Characters typed with Alt / AltGr in a password field.
  await page.keyboard.down('Alt');
  await page.keyboard.press('e');
  await page.keyboard.press('2');
  await page.keyboard.up('Alt');
  await page.keyboard.type('x');
  await page.click('[id="delete-jane.doe@example-mail.com"]');
  n++; // the password edit, then the click
  await step();
  await page.click('.private');
  await step();
  // The slotted button: the step names its inner <button>, whose name reads the slot (a masked part here).
  const pay = await page.evaluateHandle((): HTMLButtonElement => document.querySelector('pay-button')!.shadowRoot!.querySelector('button')!);
  await (pay.asElement() as ElementHandle<Element>).click();
  await step();
  await driver.stopRecording(page);

  const stored = await dumpStorage(await driver.extensionPage());
  assert.deepEqual(SECRETS.filter((s) => stored.includes(s)), [], 'the extension\'s storage holds none of the planted values');
  const zip = await driver.exportZip(page);
  const steps = (await trajectory(zip)).filter((s) => s.task_id === taskId);
  assert.ok(steps.length >= 5, steps.map((s) => s.action.type).join(', '));
  assert.ok(!steps.some((s) => s.action.type === 'key'), `no key step from the password field: ${steps.map((s) => `${s.action.type}:${s.action.key ?? ''}`).join(', ')}`);
  const typed = steps.filter((s) => s.action.type === 'type').map((s) => s.action.text);
  assert.deepEqual(typed, ['<REDACTED:credential>', '<REDACTED:credential>'], 'username and password never recorded');
  for (const name of Object.keys(zip.files)) {
    const file = zip.file(name);
    if (!file || name.endsWith('.png')) continue;
    const body = await file.async('string');
    assert.deepEqual(SECRETS.filter((s) => body.includes(s)), [], `${name} holds none of the planted values`);
  }
  // The shape of the links survives: only the secret parts went.
  const tree = steps[0]!.observation.dom_tree;
  assert.match(tree, /href="\/checkout\.html\?coupon=SAVE10&amp;session_token=&lt;REDACTED&gt;"/);
  assert.match(tree, /href="#access_token=&lt;REDACTED&gt;&amp;token_type=Bearer"/);
  await page.close();
}, {}, true); // first of the file's browser: it reads all the storage and every file of the export

testInBothBrowsers('a cross-origin frame\'s redacted text is blurred where the frame sits (DOM blur alone, OCR off), whatever the page forges', async (driver) => {
  await editConfig(driver, (text) => text.replace(/^ocr:\n {2}enabled: true/m, 'ocr:\n  enabled: false'));
  const ocr = await createOcrReader();
  try {
    // Large enough that the payment frame is in view without scrolling: the frame's box measured below is then where
    // it is in the screenshot too (a scroll before an action is covered by the privacy suite).
    const { page, frame } = await openCheckoutWithPaymentFrame(driver, { width: 1100, height: 800 });
    // A hostile page: it watches window messages, grabs any port it sees and floods it with forged offsets,
    // and sends the frame forged replies of every shape it can think of.
    await page.evaluate(() => {
      const w = window as unknown as { seen: string[]; heard: string[] };
      w.seen = [];
      w.heard = [];
      const forged = [{ x: 600, y: 600 }, { body: '{"nonce":"n","x":600,"y":600}', mac: '0'.repeat(64) }, { type: 'alien-dataflow:offset-reply', x: 600, y: 600 }];
      window.addEventListener('message', (e) => {
        w.seen.push(JSON.stringify(e.data));
        for (const port of e.ports) {
          port.onmessage = (m) => w.heard.push(JSON.stringify(m.data));
          setInterval(() => forged.forEach((f) => port.postMessage(f)), 20);
        }
      });
      const pay = document.getElementById('pay') as HTMLIFrameElement;
      setInterval(() => forged.forEach((f) => pay.contentWindow!.postMessage(f, '*')), 20);
    });
    const taskId = await driver.startRecording(page, 'Confirm the payment');
    await frame.click('#confirm');
    await waitForSteps(driver, taskId, 1);
    // What the page could see: that a channel was opened, and the child's signed requests; never an offset.
    const { seen, heard } = await page.evaluate(() => {
      const w = window as unknown as { seen: string[]; heard: string[] };
      return { seen: w.seen, heard: w.heard };
    });
    assert.ok(seen.every((m) => !/"x"|"y"/.test(m)), `window messages carry no offset: ${seen.slice(0, 3).join(' ')}`);
    assert.ok(heard.every((m) => !/\\?"x\\?"|\\?"y\\?"/.test(m)), `the grabbed port carries no offset: ${heard.slice(0, 3).join(' ')}`);
    const box = await page.$eval('#pay', (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; });
    await driver.stopRecording(page);
    const zip = await driver.exportZip(page);
    const steps = (await trajectory(zip)).filter((s) => s.task_id === taskId);
    const inFrame = steps.filter((s) => s.frame_id !== 0);
    assert.equal(inFrame.length, 1, 'the click in the frame is a step of its own frame');
    const png = await zip.file(inFrame[0]!.observation.screenshot_path!)!.async('uint8array');
    const read = (await ocr.read(cropPng(png, box), 3)).toLowerCase().replace(/[^a-z0-9@]/g, '');
    assert.ok(!read.includes('paymentsteam@'), `the frame's email is not readable: ${read}`);
    assert.ok(!read.includes('4111111111111111'), `the frame's card number is not readable: ${read}`);
    assert.match(read, /cardholder/, `the frame area itself is in the screenshot and readable: ${read}`);
    await page.close();
  } finally {
    await ocr.close();
  }
}, {}, true);
