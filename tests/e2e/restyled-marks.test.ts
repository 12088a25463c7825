// The inline="true" mark after a restyle, in the built extension: two chips that are blocks at the first step and
// that a class on their row, a style sheet added later, or a media query flipped by a narrower window lays out in
// the line afterwards. Their cached XML kept the mark of the first step, so the halves of each email, one line on
// screen, were both stored (unit tests: hostile-inline-marks.test.ts; this checks real layout). Chromium and Firefox.
import assert from 'node:assert/strict';
import { trajectory } from './harness';
import { testInBothBrowsers, waitForSteps } from './browsers';

const HALVES = ['jane.doe', 'example.com', 'john.roe', 'example.org', 'ann.poe', 'example.net'];

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
}, {}, true);
