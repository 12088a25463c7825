// Firefox's own Back button, pressed as a person presses it (the pointer moved from the page to the toolbar and
// clicked there: see firefox-toolbar.ts), is a step, same-document and between documents, though Firefox tells the
// page it was not user-initiated; a page's history.forward() with the pointer in the page stays no step (issue 24).
// Chromium reports its own Back as user-initiated: hostile-pages.test.ts checks it there.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trajectory } from './harness';
import { openDriver, waitForSteps } from './browsers';
import { firefoxSkip } from './firefox-harness';
import { pressToolbarBack } from './firefox-toolbar';

// The toolbar lives in the browser's chrome, which WebDriver BiDi reaches only with system access (test only).
process.env.MOZ_REMOTE_ALLOW_SYSTEM_ACCESS = '1';

test('firefox: the toolbar\'s own Back, pressed by a person, is a step; the page\'s own history.forward() is not', { skip: firefoxSkip }, async () => {
  // A browser of its own: one lent by the run's pool was started without the system access set above.
  const driver = await openDriver('firefox', { fresh: true });
  try {
    const page = await driver.newPage();
    await page.goto(`${driver.site}/recorder/toolbar-back.html`);
    const taskId = await driver.startRecording(page, 'Go back with the toolbar');
    await page.click('#route');
    await waitForSteps(driver, taskId, 1);
    await pressToolbarBack(page.browser(), page);
    await page.waitForFunction(() => document.getElementById('view')?.textContent === 'First view');
    await waitForSteps(driver, taskId, 2);
    // The pointer back in the page, the page moves itself forward: no person asked for it.
    await page.mouse.move(200, 200);
    await page.evaluate(() => history.forward());
    await page.waitForFunction(() => document.getElementById('view')?.textContent === 'Second view');
    await Promise.all([page.waitForNavigation(), page.click('#next')]);
    await waitForSteps(driver, taskId, 3);
    await pressToolbarBack(page.browser(), page);
    await page.waitForFunction(() => document.getElementById('title')?.textContent === 'Toolbar back');
    await waitForSteps(driver, taskId, 4);
    await driver.stopRecording(page);
    const steps = (await trajectory(await driver.exportZip(page))).filter((s) => s.task_id === taskId);
    assert.deepEqual(steps.map((s) => `${s.action.type}${s.action.navigation ? ` ${s.action.navigation}` : ''}`),
      ['click', 'navigate back_forward', 'click', 'navigate back_forward']);
    assert.match(steps[3]!.observation.url, /page=2/, 'the last Back leaves page 2');
  } finally {
    await driver.close();
  }
});
