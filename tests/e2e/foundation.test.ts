// Record three clicks on the demo page through the real popup, export, and
// check the zip: origin schema, element ids in dom_tree, one PNG per step
// showing the page as it was before each click.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import type { Page } from 'puppeteer-core';
import {
  launch, startRecording, stopRecording, exportZip, trajectory, serviceWorker, sleep, waitFor, storedStepCount, recorderStartedIn, type Session,
} from './harness';

let session: Session;
let page: Page;

before(async () => {
  session = await launch();
  page = await session.browser.newPage();
  await page.goto(`${session.site.url}/demo/index.html`);
});

after(async () => {
  await session?.close();
});

function pixel(png: PNG, x: number, y: number): [number, number, number] {
  const i = (png.width * Math.round(y) + Math.round(x)) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
}

test('record clicks through the popup and export a zip with the origin schema', async () => {
  await startRecording(session.browser, page, 'Add two cables to the cart');
  const worker = await serviceWorker(session.browser);
  assert.equal(await worker.evaluate(() => chrome.action.getBadgeText({})), 'REC', 'toolbar badge shows recording');

  // Let the settled frame be captured, then click like a person: one action at a time.
  await sleep(900);
  const buttons = await page.$$('button.add');
  await buttons[0]!.click();
  await waitFor(async () => (await storedStepCount(session.browser, page)) === 1, 30_000);
  await sleep(900);
  await buttons[1]!.click();
  await waitFor(async () => (await storedStepCount(session.browser, page)) === 2, 30_000);
  await sleep(900);
  await page.click('#cart');
  await waitFor(async () => (await storedStepCount(session.browser, page)) === 3, 30_000);

  const status = await stopRecording(session.browser, page);
  assert.equal(status, 'Recording: 3 recorded, 3 stored', 'popup shows the live counts: recorded and stored');
  assert.equal(await worker.evaluate(() => chrome.action.getBadgeText({})), '', 'badge cleared after stop');

  const zip = await exportZip(session, page);
  const steps = await trajectory(zip);
  assert.equal(steps.length, 3);
  const taskId = steps[0]!.task_id;
  assert.match(taskId, /^[0-9a-f-]{36}$/);

  for (const [i, step] of steps.entries()) {
    // Exactly the origin fields are present (extras may sit beside them).
    for (const key of ['task_id', 'step_id', 'timestamp', 'observation', 'thought_trace', 'action']) assert.ok(key in step, `${key} present`);
    for (const key of ['screenshot_path', 'dom_tree', 'active_window']) assert.ok(key in step.observation, `observation.${key} present`);
    for (const key of ['type', 'coordinates', 'element_id']) assert.ok(key in step.action, `action.${key} present`);
    assert.equal(step.task_id, taskId);
    assert.equal(step.step_id, i + 1);
    assert.equal(step.action.type, 'click');
    assert.equal(step.observation.active_window, 'Demo shop');
    assert.ok(typeof step.action.element_id === 'number');
    assert.ok(step.observation.dom_tree.includes(` id="${step.action.element_id}"`), 'element_id names a node in dom_tree');
    assert.ok(step.thought_trace.length > 0);
    // The coordinates fall inside the target's box.
    const [x, y] = step.action.coordinates!;
    const box = step.target!.bbox;
    assert.ok(x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height, 'click point inside target box');
  }
  assert.equal(steps[0]!.thought_trace, "Click the 'Add to cart' button.");
  // Interactive elements in view carry their boxes (worked out in idle time before the click).
  const boxed = steps[0]!.observation.dom_tree.match(/<button [^>]*bbox="[\d.,-]+"/g) ?? [];
  assert.ok(boxed.length >= 3, `buttons with a bbox in step 1: ${boxed.length}`);
  // The same button keeps its id; the two add buttons differ.
  assert.notEqual(steps[0]!.action.element_id, steps[1]!.action.element_id);

  // Screenshots: before each click the body colour was white, then yellow, then green.
  const expected: [number, number, number][] = [[255, 255, 255], [255, 236, 179], [200, 230, 201]];
  for (const [i, step] of steps.entries()) {
    const path = step.observation.screenshot_path!;
    assert.equal(path, `images/${taskId}/step_${i + 1}.png`);
    const file = zip.file(path);
    assert.ok(file, `${path} in zip`);
    const png = PNG.sync.read(Buffer.from(await file.async('uint8array')));
    assert.equal(png.width, 1280, 'screenshot in CSS pixels of the viewport');
    assert.deepEqual(pixel(png, 5, 5), expected[i], `step ${i + 1} screenshot shows the page before the click`);
  }

  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
    schema_version: string; extension_version: string; created_at: string; counts: { tasks: number; steps: number; screenshots: number };
  };
  assert.equal(manifest.extension_version, '0.1.0');
  assert.ok(manifest.schema_version);
  assert.ok(!Number.isNaN(Date.parse(manifest.created_at)));
  assert.deepEqual(manifest.counts, { tasks: 1, steps: 3, screenshots: 3 });
});

test('export right after Stop includes the last actions', async () => {
  await page.reload();
  await startRecording(session.browser, page, 'Stop and export at once');
  await recorderStartedIn(session.browser, page);
  const buttons = await page.$$('button.add');
  await buttons[0]!.click();
  await sleep(600);
  await page.click('#q');
  await page.keyboard.type('usb cable'); // a typing session still open when Stop is pressed
  await stopRecording(session.browser, page);
  const zip = await exportZip(session, page);
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { tasks: { task_id: string; instruction: string }[] };
  const task = manifest.tasks.find((t) => t.instruction === 'Stop and export at once')!;
  const steps = (await trajectory(zip)).filter((s) => s.task_id === task.task_id);
  assert.deepEqual(steps.map((s) => s.action.type), ['click', 'click', 'type'], JSON.stringify(steps.map((s) => s.action)));
  assert.equal((steps[2]!.action as { text?: string }).text, 'usb cable');
});
