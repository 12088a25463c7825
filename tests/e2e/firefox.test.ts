// Firefox-only checks on the Firefox build (dist/firefox/) in Debian's
// firefox-esr, through puppeteer's WebDriver BiDi: a recording started from the
// popup page (opened in a tab: see firefox-harness) stores scrubbed steps with
// element ids and screenshots made by the image-work page (an iframe of the
// background page, where Chrome has its offscreen document); the background
// page's suspension loses no step; and the same actions make the same steps as
// in Chrome. Tests whose body runs in both browsers use browsers.ts instead.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import JSZip from 'jszip';
import * as chrome from './harness';
import { ROOT, sleep, waitFor, type ExportedStep } from './harness';
import { readStored } from './extension-store';
import {
  backgroundStarts, backgroundSuspends, waitForSuspension, exportZipFirefox, firefoxSkip as skip, launchFirefox, startRecordingFirefox as startRecording, stopRecordingFirefox as stopRecording,
  storedRows as stored, type FirefoxSession, type StoredRow,
} from './firefox-harness';

let session: FirefoxSession;
before(async () => {
  if (skip) return;
  // The background page is suspended after 2 s without activity (Firefox's default is 30 s), so a recording at
  // a person's pace crosses suspensions, and any work the page does not keep itself awake for is cut off. (At 1 s,
  // a full test run's load stalled the page's keep-awake calls past the timeout mid-work, again and again.)
  session = await launchFirefox({ idleTimeoutMs: 2000 });
});
after(async () => { await session?.close(); });

const popupPage = (): Promise<Page> => session.popup();
const exportZip = (popup: Page): Promise<string> => exportZipFirefox(popup, session.downloads);

/** The stored steps of one task, once there are at least `n`. */
async function taskSteps(popup: Page, taskId: string, n: number): Promise<StoredRow[]> {
  return waitFor(async () => {
    const rows = (await stored(popup)).steps.filter((r) => r.taskId === taskId);
    return rows.length >= n ? rows : null;
  }, 60_000, 500).catch(async (e: unknown) => { throw new Error(`${String(e)}: ${await whatIsStored(popup, taskId)}`); });
}

/** A task's stored steps by type, and how many are still pending: what a failed wait reports. */
async function whatIsStored(popup: Page, taskId: string): Promise<string> {
  const { steps, pending } = await readStored(popup, taskId, { rows: true });
  return `${steps} stored (${(await stored(popup)).steps.filter((r) => r.taskId === taskId).map((r) => r.step.action.type).join(', ')}), ${pending} pending; `
    + `the background page started ${await backgroundStarts(popup)} times and was suspended ${await backgroundSuspends(popup)} times`;
}

// A test that fails mid-recording would leave the next one's Start disabled (the tests share one browser).
afterEach(async () => {
  if (skip || !session) return;
  const popup = await popupPage();
  const recording = await popup.evaluate(async () => !!(await browser.storage.local.get('recording')).recording).catch(() => false);
  if (recording) await stopRecording(popup).catch((e: unknown) => console.log(`# stopping a recording left on: ${String(e)}`));
});

test('Firefox: a recording started from the popup page stores scrubbed steps with ids and screenshots, and exports a valid zip', { skip }, async () => {
  const popup = await popupPage();
  const page = await session.browser.newPage();
  await page.goto(`${session.site.url}/demo/index.html`);
  const taskId = await startRecording(popup, page, 'Search for a cable and add it to the cart');
  await page.click('#q');
  await page.keyboard.type('cable for jane.doe@example.com');
  await page.click('#go');
  await sleep(600);
  await page.click('main button');
  // Three clicks and the typing (the visit to the popup tab before them is a tab_switch step).
  const done = await waitFor(async () => {
    const steps = (await stored(popup)).steps.filter((r) => r.taskId === taskId);
    return steps.filter((r) => r.step.action.type === 'click').length >= 3 ? { steps } : null;
  }, 60_000, 500).catch(async (e: unknown) => { throw new Error(`${String(e)}: ${await whatIsStored(popup, taskId)}`); });
  await stopRecording(popup);

  const types = done.steps.map((r) => r.step.action.type);
  assert.ok(types.includes('type') && types.filter((t) => t === 'click').length >= 2, `clicks and typing recorded: ${types.join(', ')}`);
  for (const { step } of done.steps.filter((r) => r.step.action.type !== 'tab_switch')) {
    assert.ok(step.observation.screenshot_path, `a screenshot for every step (${step.observation.screenshot_note ?? ''})`);
    assert.match(step.observation.dom_tree, /<html id="1"/, 'the dom_tree has element ids');
    if (step.target) assert.match(step.observation.dom_tree, new RegExp(` id="${step.target.element_id}"`), 'the target is in its dom_tree');
  }
  const typed = done.steps.find((r) => r.step.action.type === 'type')!.step.action.text!;
  assert.ok(typed.includes('<REDACTED>') && !typed.includes('jane.doe'), `the address typed is scrubbed before storage: ${typed}`);
  assert.ok(!JSON.stringify(done.steps).includes('jane.doe@example.com'), 'no raw address anywhere in the stored steps');

  // Export: the zip is a download, and the CLI accepts it.
  const zip = await exportZip(popup);
  const report = execFileSync(process.execPath, [join(ROOT, 'bin/alien-dataflow.mjs'), 'validate', zip], { encoding: 'utf8' });
  assert.match(report, /^OK/);
  await page.close();
});

test('Firefox: a recording at a person\'s pace, and its export, lose nothing while the background page is suspended and woken', { skip }, async () => {
  const popup = await popupPage();
  const page = await session.browser.newPage();
  await page.goto(`${session.site.url}/demo/index.html`);
  const taskId = await startRecording(popup, page, 'Add three things slowly');
  const startsBefore = await backgroundStarts(popup);
  const buttons = await page.$$('main button');
  for (const b of buttons.slice(0, 3)) {
    const suspended = await backgroundSuspends(popup);
    await b.click();
    // The background page is suspended between actions (its idle timeout is 2 s here), as a slow person would let it.
    await waitForSuspension(popup, suspended);
  }
  const mine = await taskSteps(popup, taskId, 3);
  const clicks = mine.filter((r) => r.step.action.type === 'click');
  assert.equal(clicks.length, 3, `every click is a stored step: ${mine.map((r) => r.step.action.type).join(', ')}`);
  for (const { step } of clicks) assert.ok(step.observation.screenshot_path, `a screenshot for every click (${mine.map((r) => `${r.step.action.type}: ${r.step.observation.screenshot_note ?? 'ok'}`).join('; ')})`);
  const suspended = await backgroundSuspends(popup);
  await stopRecording(popup);
  // Suspended again before the export, which then outlasts the idle timeout (it waits for late steps first).
  await waitForSuspension(popup, suspended);
  const woken = (await backgroundStarts(popup)) - startsBefore;
  assert.ok(woken >= 2, `the background page was suspended and woken during the recording (${woken} times)`);
  const zipPath = await exportZip(popup);
  assert.match(execFileSync(process.execPath, [join(ROOT, 'bin/alien-dataflow.mjs'), 'validate', zipPath], { encoding: 'utf8' }), /^OK/);
  const exported = (await chrome.trajectory(await JSZip.loadAsync(readFileSync(zipPath)))).filter((x) => x.task_id === taskId);
  assert.equal(exported.filter((x) => x.action.type === 'click' && x.observation.screenshot_path).length, 3, 'the export holds every click with its screenshot');
  await page.close();
});

test('Firefox and Chrome record the same actions on the same page as the same steps: DOM, ids, targets and scrubbing', { skip }, async () => {
  const task = 'Search for a cable, then add it';
  /** What a person does, in either browser. */
  const act = async (page: Page): Promise<void> => {
    await page.click('#q');
    await page.keyboard.type('usb cable for jane.doe@example.com');
    await page.click('#go');
    await sleep(600);
    await page.click('main button');
  };
  // Boxes depend on each browser's fonts; everything else must match.
  const comparable = (steps: ExportedStep[]): unknown[] => steps.filter((x) => x.action.type !== 'tab_switch').map((x) => ({
    action: { ...x.action, coordinates: null }, target: x.target && { ...x.target, bbox: null },
    dom: x.observation.dom_tree.replace(/ bbox="[^"]*"/g, ''), title: x.observation.active_window, screenshot: !!x.observation.screenshot_path,
  }));

  const popup = await popupPage();
  const page = await session.browser.newPage();
  await page.setViewport({ width: 1000, height: 700 });
  await page.goto(`${session.site.url}/demo/index.html`);
  const taskId = await startRecording(popup, page, task);
  await act(page);
  await taskSteps(popup, taskId, 3);
  await sleep(1000);
  await stopRecording(popup);
  const ffZipPath = await exportZip(popup);
  const ffSteps = await chrome.trajectory(await JSZip.loadAsync(readFileSync(ffZipPath)));
  const inFirefox = ffSteps.filter((x) => x.task_id === taskId);
  // Said first and briefly, so a CI log cut short still tells which half went wrong.
  assert.ok(inFirefox.length >= 3, `the Firefox export ${ffZipPath} holds task ${taskId}: it has ${inFirefox.length} of its steps; `
    + `its tasks: ${[...new Set(ffSteps.map((x) => x.task_id))].join(', ')}; stored: ${JSON.stringify(await popup.evaluate(async () => (await browser.runtime.sendMessage({ kind: 'tasks/list' })) as unknown))}`);
  await page.close();

  const inChromium = await chrome.launch();
  try {
    const cpage = await inChromium.browser.newPage();
    await cpage.setViewport({ width: 1000, height: 700 });
    await cpage.goto(`${inChromium.site.url}/demo/index.html`);
    await chrome.startRecording(inChromium.browser, cpage, task);
    await chrome.recorderStartedIn(inChromium.browser, cpage);
    await act(cpage);
    await waitFor(async () => (await chrome.storedStepCount(inChromium.browser, cpage)) >= 3, 30_000);
    await sleep(1000);
    await chrome.stopRecording(inChromium.browser, cpage);
    const inChrome = await chrome.trajectory(await chrome.exportZip(inChromium, cpage));
    // The pages come from two servers (ports differ): compare addresses without them.
    const portless = (v: unknown): unknown => JSON.parse(JSON.stringify(v).replace(/127\.0\.0\.1:\d+/g, 'host'));
    const [ff, ch] = [portless(comparable(inFirefox)) as Record<string, unknown>[], portless(comparable(inChrome)) as Record<string, unknown>[]];
    assert.deepEqual(ff, ch, firstDifference(ff, ch));
    assert.ok(JSON.stringify(inFirefox).includes('<REDACTED>') && !JSON.stringify(inFirefox).includes('jane.doe'), 'the address is scrubbed in both');
  } finally {
    await inChromium.close();
  }
});

/** Where two step lists part, told briefly (a CI log may keep only an assertion's first lines). */
function firstDifference(a: Record<string, unknown>[], b: Record<string, unknown>[]): string {
  const types = (l: Record<string, unknown>[]): string => l.map((x) => (x.action as { type: string }).type).join(',');
  if (a.length !== b.length) return `Firefox made ${a.length} steps (${types(a)}), Chrome ${b.length} (${types(b)})`;
  for (let i = 0; i < a.length; i++) {
    const keys = Object.keys({ ...a[i], ...b[i] }).filter((k) => JSON.stringify(a[i]![k]) !== JSON.stringify(b[i]![k]));
    if (keys.length) return `step ${i + 1} differs in ${keys.join(', ')}: Firefox ${keys.map((k) => JSON.stringify(a[i]![k]).slice(0, 300)).join(' | ')}; Chrome ${keys.map((k) => JSON.stringify(b[i]![k]).slice(0, 300)).join(' | ')}`;
  }
  return 'the steps are equal';
}
