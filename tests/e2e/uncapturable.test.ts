// A page the extension may not script (chrome://version; about:blank in
// Firefox) in the middle of a recording, in both browsers: the switch there
// and back is recorded, nothing there is, no step fails, and recording goes
// on with fresh screenshots afterwards.
import assert from 'node:assert/strict';
import { sleep, trajectory, waitFor } from './harness';
import { testInBothBrowsers } from './browsers';
import { validateExport } from '../../src/core/validate-export';

testInBothBrowsers('a page no extension may script, mid-recording, is skipped cleanly and recording goes on', async (driver) => {
  const page = await driver.newPage();
  await page.goto(`${driver.site}/demo/index.html`);
  const taskId = await driver.startRecording(page, 'Look something up, then come back');
  await (await page.$$('button.add'))[0]!.click();
  await waitFor(async () => (await driver.storedSteps(taskId)) === 1, 30_000);

  const internal = await driver.newPage();
  await internal.goto(driver.browserPage);
  await internal.bringToFront();
  await sleep(800);
  await internal.click('body').catch(() => undefined); // no content script runs here: nothing is recorded
  await page.bringToFront();
  await sleep(900);
  await (await page.$$('button.add'))[1]!.click();
  await waitFor(async () => (await driver.storedSteps(taskId)) >= 4, 30_000);
  await sleep(500);
  await driver.stopRecording(page);

  const zip = await driver.exportZip(page);
  const steps = (await trajectory(zip)).filter((s) => s.task_id === taskId);
  const report = validateExport({
    files: new Set(Object.keys(zip.files)), trajectory: await zip.file('trajectory.jsonl')!.async('string'),
    sharegpt: await zip.file('sharegpt.jsonl')!.async('string'), manifest: await zip.file('manifest.json')!.async('string'),
  });
  assert.deepEqual(report.errors, [], 'the export validates');
  const types = steps.map((s) => s.action.type);
  assert.deepEqual(types, ['click', 'tab_switch', 'tab_switch', 'click'], `${driver.name}: ${types.join(', ')}`);
  // Coming back from the browser's page: a step with a stand-in observation and a clear note, no screenshot.
  const back = steps[2]!;
  assert.equal(back.observation.screenshot_path, null);
  assert.match((back.observation as { screenshot_note?: string }).screenshot_note ?? '', /cannot be recorded or captured/);
  assert.ok(back.observation.dom_tree.includes('id="1"'));
  // Back on the page, the click has its own screenshot from before it.
  const last = steps[steps.length - 1]!;
  assert.equal(last.action.type, 'click');
  assert.ok(last.observation.screenshot_path, 'the click after coming back has a screenshot');
  assert.deepEqual(steps.map((s) => s.step_id), steps.map((_s, i) => i + 1));
  await internal.close();
  await page.close();
});
