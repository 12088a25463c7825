// Every trusted click is a step, whatever the page does with it: a click on
// the radio button already selected (no change event), and a click on an SVG
// icon inside a frame nested in an iframe that the page created by script
// after load and wrote itself (as rich-text editors do). Run in both browsers.
import assert from 'node:assert/strict';
import { trajectory, sleep } from './harness';
import { testInBothBrowsers, waitForSteps } from './browsers';

testInBothBrowsers('clicks that change nothing, and clicks in script-written nested frames, are steps', async (driver) => {
  const page = await driver.newPage();
  await page.goto(`${driver.site}/recorder/late-frames.html`);
  await page.waitForFunction(() => !!document.getElementById('editor'));
  const taskId = await driver.startRecording(page, 'Keep the priority, make it bold');
  await page.click('#normal'); // already selected
  await waitForSteps(driver, taskId, 1);
  const outer = page.mainFrame().childFrames()[0]!;
  const inner = outer.childFrames()[0]!;
  const box = await (await inner.$('#icon'))!.boundingBox();
  await page.mouse.click(box!.x + 8, box!.y + 8);
  await waitForSteps(driver, taskId, 2);
  const dot = await (await inner.$('#dot'))!.boundingBox(); // a bare SVG shape, no button around it
  await page.mouse.click(dot!.x + 8, dot!.y + 8);
  await waitForSteps(driver, taskId, 3);
  await sleep(300);
  await driver.stopRecording(page);
  const steps = (await trajectory(await driver.exportZip(page))).filter((s) => s.task_id === taskId);
  assert.equal(steps.length, 3, JSON.stringify(steps.map((s) => s.action)));
  assert.deepEqual(steps.map((s) => s.action.type), ['click', 'click', 'click']);
  for (const s of steps.slice(1)) {
    assert.match(s.observation.dom_tree, new RegExp(`id="${s.action.element_id}"`), 'the clicked element is in the step\'s tree');
  }
  await page.close();
});
