// A full disk must not lose steps: while IndexedDB refuses writes with
// QuotaExceededError, steps wait in their page, the toolbar and the popup say
// what is wrong, and once space is back every step is stored, in order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, startRecording, stopRecording, exportZip, trajectory, openPopup, serviceWorker, sleep, waitFor, storedStepCount, type Session,
} from './harness';

let session: Session;

before(async () => {
  session = await launch();
});

after(async () => {
  await session?.close();
});

test('steps wait while storage is full and are all stored once space is back', async () => {
  const page = await session.browser.newPage();
  await page.goto(`${session.fixtures.url}/demo/index.html`);
  await startRecording(session.browser, page, 'Record on a full disk');
  await sleep(700);
  const buttons = await page.$$('button.add');
  await buttons[0]!.click();
  await waitFor(async () => (await storedStepCount(session.browser, page)) === 1);

  // The disk fills up: every IndexedDB write in the worker fails as Chrome reports it.
  const worker = await serviceWorker(session.browser);
  await worker.evaluate(() => {
    const g = globalThis as unknown as { __put?: typeof IDBObjectStore.prototype.put };
    g.__put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.bringToFront();
  await sleep(600);
  await buttons[1]!.click();
  await sleep(600);
  await buttons[2]!.click();
  await waitFor(async () => (await worker.evaluate(() => chrome.action.getBadgeText({}))) === 'FULL', 10_000);
  assert.equal(await storedStepCount(session.browser, page), 1, 'nothing stored while full');

  const popup = await openPopup(session.browser, page);
  const alert = await popup.waitForSelector('[role="alert"]');
  assert.match(await alert!.evaluate((a) => a.textContent ?? ''), /Storage is full/);
  await popup.close();
  await page.bringToFront();

  // Space is back: the held steps arrive by themselves (the page retries), and the warning goes.
  await worker.evaluate(() => {
    const g = globalThis as unknown as { __put: typeof IDBObjectStore.prototype.put };
    IDBObjectStore.prototype.put = g.__put;
  });
  await waitFor(async () => (await storedStepCount(session.browser, page)) === 3, 30_000);
  assert.equal(await worker.evaluate(() => chrome.action.getBadgeText({})), 'REC');

  await stopRecording(session.browser, page);
  const steps = await trajectory(await exportZip(session, page));
  assert.deepEqual(steps.map((s) => s.step_id), [1, 2, 3]);
  // In the order they happened, not the order they were stored.
  // The three buttons sit left to right; ids follow document order.
  const ids = steps.map((s) => s.action.element_id!);
  assert.ok(ids[0]! < ids[1]! && ids[1]! < ids[2]!, ids.join(', '));
});

// storage.session (about 10 MB) holds each recorded tab's last page for a later switch back to it. Filled up
// by something else, it must cost at most that "before" page, never a step. (Before, both tab switches below
// were lost: the worker could not note the active tab.)
test('a full storage.session loses no step, across tab switches', async () => {
  const page = await session.browser.newPage();
  await page.goto(`${session.fixtures.url}/demo/index.html`);
  await startRecording(session.browser, page, 'Record with storage.session full');
  await sleep(700);
  const worker = await serviceWorker(session.browser);
  // Fill it as many large tabs would: page states of tabs (ids that no longer exist) leave less than one page
  // state of room.
  const filled = await worker.evaluate(async () => {
    const mb = 'x'.repeat(1024 * 1024 - 64);
    let n = 0;
    for (; n < 12; n++) {
      try {
        await chrome.storage.session.set({ [`lastObs:${900000 + n}`]: { at: 0, domTree: mb } });
      } catch {
        break;
      }
    }
    // Then to the brim, in ever smaller pieces.
    let k = 0;
    for (const size of [16 * 1024, 1024, 64]) {
      for (;; k++) {
        try {
          await chrome.storage.session.set({ [`lastObs:${950000 + k}`]: { at: 0, domTree: 'x'.repeat(size) } });
        } catch {
          break;
        }
      }
    }
    return n;
  });
  assert.ok(filled >= 8, `storage.session took ${filled} MB of page states`);
  await page.bringToFront();
  const buttons = await page.$$('button.add');
  await buttons[0]!.click();
  await waitFor(async () => (await storedStepCount(session.browser, page)) === 1, 15_000);
  const other = await session.browser.newPage();
  await other.goto(`${session.fixtures.url}/demo/index.html`);
  await sleep(800);
  await other.click('button.add');
  await sleep(800);
  await page.bringToFront();
  await sleep(800);
  await buttons[1]!.click();
  await waitFor(async () => (await storedStepCount(session.browser, page)) >= 5, 20_000).catch(async (e: unknown) => {
    throw new Error(`${String(e)}; stored ${await storedStepCount(session.browser, page)}`);
  });
  await stopRecording(session.browser, page);
  const all = await trajectory(await exportZip(session, page));
  const mine = all.filter((s) => s.task_id === all.at(-1)!.task_id); // the export also holds the first test's task
  const kinds = mine.map((s) => s.action.type);
  assert.deepEqual(kinds, ['click', 'tab_switch', 'click', 'tab_switch', 'click']);
  assert.deepEqual(mine.map((s) => s.step_id), mine.map((_s, i) => i + 1));
  await worker.evaluate(async () => {
    const keys = Object.keys(await chrome.storage.session.get(null)).filter((k) => /^lastObs:9[05]\d{4}$/.test(k));
    await chrome.storage.session.remove(keys);
  });
  await other.close();
});
