// A full disk must not lose steps: while IndexedDB refuses writes with
// QuotaExceededError, steps wait in their page, the toolbar and the popup say
// what is wrong, and once space is back every step is stored, in order.
// Both tests run in Chromium and in Firefox, in one browser of each.
import assert from 'node:assert/strict';
import { sleep, trajectory } from './harness';
import { recordOnDemo, testInBothBrowsers, waitForAccepted, waitForSteps } from './browsers';

testInBothBrowsers('steps wait while storage is full and are all stored once space is back', async (driver) => {
  const { page, taskId, buttons } = await recordOnDemo(driver, 'Record on a full disk');
  await buttons[0]!.click();
  await waitForSteps(driver, taskId, 1);

  // The disk fills up: every IndexedDB write in the worker fails as the browser reports it.
  await driver.inWorker((g) => {
    const s = g as unknown as { __put?: unknown; IDBObjectStore: typeof IDBObjectStore; DOMException: typeof DOMException };
    s.__put = s.IDBObjectStore.prototype.put;
    s.IDBObjectStore.prototype.put = function () {
      throw new s.DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const badge = (): Promise<string> => driver.inWorker((g) => (g.browser ?? g.chrome).action.getBadgeText({}));
  try {
    await page.bringToFront();
    await sleep(600);
    await buttons[1]!.click();
    await sleep(600);
    await buttons[2]!.click();
    for (let i = 0; (await badge()) !== 'FULL'; i++) {
      assert.ok(i < 40, `the toolbar never said FULL in ${driver.name}; it says "${await badge()}"`);
      await sleep(250);
    }
    assert.equal(await driver.storedSteps(taskId), 1, 'nothing stored while full');

    const alert = await driver.withPopup(page, async (popup) => (await popup.waitForSelector('[role="alert"]'))!.evaluate((a) => a.textContent ?? ''));
    assert.match(alert, /Storage is full/);
    await page.bringToFront();
  } finally {
    // Space is back (also after a failure above: the next test shares this browser): the held steps arrive by
    // themselves (the page retries), and the warning goes.
    await driver.inWorker((g) => {
      const s = g as unknown as { __put: typeof IDBObjectStore.prototype.put; IDBObjectStore: typeof IDBObjectStore };
      s.IDBObjectStore.prototype.put = s.__put;
    });
  }
  await waitForSteps(driver, taskId, 3);
  assert.equal(await badge(), 'REC');

  await driver.stopRecording(page);
  const steps = (await trajectory(await driver.exportZip(page))).filter((s) => s.task_id === taskId);
  assert.deepEqual(steps.map((s) => s.step_id), [1, 2, 3]);
  // In the order they happened, not the order they were stored.
  // The three buttons sit left to right; ids follow document order.
  const ids = steps.map((s) => s.action.element_id!);
  assert.ok(ids[0]! < ids[1]! && ids[1]! < ids[2]!, ids.join(', '));
}, {}, true);

// storage.session (10 MB in Chrome, 9 MB in Firefox) holds each recorded tab's last page for a later switch back
// to it. Filled up by something else, it must cost at most that "before" page, never a step. (Before, both tab
// switches below were lost: the worker could not note the active tab.)
testInBothBrowsers('a full storage.session loses no step, across tab switches', async (driver) => {
  const { page, taskId } = await recordOnDemo(driver, 'Record with storage.session full');
  // Fill it as many large tabs would: page states of tabs (ids that no longer exist) leave less than one page
  // state of room.
  const filled = await driver.inWorker(async (g) => {
    const session = (g.browser ?? g.chrome).storage.session;
    const mb = 'x'.repeat(1024 * 1024 - 64);
    let n = 0;
    for (; n < 12; n++) {
      try {
        await session.set({ [`lastObs:${900000 + n}`]: { at: 0, domTree: mb } });
      } catch {
        break;
      }
    }
    // Then to the brim, in ever smaller pieces.
    let k = 0;
    for (const size of [16 * 1024, 1024, 64]) {
      for (;; k++) {
        try {
          await session.set({ [`lastObs:${950000 + k}`]: { at: 0, domTree: 'x'.repeat(size) } });
        } catch {
          break;
        }
      }
    }
    return n;
  });
  assert.ok(filled >= 8, `storage.session took ${filled} MB of page states in ${driver.name}`);
  await page.bringToFront();
  const buttons = await page.$$('button.add');
  await buttons[0]!.click();
  await waitForSteps(driver, taskId, 1);
  const other = await driver.newPage();
  await other.goto(`${driver.site}/demo/index.html`);
  await sleep(800);
  await other.click('button.add');
  // Each switch and click once the worker has the one before (click, tab_switch, click; then the switch back).
  await waitForAccepted(driver, taskId, 3);
  await page.bringToFront();
  await waitForAccepted(driver, taskId, 4);
  await buttons[1]!.click();
  await waitForSteps(driver, taskId, 5);
  await driver.stopRecording(page);
  const mine = (await trajectory(await driver.exportZip(page))).filter((s) => s.task_id === taskId);
  assert.deepEqual(mine.map((s) => s.action.type), ['click', 'tab_switch', 'click', 'tab_switch', 'click']);
  assert.deepEqual(mine.map((s) => s.step_id), mine.map((_s, i) => i + 1));
}, {}, true); // last of the file's browser: storage.session stays full
