// Recording and replaying pages no one here wrote, built on real UI libraries
// from npm: a Shoelace settings form (inputs, checkbox, switch, select and
// buttons inside shadow roots), an AG Grid inventory (a virtualised grid whose
// rows are recycled as it scrolls) and a Vue + vue-router bookshop (history-mode
// navigation, v-model re-rendering). Each task is recorded through the popup,
// exported, and replayed by the CLI against the same pages: at least 95% of its
// steps must reproduce, under 10% be skipped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { serveStatic } from '../../scripts/fixture-server.mjs';
import { buildUiLibrarySite } from '../fixtures/ui-libs/build.mjs';
import { launch, startRecording, stopRecording, exportZip, trajectory, sleep, waitFor, storedStepCount, ROOT, type Session, type ExportedStep } from './harness';

interface ReportStep { step_id: number; type: string; status: string; reason?: string; selector?: string }
interface Report { tasks: { task_id: string; steps: ReportStep[] }[] }

let session: Session;
let site: { url: string; close: () => Promise<unknown> };
before(async () => {
  session = await launch();
  const root = mkdtempSync(join(tmpdir(), 'adf-ui-libs-'));
  await buildUiLibrarySite(root);
  site = await serveStatic(root, 0, { historyFallback: ['/ui-libs/spa/'] });
});
after(async () => {
  await session?.close();
  await site?.close();
});

/** Waits until the steps an action makes are stored: the count stops growing. */
async function settle(page: Page): Promise<void> {
  let last = -2;
  await waitFor(async () => {
    const n = await storedStepCount(session.browser, page);
    const still = n === last;
    last = n;
    return still;
  }, 20_000, 500);
}

/** Records `act` on `path` as one task, exports, and replays that task with the CLI. */
async function recordAndReplay(path: string, task: string, act: (page: Page) => Promise<void>): Promise<{ steps: ExportedStep[]; report: ReportStep[] }> {
  const page = await session.browser.newPage();
  await page.setViewport({ width: 1100, height: 800 });
  await page.goto(`${site.url}${path}`);
  await sleep(600);
  await startRecording(session.browser, page, task);
  await sleep(700);
  await act(page);
  await settle(page);
  await stopRecording(session.browser, page);
  const zip = await exportZip(session, page);
  await page.close();
  const all = await trajectory(zip);
  // The newest task is this one (its instruction may be scrubbed: a book title reads as an organisation).
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { tasks: { task_id: string; created_at: string }[] };
  const taskId = [...manifest.tasks].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at)).at(-1)!.task_id;
  const steps = all.filter((s) => s.task_id === taskId);
  const file = readdirSync(session.downloads).filter((f) => f.endsWith('.zip')).map((f) => join(session.downloads, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!;
  const out = join(session.downloads, `${taskId}.report.json`);
  await promisify(execFile)(process.execPath, [join(ROOT, 'bin/alien-dataflow.mjs'), 'replay', file, '--task', taskId, '--report', out, '--timeout', '4000'], { encoding: 'utf8' });
  const report = (JSON.parse(readFileSync(out, 'utf8')) as Report).tasks.find((t) => t.task_id === taskId)!.steps;
  return { steps, report };
}

function assertReplays(steps: ExportedStep[], report: ReportStep[]): void {
  assert.equal(report.length, steps.length, 'every exported step is in the report');
  const ok = report.filter((s) => s.status === 'ok').length;
  const skipped = report.filter((s) => s.status === 'skipped').length;
  const detail = JSON.stringify(report.filter((s) => s.status !== 'ok').map((s) => ({ ...s, recorded: steps.find((x) => x.step_id === s.step_id)?.action })));
  assert.ok(ok / report.length >= 0.95, `ok ${ok}/${report.length}: ${detail}`);
  assert.ok(skipped / report.length < 0.1, `skipped ${skipped}/${report.length}: ${detail}`);
}

const types = (steps: ExportedStep[]): string[] => steps.map((s) => s.action.type);

test('a Shoelace form: typing, a select, a checkbox, a switch, tabs and buttons inside shadow roots replay', async () => {
  const { steps, report } = await recordAndReplay('/ui-libs/design-system.html', 'Set my display name and plan, then get invoices', async (page) => {
    await page.click('#display-name >>> input');
    await settle(page);
    await page.keyboard.type('Ada Lovelace');
    await page.click('#plan');
    await settle(page);
    await page.waitForSelector('sl-option[value="team"]', { visible: true });
    await sleep(400);
    await page.click('sl-option[value="team"]');
    await settle(page);
    // On the box and its label, as a person clicks: the host's own box is as wide as the form.
    await page.click('#digest >>> label');
    await settle(page);
    await page.click('#dark >>> label');
    await settle(page);
    await page.click('#save');
    await settle(page);
    await page.click('sl-tab[panel="billing"]');
    await settle(page);
    await sleep(300);
    await page.click('#invoices');
  });
  const typed = steps.find((s) => s.action.type === 'type');
  assert.ok(typed, `a typing step inside the shadow root: ${types(steps).join(', ')}`);
  // A display name is a person's name: the scrubber takes it, and the replay types the placeholder.
  assert.equal((typed!.action as { text?: string }).text, '<REDACTED>');
  assert.ok(steps.filter((s) => s.action.type === 'check').length >= 2, `the checkbox and the switch are check steps: ${types(steps).join(', ')}`);
  assertReplays(steps, report);
});

test('an AG Grid: quick filter, a sort by header, a scrolled virtualised grid and a row picked far down replay', async () => {
  const { steps, report } = await recordAndReplay('/ui-libs/grid.html', 'Restock the cheapest desk lamp far down the list', async (page) => {
    await page.waitForSelector('.ag-row');
    await page.click('#quick');
    await settle(page);
    await page.keyboard.type('lamp');
    await page.click('.ag-header-cell[col-id="price"] .ag-header-cell-label');
    await settle(page);
    await sleep(300);
    const body = (await page.$('.ag-grid-viewport'))!;
    const box = (await body.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 6; i++) {
      await page.mouse.wheel({ deltaY: 400 });
      await sleep(120);
    }
    await sleep(800);
    await settle(page);
    // A row that exists only because the grid scrolled to it.
    const cell = await page.waitForSelector('.ag-row[row-index="60"] .ag-cell[col-id="product"]', { visible: true });
    await cell!.click();
    await settle(page);
    await page.click('#restock');
  });
  assert.ok(types(steps).includes('scroll'), `the grid's scroll is a step: ${types(steps).join(', ')}`);
  assertReplays(steps, report);
});

test('a Vue single-page app: router links, a v-model search, a select and a checkout replay', async () => {
  const { steps, report } = await recordAndReplay('/ui-libs/spa/', 'Order Designing Data-Intensive Applications with a gift receipt', async (page) => {
    await page.click('#browse');
    await settle(page);
    await page.waitForSelector('#search');
    await page.click('#search');
    await settle(page);
    await page.keyboard.type('design');
    await page.click('#order');
    await sleep(300);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await settle(page);
    await page.click('button[aria-label="Add Designing Data-Intensive Applications"]');
    await settle(page);
    await page.click('#cart-link');
    await settle(page);
    await page.waitForSelector('#checkout');
    await page.click('#gift');
    await settle(page);
    await page.click('#checkout');
  });
  for (const t of ['click', 'type', 'select', 'check']) assert.ok(types(steps).includes(t), `recorded a ${t} step: ${types(steps).join(', ')}`);
  // History-mode links change the address without a load: later steps are on the routes they were taken on.
  assert.ok(steps.some((s) => s.observation.url?.endsWith('/ui-libs/spa/cart')), 'a step on the cart route');
  assertReplays(steps, report);
});
