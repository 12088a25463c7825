// The browser stops idle service workers. Stopping it in the middle of a
// recording, even while a step is in flight, must lose no step, and step ids
// must stay contiguous.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, startRecording, stopRecording, exportZip, trajectory, sleep, waitFor, storedStepCount, stopServiceWorker, workerStopper,
  type Session,
} from './harness';

let session: Session;

before(async () => {
  // Puppeteer must not be attached to the worker, or restarting it hangs the browser.
  session = await launch({ detachWorker: true });
});

after(async () => {
  await session?.close();
});

test('stopping the service worker mid-recording loses no step', async () => {
  const page = await session.browser.newPage();
  await page.goto(`${session.fixtures.url}/demo/index.html`);
  await startRecording(session.browser, page, 'Survive worker restarts');
  await sleep(700);
  const buttons = await page.$$('button.add');

  await buttons[0]!.click();
  await waitFor(async () => (await storedStepCount(session.browser, page)) === 1);
  await stopServiceWorker(session.browser);
  await page.bringToFront();

  // The worker is stopped: this click must wake it and be stored.
  await buttons[1]!.click();
  await waitFor(async () => (await storedStepCount(session.browser, page)) === 2, 15_000);

  // Stop it again while steps are in flight.
  await buttons[2]!.click();
  await page.click('#q');
  const stopping = stopServiceWorker(session.browser);
  await page.bringToFront();
  await page.keyboard.type('cable');
  await page.click('#go');
  await stopping;
  await page.bringToFront();
  await waitFor(async () => (await storedStepCount(session.browser, page)) === 6, 20_000);

  // A reload keeps recording into the same task.
  await page.reload();
  await sleep(800);
  await page.click('#next');
  await waitFor(async () => (await storedStepCount(session.browser, page)) >= 8, 15_000).catch(async (e: unknown) => {
    throw new Error(`${String(e)}; stored ${await storedStepCount(session.browser, page)}`);
  });
  await stopRecording(session.browser, page);

  const zip = await exportZip(session, page);
  const steps = await trajectory(zip);
  assert.deepEqual(steps.map((s) => s.step_id), steps.map((_s, i) => i + 1), 'contiguous step ids');
  assert.deepEqual(steps.map((s) => s.action.type), ['click', 'click', 'click', 'click', 'type', 'click', 'navigate', 'click']);
  assert.equal(new Set(steps.map((s) => s.task_id)).size, 1, 'one task throughout');
  assert.equal(steps[4]!.action.text, 'cable');
  assert.equal(steps[6]!.action.navigation, 'reload');
  for (const s of steps) assert.ok(s.observation.screenshot_path && zip.file(s.observation.screenshot_path), `screenshot of step ${s.step_id}: ${JSON.stringify(s.observation)}`.slice(0, 400));
});

// A page that loads while the worker is stopping asks it for the recording's ids and config; the question
// is dropped with the worker ("message channel closed"). Before the recorder asked again, such a page
// recorded nothing at all until the next navigation. Each round stops the worker at a different moment of
// a reload, so one of them lands on the page's question.
test('a page loading while the worker stops still records every action', async () => {
  const page = await session.browser.newPage();
  await page.goto(`${session.fixtures.url}/demo/index.html`);
  await startRecording(session.browser, page, 'Reloads racing worker stops');
  await sleep(700);
  const stopper = await workerStopper(session.browser);
  const delays = [0, 5, 10, 20, 35, 50, 75, 100, 150, 250];
  try {
    for (const delay of delays) {
      const reloaded = page.reload();
      await sleep(delay);
      await stopper.stop();
      await reloaded;
      await page.bringToFront();
      await sleep(400);
      await page.click('button.add');
    }
  } finally {
    await stopper.close();
  }
  const expected = delays.length * 2; // each round: the reload, then a click
  // Given time to arrive; a shortfall then shows in the comparison below, which names the missing steps.
  await waitFor(async () => (await storedStepCount(session.browser, page)) >= expected, 30_000).catch(() => undefined);
  await stopRecording(session.browser, page);
  const all = await trajectory(await exportZip(session, page));
  const steps = all.filter((s) => s.task_id === all.at(-1)!.task_id); // the export also holds the first test's task
  const why = steps.map((s) => `${s.action.type} ${(s.observation as { screenshot_note?: string }).screenshot_note ?? ''}`).join('; ');
  // Every action is a step, in the order it happened: the page recorded from its first action although it
  // loaded while the worker stopped, and a page left before its own load report got through hands its arrival
  // over with its state, so its reload is still a step (before, about one run in five lost one here).
  assert.deepEqual(steps.map((s) => s.action.type), delays.flatMap(() => ['navigate', 'click']), why);
  assert.ok(steps.filter((s) => s.action.type === 'click').every((s) => s.target?.tag === 'button'), 'every click names its button');
});
