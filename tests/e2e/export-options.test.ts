// Export options in the popup: narrow the export to a ticked task, drop a
// dialogue format, and find both choices still set when the popup reopens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'puppeteer-core';
import {
  launch, startRecording, stopRecording, openPopup, clickButton, pressExport, waitFor, sleep, storedStepCount, trajectory, type Session,
} from './harness';

let session: Session;
let page: Page;

before(async () => {
  session = await launch();
  page = await session.browser.newPage();
  await page.goto(`${session.fixtures.url}/demo/index.html`);
});

after(async () => {
  await session?.close();
});

async function recordOneClick(task: string): Promise<void> {
  await startRecording(session.browser, page, task);
  await sleep(700);
  await (await page.$$('button.add'))[0]!.click();
  await waitFor(async () => (await storedStepCount(session.browser, page)) === 1, 10_000);
  await stopRecording(session.browser, page);
}

test('export only the ticked task, without chat messages; the choices persist', async () => {
  await recordOneClick('First task');
  await recordOneClick('Second task');

  let popup = await openPopup(session.browser, page);
  await popup.click('summary');
  await popup.select('::-p-aria([name="Tasks"][role="combobox"])', 'chosen');
  const tick = await popup.waitForSelector('::-p-aria([name="Second task"][role="checkbox"])');
  await tick!.click();
  await (await popup.waitForSelector('::-p-aria([name="Chat messages (messages.jsonl)"][role="checkbox"])'))!.click();
  await sleep(200);
  await popup.close();

  // Reopened, the popup remembers.
  popup = await openPopup(session.browser, page);
  await popup.click('summary');
  assert.equal(await popup.$eval('select', (s) => (s as HTMLSelectElement).value), 'chosen');
  const ticked = await popup.waitForSelector('::-p-aria([name="Second task"][role="checkbox"])');
  assert.equal(await ticked!.evaluate((c) => (c as HTMLInputElement).checked), true);

  const zip = await pressExport(session, popup);
  await popup.close().catch(() => undefined);

  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { tasks: { instruction: string }[]; counts: { tasks: number } };
  assert.deepEqual(manifest.tasks.map((t) => t.instruction), ['Second task']);
  assert.equal((await trajectory(zip)).length, 1);
  assert.ok(zip.file('sharegpt.jsonl'), 'ShareGPT kept');
  assert.equal(zip.file('messages.jsonl'), null, 'chat messages left out');

  // Choosing "chosen" with nothing ticked says so instead of exporting everything.
  popup = await openPopup(session.browser, page);
  await popup.click('summary');
  const box = await popup.waitForSelector('::-p-aria([name="Second task"][role="checkbox"])');
  await box!.click();
  await clickButton(popup, 'Export');
  const alert = await popup.waitForSelector('[role="alert"]');
  assert.match(await alert!.evaluate((a) => a.textContent ?? ''), /Choose at least one task/);
  await popup.close();
});
