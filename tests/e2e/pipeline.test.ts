// The step pipeline under a person's load: no step is lost to a reload
// followed by a worker stop, and a long sequence at a person's pace is in the
// zip whole when Stop and Export are pressed at once, with nothing arriving
// in storage afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'puppeteer-core';
import { readStored } from './extension-store';
import {
  launch, startRecording, openPopup, clickButton, pressExport, exportZip, stopRecording, trajectory, sleep, waitFor,
  stopServiceWorker, extensionPage, recorderStarted, type Session,
} from './harness';

let session: Session;

before(async () => {
  // Puppeteer must not be attached to the worker, or stopping it hangs the browser.
  session = await launch({ detachWorker: true });
});

after(async () => {
  await session?.close();
});

/** Steps stored and steps pending for a task, read from IndexedDB in an extension page. */
async function counts(browser: Browser, taskId: string): Promise<{ stored: number; pending: number }> {
  const { steps, pending } = await readStored(await extensionPage(browser), taskId);
  return { stored: steps, pending };
}

async function currentTaskId(browser: Browser): Promise<string> {
  const page = await extensionPage(browser);
  return page.evaluate(async () => ((await chrome.storage.local.get('recording')).recording as { taskId: string }).taskId);
}

/** Open the text-dense privacy page and start recording `task` through the popup. */
async function recordOnPrivacyPage(task: string): Promise<{ page: Page; taskId: string }> {
  const page = await session.browser.newPage();
  await page.goto(`${session.site.url}/privacy/index.html`);
  await startRecording(session.browser, page, task);
  const taskId = await currentTaskId(session.browser);
  await page.bringToFront();
  await recorderStarted(await extensionPage(session.browser), page);
  return { page, taskId };
}

/** Click somewhere on the text-dense privacy page: paragraphs, headings, inputs, the button. */
async function clickTarget(page: Page, i: number): Promise<void> {
  const selectors = ['#text p:nth-child(1)', '#text p:nth-child(2)', '#controls p:nth-child(1)', 'h1', '#backup', '#save', '#text p:nth-child(3)', '#controls p:nth-child(2)'];
  await page.click(selectors[i % selectors.length]!);
}

test('quick actions, then a reload, then a worker stop: every action is stored', async () => {
  const { page, taskId } = await recordOnPrivacyPage('Quick edits then reload');
  for (let i = 0; i < 6; i++) {
    await clickTarget(page, i);
    await sleep(60);
  }
  // Reload at once, then stop the worker: the page that held unsent steps is gone.
  await page.reload();
  await stopServiceWorker(session.browser);
  await page.bringToFront();
  // The worker wakes for the next event and resumes what it had accepted.
  await sleep(1000);
  await page.click('h1');
  await waitFor(async () => {
    const c = await counts(session.browser, taskId);
    return c.pending === 0 && c.stored >= 8;
  }, 30_000).catch(async (e: unknown) => {
    await stopRecording(session.browser, page);
    const got = (await trajectory(await exportZip(session, page))).map((s) => `${s.action.type}:${s.target?.tag ?? ''}:${s.action.navigation ?? ''}`);
    throw new Error(`${String(e)}: ${JSON.stringify(await counts(session.browser, taskId))} ${got.join(' ')}`);
  });
  await page.bringToFront();
  await stopRecording(session.browser, page);
  const steps = (await trajectory(await exportZip(session, page))).filter((s) => s.task_id === taskId);
  const types = steps.map((s) => s.action.type);
  assert.equal(types.filter((t) => t === 'click').length, 7, types.join(', '));
  assert.ok(steps.some((s) => s.action.type === 'navigate' && s.action.navigation === 'reload'), types.join(', '));
  assert.deepEqual(steps.map((s) => s.step_id), steps.map((_s, i) => i + 1));
  await page.close();
});

test('40 actions at a person\'s pace, then Stop and Export at once: the zip holds every action', async () => {
  const { page, taskId } = await recordOnPrivacyPage('Forty clicks at two per second');
  const ACTIONS = 40;
  for (let i = 0; i < ACTIONS; i++) {
    const started = Date.now();
    await clickTarget(page, i);
    await sleep(Math.max(0, 500 - (Date.now() - started)));
  }
  // Stop and Export in the same popup, one right after the other.
  const popup = await openPopup(session.browser, page);
  await clickButton(popup, 'Stop recording');
  await popup.waitForFunction(() => document.querySelector('#status')?.textContent === 'Not recording');
  const zip = await pressExport(session, popup);
  await popup.close().catch(() => undefined);
  const steps = (await trajectory(zip)).filter((s) => s.task_id === taskId);
  assert.equal(steps.length, ACTIONS, `every action is in the zip: ${steps.length} of ${ACTIONS}`);
  assert.ok(steps.every((s) => s.action.type === 'click'));
  assert.ok(steps.every((s) => s.observation.screenshot_path), 'every step has its screenshot');
  const after1 = await counts(session.browser, taskId);
  await sleep(3000);
  const after2 = await counts(session.browser, taskId);
  assert.deepEqual(after1, { stored: ACTIONS, pending: 0 });
  assert.deepEqual(after2, after1, 'nothing arrives in storage after the export');
  await page.close();
});
