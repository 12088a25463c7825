// A long session at a person's pace: 43 actions 0.6–1.3 s apart, a reload, the
// worker stopped right after it, then Stop and Export pressed at once. Every
// action must become a step, in order, and the typed e-mail must appear
// nowhere in the zip. (This found a page that never started recording when it
// loaded while the worker was stopping; see worker-restart.test.ts.)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startRecording, stopRecording, exportZip, trajectory, sleep, stopServiceWorker, type Session } from './harness';

let session: Session;
after(async () => { await session?.close(); });

test('a long session with a reload and a worker stop keeps every action, and exports at once after Stop', async () => {
  session = await launch({ detachWorker: true });
  const page = await session.browser.newPage();
  await page.goto(`${session.fixtures.url}/demo/index.html`);
  await startRecording(session.browser, page, 'Long session');
  await sleep(800);
  const expected: string[] = [];
  for (let i = 0; i < 20; i++) { await page.click('button.add'); expected.push('click'); await sleep(700 + (i % 3) * 300); }
  await page.click('#q');
  await page.keyboard.type('mail me at jane.roe@example.com');
  expected.push('click', 'type');
  await sleep(700);
  await page.reload();
  expected.push('navigate');
  const stopping = stopServiceWorker(session.browser);
  await sleep(300);
  await page.bringToFront();
  for (let i = 0; i < 20; i++) { await page.click('button.add'); expected.push('click'); await sleep(600 + (i % 4) * 250); }
  await stopping;
  await stopRecording(session.browser, page);
  const zip = await exportZip(session, page);
  const steps = await trajectory(zip);
  assert.deepEqual(steps.map((s) => s.step_id), steps.map((_s, i) => i + 1), 'contiguous step ids');
  assert.deepEqual(steps.map((s) => s.action.type), expected);
  // Only the reload's step may lack a screenshot: the page was gone before a frame of it could be taken.
  const unshot = steps.filter((s) => !s.observation.screenshot_path).map((s) => s.action.type);
  assert.ok(unshot.every((t) => t === 'navigate'), `steps without a screenshot: ${unshot.join(', ')}`);
  const texts = await Promise.all(Object.values(zip.files).filter((f) => !f.dir).map((f) => f.async('string')));
  assert.ok(!texts.some((t) => t.includes('jane.roe@example.com')), 'the typed e-mail is nowhere in the zip');
});
