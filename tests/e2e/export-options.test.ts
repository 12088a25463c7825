// Export options in the popup: narrow the export to a ticked task, drop a
// dialogue format, and find both choices still set when the popup reopens.
// In Chromium and in Firefox (where the popup is a page in a tab: see
// firefox-harness), with the popup's controls found by their labels.
import assert from 'node:assert/strict';
import type { Page } from 'puppeteer-core';
import { sleep, trajectory } from './harness';
import { testInBothBrowsers, waitForSteps, type RecorderDriver } from './browsers';

async function recordOneClick(driver: RecorderDriver, page: Page, task: string): Promise<void> {
  const taskId = await driver.startRecording(page, task);
  await (await page.$$('button.add'))[0]!.click();
  await waitForSteps(driver, taskId, 1);
  await driver.stopRecording(page);
}

/**
 * The popup's controls, found by their labels and used as a person would: real clicks in Chromium; from script
 * in Firefox, whose popup tab stays in the background (see firefox-harness).
 */
function controls(driver: RecorderDriver, popup: Page) {
  const find = (selector: string) => popup.waitForSelector(selector).then((h) => h!);
  return {
    click: async (selector: string): Promise<void> => {
      const control = await find(selector);
      if (driver.name === 'chromium') await control.click();
      else await control.evaluate((c) => (c as HTMLElement).click());
    },
    choose: async (selector: string, value: string): Promise<void> => {
      if (driver.name === 'chromium') {
        await popup.select(selector, value);
        return;
      }
      await (await find(selector)).evaluate((s, v) => {
        (s as HTMLSelectElement).value = v;
        s.dispatchEvent(new Event('change', { bubbles: true }));
      }, value);
    },
  };
}

/** Runs one phase of the test; a failure says which phase, and in which browser, first. */
async function phase<T>(driver: RecorderDriver, label: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new Error(`${label} (${driver.name}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

const checkbox = (name: string): string => `::-p-aria([name="${name}"][role="checkbox"])`;

testInBothBrowsers('export only the ticked task, without chat messages; the choices persist', async (driver) => {
  const page = await driver.newPage();
  await page.goto(`${driver.site}/demo/index.html`);
  await phase(driver, 'recording the first task', () => recordOneClick(driver, page, 'First task'));
  await phase(driver, 'recording the second task', () => recordOneClick(driver, page, 'Second task'));

  await phase(driver, 'choosing the task and the formats', () => driver.withPopup(page, async (popup) => {
    const use = controls(driver, popup);
    await use.click('summary');
    await use.choose('::-p-aria([name="Tasks"][role="combobox"])', 'chosen');
    await use.click(checkbox('Second task'));
    await use.click(checkbox('Chat messages (messages.jsonl)'));
    await sleep(200);
  }));

  // Reopened, the popup remembers.
  await phase(driver, 'reopening the popup', () => driver.withPopup(page, async (popup) => {
    await controls(driver, popup).click('summary');
    assert.equal(await popup.$eval('select', (s) => (s as HTMLSelectElement).value), 'chosen');
    const checked = async (name: string): Promise<boolean> => (await popup.waitForSelector(checkbox(name)))!.evaluate((c) => (c as HTMLInputElement).checked);
    assert.equal(await checked('Second task'), true);
    assert.equal(await checked('Chat messages (messages.jsonl)'), false);
  }));

  const zip = await phase(driver, 'exporting', () => driver.exportZip(page));
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { tasks: { instruction: string }[] };
  assert.deepEqual(manifest.tasks.map((t) => t.instruction), ['Second task']);
  assert.equal((await trajectory(zip)).length, 1);
  assert.ok(zip.file('sharegpt.jsonl'), 'ShareGPT kept');
  assert.equal(zip.file('messages.jsonl'), null, 'chat messages left out');

  // Choosing "chosen" with nothing ticked says so instead of exporting everything.
  const said = await phase(driver, 'exporting with nothing ticked', () => driver.withPopup(page, async (popup) => {
    const use = controls(driver, popup);
    await use.click('summary');
    await use.click(checkbox('Second task'));
    await use.click('::-p-aria([name="Export"][role="button"])');
    return (await popup.waitForSelector('[role="alert"]'))!.evaluate((a) => a.textContent ?? '');
  }));
  assert.match(said, /Choose at least one task/);
});
