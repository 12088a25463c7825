// The review page and a replay report: before one is loaded it says how to
// make one; a loaded report shows its counts and the steps that did not
// replay, with their reasons; a file that is not a report is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, recorderStartedIn, startRecording, stopRecording, waitFor, storedStepCount, extensionId, type Session } from './harness';

let session: Session;
before(async () => { session = await launch(); });
after(async () => { await session?.close(); });

test('a replay report loads on the review page', async () => {
  const page = await session.browser.newPage();
  await page.goto(`${session.site.url}/demo/index.html`);
  await startRecording(session.browser, page, 'Search the shop');
  await recorderStartedIn(session.browser, page);
  await page.click('#q');
  await waitFor(async () => (await storedStepCount(session.browser, page)) >= 1, 20_000);
  await page.click('#go');
  await waitFor(async () => (await storedStepCount(session.browser, page)) >= 2, 20_000);
  await stopRecording(session.browser, page);

  const review = await session.browser.newPage();
  await review.goto(`chrome-extension://${await extensionId(session.browser)}/review/review.html`);
  await (await review.waitForSelector('button.task'))!.click();
  const panel = await review.waitForSelector('details.replay');
  assert.match(await panel!.evaluate((d) => d.textContent ?? ''), /alien-dataflow replay export\.zip --report replay\.json/);
  // The page notes the open task in its address just after it renders (an effect): wait for it, or a busy
  // machine reads the address first and the report names no task.
  const taskId = await (await review.waitForFunction(() => new URL(location.href).searchParams.get('task'))).jsonValue() as string;

  const bad = join(session.downloads, 'not-a-report.json');
  writeFileSync(bad, '{"tasks": "nope"}');
  const input = (await review.$('details.replay input[type=file]'))!;
  await input.uploadFile(bad);
  await review.waitForFunction(() => /is not a replay report/.test(document.querySelector('details.replay [role=status]')?.textContent ?? ''));

  const good = join(session.downloads, 'replay.json');
  writeFileSync(good, JSON.stringify({
    source: 'export.zip', replayed_at: new Date().toISOString(), summary: { ok: 1, failed: 1, skipped: 0 },
    tasks: [{ task_id: taskId, instruction: 'Search the shop', score: 0.5, steps: [
      { step_id: 1, type: 'click', status: 'ok' }, { step_id: 2, type: 'click', status: 'failed', reason: 'no element for any selector' }] }],
  }));
  await (await review.$('details.replay input[type=file]'))!.uploadFile(good);
  await review.waitForFunction(() => /1 ok, 1 failed, 0 skipped \(score 0\.5\)/.test(document.querySelector('details.replay summary')?.textContent ?? ''));
  const list = await review.$eval('[aria-label="Steps that did not replay"]', (ul) => ul.textContent ?? '');
  assert.match(list, /Step 2 \(click\) failed: no element for any selector/);
  await review.close();
  await page.close();
});
