// Pages the extension may not script or capture (chrome://) in the middle of
// a recording: the switch there and back is recorded, nothing there is, no
// step fails, and recording goes on with fresh screenshots afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, startRecording, stopRecording, exportZip, trajectory, sleep, waitFor, storedStepCount, type Session,
} from './harness';
import { validateExport } from '../../src/core/validate-export';

let session: Session;

before(async () => {
  session = await launch();
});

after(async () => {
  await session?.close();
});

test('a chrome:// tab mid-recording is skipped cleanly and recording goes on', async () => {
  const page = await session.browser.newPage();
  await page.goto(`${session.fixtures.url}/demo/index.html`);
  await startRecording(session.browser, page, 'Look something up, then come back');
  await sleep(700);
  await (await page.$$('button.add'))[0]!.click();
  await waitFor(async () => (await storedStepCount(session.browser, page)) === 1, 10_000);

  const internal = await session.browser.newPage();
  await internal.goto('chrome://version');
  await internal.bringToFront();
  await sleep(800);
  await internal.click('body').catch(() => undefined); // no content script runs here: nothing is recorded
  await page.bringToFront();
  await sleep(900);
  await (await page.$$('button.add'))[1]!.click();
  await waitFor(async () => (await storedStepCount(session.browser, page)) === 4, 15_000);
  await stopRecording(session.browser, page);

  const zip = await exportZip(session, page);
  const steps = await trajectory(zip);
  const report = validateExport({
    files: new Set(Object.keys(zip.files)), trajectory: await zip.file('trajectory.jsonl')!.async('string'),
    sharegpt: await zip.file('sharegpt.jsonl')!.async('string'), manifest: await zip.file('manifest.json')!.async('string'),
  });
  assert.deepEqual(report.errors, [], 'the export validates');
  const types = steps.map((s) => s.action.type);
  assert.deepEqual(types.filter((t) => t === 'click').length, 2, types.join(', '));
  assert.deepEqual(types, ['click', 'tab_switch', 'tab_switch', 'click']);
  // Coming back from chrome://: a step with a stand-in observation and a clear note, no screenshot.
  const back = steps[2]!;
  assert.equal(back.observation.screenshot_path, null);
  assert.match((back.observation as { screenshot_note?: string }).screenshot_note ?? '', /cannot be recorded or captured/);
  assert.ok(back.observation.dom_tree.includes('id="1"'));
  // Back on the page, the click has its own screenshot from before it.
  const last = steps[steps.length - 1]!;
  assert.equal(last.action.type, 'click');
  assert.ok(last.observation.screenshot_path, 'the click after coming back has a screenshot');
  assert.deepEqual(steps.map((s) => s.step_id), steps.map((_s, i) => i + 1));
});
