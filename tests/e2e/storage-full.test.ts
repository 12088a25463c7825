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
