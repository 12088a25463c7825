// Replay end to end: a task recorded through the popup on a page with a text
// field, a select, a checkbox, keys, a shadow-DOM button, an iframe button and
// a single-page link is exported, then replayed by the CLI against the same
// pages: at least 95% of its steps are ok and under 10% skipped. The page is
// then changed (a button renamed, an element removed) and replayed again:
// exactly those steps fail, with reasons.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from '@puppeteer/replay';
import { findChrome } from '../../scripts/find-chrome.mjs';
import JSZip from 'jszip';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic } from '../../scripts/fixture-server.mjs';
import { launch, recorderStartedIn, startRecording, stopRecording, exportZip, trajectory, sleep, waitFor, storedStepCount, ROOT, FIXTURES, type Session } from './harness';

const require = createRequire(import.meta.url);

interface Report { tasks: { steps: { step_id: number; type: string; status: string; reason?: string }[] }[]; summary: { ok: number; failed: number; skipped: number } }

let session: Session;
let site: { url: string; close: () => Promise<unknown> };
let root: string;
before(async () => {
  session = await launch();
  // The pages are served from a copy, so the second replay can run against a changed site.
  root = mkdtempSync(join(tmpdir(), 'adf-replay-site-'));
  cpSync(join(FIXTURES, 'replay'), join(root, 'replay'), { recursive: true });
  site = await serveStatic(root);
});
after(async () => {
  await session?.close();
  await site?.close();
});

/** The CLI in its own process; asynchronously, so this process's page server keeps serving it. --yes: replay asks about every host, loopback too. */
async function runReplay(zip: string, name: string, ...extra: string[]): Promise<Report> {
  const out = join(session.downloads, `${name}.json`);
  await promisify(execFile)(process.execPath, [join(ROOT, 'bin/alien-dataflow.mjs'), 'replay', zip, '--report', out, '--timeout', '3000', '--yes', ...extra], { encoding: 'utf8' });
  return JSON.parse(readFileSync(out, 'utf8')) as Report;
}

const cli = async (...args: string[]): Promise<string> =>
  (await promisify(execFile)(process.execPath, [join(ROOT, 'bin/alien-dataflow.mjs'), ...args], { encoding: 'utf8' })).stdout;

test('a recording replays; a changed page fails exactly the steps it broke', async () => {
  const page = await session.browser.newPage();
  await page.setViewport({ width: 1100, height: 800 });
  await page.goto(`${site.url}/replay/shop.html`);
  await startRecording(session.browser, page, 'Search, sort, gift wrap and buy');
  await recorderStartedIn(session.browser, page);
  let expected = 0;
  // Wait until the steps these actions make are stored (an edit ended by Enter makes two: the text, then the key).
  const stored = async (steps = 1): Promise<void> => {
    expected += steps;
    await waitFor(async () => (await storedStepCount(session.browser, page)) >= expected, 20_000);
    await sleep(250);
  };
  await page.click('#q'); await stored();
  await page.keyboard.type('usb cable');
  await page.keyboard.press('Enter');
  await stored(2);
  // A person opens the list and picks with the keyboard (trusted events); opening it is not a step, the choice is.
  await page.click('#sort');
  await sleep(300);
  await page.keyboard.press('ArrowDown'); await page.keyboard.press('Enter'); await stored(); await sleep(400);
  await page.click('#gift'); await stored();
  await page.click('#add'); await stored();
  await page.click('shop-buy >>> #buy'); await stored();
  const frame = page.frames().find((f) => f.url().endsWith('/replay/frame.html'))!;
  await frame.click('#pay'); await stored();
  await page.click('#next'); await stored();
  await sleep(800);
  await stopRecording(session.browser, page);
  const zip = await exportZip(session, page);
  const steps = await trajectory(zip);
  const types = steps.map((s) => s.action.type);
  for (const t of ['click', 'type', 'key', 'select', 'check']) assert.ok(types.includes(t as never), `recorded a ${t} step: ${types.join(', ')}`);
  const file = readdirSync(session.downloads).filter((f) => f.endsWith('.zip')).map((f) => join(session.downloads, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!;

  // The export carries the Recorder flow (valid for @puppeteer/replay's parser, as DevTools imports it) and the
  // Puppeteer script the library's stringify made of it; the script runs (puppeteer resolved to puppeteer-core).
  const taskId = steps[0]!.task_id;
  const flow = JSON.parse(await zip.file(`replay/${taskId}.json`)!.async('string'));
  assert.ok(parse(flow).steps.length >= steps.length, 'the flow has a step per replayable recorded step');
  const scriptDir = mkdtempSync(join(tmpdir(), 'adf-script-'));
  mkdirSync(join(scriptDir, 'node_modules/puppeteer'), { recursive: true });
  writeFileSync(join(scriptDir, 'node_modules/puppeteer/index.js'), `const p = require(${JSON.stringify(require.resolve('puppeteer-core'))});
module.exports = { ...p, Locator: p.Locator, launch: (o = {}) => p.launch({ ...o, executablePath: ${JSON.stringify(findChrome())}, headless: true, args: ['--no-sandbox'] }) };`);
  writeFileSync(join(scriptDir, 'flow.cjs'), await zip.file(`replay/${taskId}.puppeteer.js`)!.async('string'));
  await promisify(execFile)(process.execPath, [join(scriptDir, 'flow.cjs')], { cwd: scriptDir, timeout: 60_000 });

  const first = await runReplay(file, 'first');
  const all = first.tasks[0]!.steps;
  assert.equal(all.length, steps.length, 'every exported step is in the report');
  const ok = all.filter((s) => s.status === 'ok').length;
  const skipped = all.filter((s) => s.status === 'skipped').length;
  assert.ok(ok / all.length >= 0.95, `ok ${ok}/${all.length}: ${JSON.stringify(all.filter((s) => s.status !== 'ok'))}`);
  assert.ok(skipped / all.length < 0.1, `skipped ${skipped}/${all.length}`);
  for (const s of all.filter((x) => x.status !== 'ok')) assert.ok(s.reason, 'a non-ok step says why');

  // The site changes: "Add to cart" becomes "Add to basket", the gift wrap box is gone.
  const shop = join(root, 'replay/shop.html');
  writeFileSync(shop, readFileSync(shop, 'utf8').replace('>Add to cart<', '>Add to basket<').replace('<div class="row"><label><input id="gift" type="checkbox"> Gift wrap</label></div>', ''));
  const annotated = join(session.downloads, 'annotated.zip');
  const second = await runReplay(file, 'second', '--annotate', annotated);
  const failed = second.tasks[0]!.steps.filter((s) => s.status === 'failed');
  const idOf = (sel: string): number => steps.find((s) => (s.target as { selector?: string } | null)?.selector?.includes(sel))!.step_id;
  assert.deepEqual(failed.map((s) => s.step_id).sort((a, b) => a - b), [idOf('gift'), idOf('add')].sort((a, b) => a - b), JSON.stringify(second.tasks[0]!.steps));
  for (const f of failed) assert.ok(f.reason && f.reason.length > 5, `step ${f.step_id} says why it failed`);

  // The annotated copy: valid, each step with its replay status, the task with its score; format keeps by score.
  assert.match(await cli('validate', annotated), /^OK/);
  const copy = await JSZip.loadAsync(readFileSync(annotated));
  const lines = (await copy.file('trajectory.jsonl')!.async('string')).trim().split('\n').map((l) => JSON.parse(l) as { replay?: { status: string } });
  assert.ok(lines.every((l) => l.replay), 'every step carries its replay status');
  assert.equal(lines.filter((l) => l.replay!.status === 'failed').length, 2);
  const score = (JSON.parse(await copy.file('manifest.json')!.async('string')) as { tasks: { replay_score: number }[] }).tasks[0]!.replay_score;
  assert.ok(score > 0.5 && score < 1, `score ${score}`);
  const none = join(session.downloads, 'strict');
  assert.match(await cli('format', annotated, '--out', none, '--min-replay', '1'), /0 of 1 tasks kept/);
  const some = join(session.downloads, 'lenient');
  await cli('format', annotated, '--out', some, '--min-replay', '0.5');
  assert.equal(readFileSync(join(some, 'sharegpt.jsonl'), 'utf8').trim().split('\n').length, lines.length - 2, 'the failed steps are left out');
  await page.close();
});
