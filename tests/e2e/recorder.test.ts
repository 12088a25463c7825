// Recorder fidelity on real pages: every action type, shadow DOM, same- and
// cross-origin frames, SPA history, navigation, a hostile page, a 20k-element
// page (every action type also in Firefox). Each step's element id must be in its dom_tree and the click point
// inside the target's box in the screenshot frame.
import { test, before, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import type { Page } from 'puppeteer-core';
import {
  startRecording, stopRecording, exportZip, trajectory, sleep, waitFor, storedStepCount, recorderStarted, recorderStartedIn,
  type Session, type ExportedStep,
} from './harness';
import { sharedChromiumSession, testInBothBrowsers, waitForAccepted, waitForSteps, type RecorderDriver } from './browsers';
import { heldTexts, readStored, recorderReported } from './extension-store';
import { browserGymAction, pyAutoGuiAction } from '../../src/core/agent-action-styles';
import { StepSchema } from '../../src/core/schema';
import { browserGymProblems, pyAutoGuiProblems } from '../unit/action-grammars/grammars';

let session: Session;

// The plain tests below use the browser the file's sharing tests use in Chromium (closed after the last of them).
before(async () => {
  session = await sharedChromiumSession();
});

// A failed test must not leave the recording on for the next one.
afterEach(async () => {
  const pages = await session.browser.pages();
  const page = pages[pages.length - 1]!;
  const status = await session.browser.pages().then(() => storedStepCount(session.browser));
  if (status >= 0) await stopRecording(session.browser, page).catch(() => undefined);
});

/** Wait until `n` steps are stored, so the next action is a separate, settled one. */
async function steps(page: Page, n: number): Promise<void> {
  await waitFor(async () => (await storedStepCount(session.browser, page)) >= n, 30_000);
  await sleep(350);
}

function inBox(step: ExportedStep): boolean {
  const [x, y] = step.action.coordinates!;
  const b = step.target!.bbox;
  return x >= b.x - 0.5 && x <= b.x + b.width + 0.5 && y >= b.y - 0.5 && y <= b.y + b.height + 0.5;
}

/** Steps of the most recent task in an export (exports hold every finished task). */
function lastTask(all: ExportedStep[]): ExportedStep[] {
  const id = all[all.length - 1]!.task_id;
  const mine = all.filter((s) => s.task_id === id);
  assert.deepEqual(mine.map((s) => s.step_id), mine.map((_s, i) => i + 1), 'step ids contiguous');
  return mine;
}

function idInTree(step: ExportedStep): boolean {
  return step.observation.dom_tree.includes(` id="${step.action.element_id}"`);
}

// One body for Chromium and Firefox. This file's tests in both browsers share one browser of each.
testInBothBrowsers('records every action type with ids, boxes and pre-action screenshots', everyAction, {}, true);

async function everyAction(driver: RecorderDriver): Promise<void> {
  const page = await driver.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(`${driver.site}/recorder/actions.html?other=${encodeURIComponent(driver.other)}`);
  const taskId = await driver.startRecording(page, 'Exercise every action');
  /** Wait until `n` steps are stored, so the next action is a separate, settled one. */
  const steps = async (_page: Page, n: number): Promise<void> => {
    await waitForSteps(driver, taskId, n);
    await sleep(350);
  };

  await page.click('#search');
  await page.keyboard.type('usb cable');
  await page.keyboard.press('Enter'); // ends the edit: type step, then key step
  await steps(page, 3);
  await page.focus('#ship');
  await page.keyboard.press('ArrowDown');
  await steps(page, 4);
  await page.click('#gift');
  await steps(page, 5);
  await page.click('#widget'); // the button inside the open shadow root
  await steps(page, 6);
  const same = (await (await page.$('#same'))!.boundingBox())!;
  await page.mouse.click(same.x + 50, same.y + 22);
  await steps(page, 7);
  const cross = (await (await page.$('#cross'))!.boundingBox())!;
  await page.mouse.click(cross.x + 50, cross.y + 22);
  await steps(page, 8);
  await page.click('a.route[data-route=orders]'); // SPA route: the click explains it, no extra step
  await steps(page, 9);
  // Same-document back by the browser's own history, as its back button does: a navigate step where the browser
  // says a person asked for it (Chromium's navigate event: userInitiated). Firefox reports its WebDriver BiDi
  // traversal as it reports a script's history.back() (not userInitiated), and a page's script moving through
  // its history is no step (issue 24): there the back is made all the same (the page is then where it is in
  // Chromium), and makes no step.
  const backStep = driver.name === 'chromium';
  await sleep(900);
  await page.goBack();
  if (backStep) await steps(page, 10);
  else await sleep(900);
  const k = backStep ? 0 : -1;
  await page.click('#ctx', { button: 'right' });
  await steps(page, 11 + k);
  await page.click('#dbl', { count: 2 });
  await steps(page, 12 + k);
  await page.mouse.move(600, 600);
  await page.mouse.wheel({ deltaY: 500 });
  await steps(page, 13 + k);
  const typedAt = Date.now();
  await page.goto(`${driver.site}/demo/index.html`); // typed URL
  await steps(page, 14 + k);
  // The page has shown itself settled (a frame of it is wanted then) before it is reloaded, as a person sees a
  // page before reloading it: a reload under load 350 ms after the page's step was stored could leave no frame.
  const ext = await driver.extensionPage();
  await waitFor(() => recorderReported(ext, page.url(), typedAt), 15_000, 50);
  await page.reload();
  await steps(page, 15 + k);
  await driver.stopRecording(page);

  const zip = await driver.exportZip(page);
  // A person's double click also yields the click of its first press; puppeteer's may not.
  const all = lastTask(await trajectory(zip)).filter((s, i, arr) => !(s.action.type === 'click' && arr[i + 1]?.action.type === 'double_click'));
  const types = all.map((s) => s.action.type);
  assert.deepEqual(types, [
    'click', 'type', 'key', 'select', 'check', 'click', 'click', 'click', 'click', ...(backStep ? ['navigate'] : []),
    'right_click', 'double_click', 'scroll', 'navigate', 'navigate',
  ]);
  const [clickSearch, typed, enter, select, check, shadow, sameFrame, crossFrame, route, back, rightClick, dbl, scroll, typedNav, reload] =
    backStep ? all : [...all.slice(0, 9), undefined, ...all.slice(9)];

  assert.equal(typed!.action.text, 'usb cable');
  assert.equal(typed!.action.element_id, clickSearch!.action.element_id, 'same field keeps its id');
  assert.equal(enter!.action.key, 'Enter');
  assert.equal(select!.action.value, 'exp');
  assert.equal(select!.action.label, 'Express');
  assert.equal(check!.action.checked, true);
  assert.match(shadow!.observation.dom_tree, /<shadow-root>/);
  assert.equal(shadow!.target!.name, 'Shadow buy');
  assert.equal(sameFrame!.target!.name, 'Frame button');
  assert.equal(sameFrame!.frame_id, 0, 'same-origin frame is recorded by the top frame, inlined');
  assert.equal(crossFrame!.target!.name, 'Frame button', JSON.stringify({ target: crossFrame!.target, frame: crossFrame!.frame_id }));
  assert.notEqual(crossFrame!.frame_id, 0, 'cross-origin frame records itself');
  assert.match(crossFrame!.observation.dom_tree, /^<html id="1"/, 'cross-origin step is joined into the top-level tree');
  assert.match(crossFrame!.observation.dom_tree, new RegExp(`frame-id="${crossFrame!.frame_id}"[^>]*><html id="${crossFrame!.frame_id}000001"`));
  // The cross-origin click point is in top-level coordinates: inside the iframe's box.
  assert.ok(crossFrame!.action.coordinates![0] > cross.x && crossFrame!.action.coordinates![0] < cross.x + cross.width);
  assert.equal(route!.target!.name, 'Orders');
  if (backStep) assert.equal(back!.action.navigation, 'back_forward');
  assert.equal(rightClick!.target!.name, 'Context target');
  assert.equal(dbl!.target!.name, 'Double me');
  assert.equal(scroll!.action.scroll!.y, 500);
  // WebDriver BiDi's navigation reaches Firefox's webNavigation as a link, not a typed address.
  assert.equal(typedNav!.action.navigation, driver.name === 'firefox' ? 'link' : 'typed');
  assert.match(typedNav!.action.url!, /\/demo\/index\.html$/);
  assert.equal(typedNav!.observation.active_window, 'Actions', 'a navigation step observes the page before it');
  assert.equal(reload!.action.navigation, 'reload');
  // The page's own hand-over, in both browsers: Firefox drops the page's storage write as it unloads the page, and
  // the copy it sends as a message is what arrives (before it, this step kept the page's address only, and said so).
  assert.equal(reload!.observation.active_window, 'Demo shop', (reload!.observation as { screenshot_note?: string }).screenshot_note ?? '');
  assert.match(reload!.observation.url, /\/demo\/index\.html$/);

  for (const step of all) {
    if (step.action.element_id !== null) assert.ok(idInTree(step), `step ${step.step_id} (${step.action.type}): element_id in dom_tree`);
    if (step.action.coordinates && step.target && step.action.type !== 'scroll') assert.ok(inBox(step), `step ${step.step_id} click point inside target box`);
    assert.ok(step.thought_trace.length > 5, 'default thought trace');
    const shot = step.observation.screenshot_path ? zip.file(step.observation.screenshot_path) : null;
    assert.ok(shot, `step ${step.step_id} (${step.action.type}) has its screenshot in the zip: ${step.observation.screenshot_path} (${(step.observation as { screenshot_note?: string }).screenshot_note ?? 'no note'})`);
    const png = PNG.sync.read(Buffer.from(await shot.async('uint8array')));
    assert.equal(png.width, step.observation.viewport.width, 'PNG is in CSS pixels of the viewport');
  }
  assert.ok(all.filter((s) => s.observation.screenshot_fresh).length >= all.length / 2, 'most frames are fresh pre-action frames');
  // Every action in BrowserGym's and pyautogui's grammars (tables from their sources, tests/unit/action-grammars).
  let scrolled: { x: number; y: number } | undefined;
  for (const exported of all) {
    const step = StepSchema.parse(exported); // the line as the schema reads it, typed in full
    const bg = browserGymAction(step, scrolled);
    assert.deepEqual(browserGymProblems(bg, ['chat', 'bid', 'coord', 'nav', 'tab']), [], `step ${step.step_id}: ${bg}`);
    const py = pyAutoGuiAction(step, scrolled);
    assert.deepEqual(pyAutoGuiProblems(py), { problems: [], notes: [] }, `step ${step.step_id}: ${py}`);
    if (step.action.scroll) scrolled = step.action.scroll;
  }
  await page.close();
}

test('synthetic (untrusted) events are not recorded', async () => {
  const page = await session.browser.newPage();
  await page.goto(`${session.site.url}/demo/index.html`);
  await startRecording(session.browser, page, 'Only real clicks count');
  await recorderStartedIn(session.browser, page);
  await page.evaluate(() => {
    const b = document.querySelector('button.add') as HTMLButtonElement;
    b.click();
    b.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    b.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
  });
  await page.click('#go');
  await steps(page, 1);
  await sleep(500);
  assert.equal(await storedStepCount(session.browser, page), 1);
  await stopRecording(session.browser, page);
  await page.close();
});

test('a page that swallows events, breaks prototypes and throws still records', async () => {
  const page = await session.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${session.site.url}/recorder/hostile.html`);
  await startRecording(session.browser, page, 'Click on a hostile page');
  await recorderStartedIn(session.browser, page);
  await page.click('#b1');
  await steps(page, 1);
  await page.click('#b2');
  await steps(page, 2);
  // Inside a form whose controls clobber localName, attributes, firstChild, nextSibling, getAttribute, id.
  await page.click('#b3');
  await steps(page, 3);
  await stopRecording(session.browser, page);
  const zip = await exportZip(session, page);
  const last = lastTask(await trajectory(zip));
  assert.deepEqual(last.map((s) => s.target?.name), ['First', 'Second', 'In the form']);
  assert.ok(last.every(idInTree));
  // The clobbered form is serialised as a form, with its controls inside.
  assert.match(last[2]!.observation.dom_tree, /<form id="\d+" dom-id="clobber">(<input [^>]*name="localName"[^>]*\/>)/);
  // Only the page's own deliberate throw shows up; the recorder adds no error.
  assert.ok(errors.every((e) => e.includes('page handler throws')), errors.join('\n'));
  await page.close();
});

test('a 20k-element page records with the target in a capped dom_tree', async () => {
  const page = await session.browser.newPage();
  await page.goto(`${session.site.url}/recorder/big.html?n=20000`);
  assert.ok((await page.evaluate(() => document.getElementsByTagName('*').length)) >= 20_000);
  await startRecording(session.browser, page, 'Buy something on a big page');
  await recorderStartedIn(session.browser, page);
  const buy = (await page.$$('button.buy'))[3000]!;
  await buy.scrollIntoView();
  await sleep(600);
  await buy.click();
  await steps(page, 1); // scrollIntoView is not a user scroll; the click is the one step
  const stopAt = performance.now();
  await stopRecording(session.browser, page);
  // Stop takes the final state here (the page's snapshot, one IndexedDB write, its frame sealed): said, for the docs.
  console.log(`# Stop through the popup on the 20k-element page, final state included: ${Math.round(performance.now() - stopAt)} ms`);
  const zip = await exportZip(session, page);
  const all = lastTask(await trajectory(zip));
  const click = all.find((s) => s.action.type === 'click')!;
  assert.ok(idInTree(click));
  assert.ok(inBox(click));
  assert.ok(click.observation.dom_tree.length <= 1_000_000, 'dom_tree within the size cap');
  const final = JSON.parse(await zip.file(`final/${click.task_id}.json`)!.async('string')) as { observation: { dom_tree: string; screenshot_path: string | null } };
  assert.ok(final.observation.dom_tree.length <= 1_000_000 && final.observation.dom_tree.includes('button'), 'the final state\'s tree within the same cap');
  assert.ok(final.observation.screenshot_path && zip.file(final.observation.screenshot_path), 'the final state has its screenshot');
  await page.close();
});

// A field typed in and not left, then the tab closed: the type step is sent as the page goes away, which
// Firefox does not let through, so the worker holds the step from the first keystroke on (the whole draft once,
// then its text at most 0.15 s behind: see background/held-edits). Before, it was held only after a 0.4 s pause,
// and a tab closed 0.3 s after the last key lost its step in Firefox.
testInBothBrowsers('tabs closed while a field holds an unsent edit keep the type step', async (driver) => {
  const stays = await driver.newPage();
  await stays.goto(`${driver.site}/demo/page2.html`);
  const page = await driver.newPage();
  await page.goto(`${driver.site}/demo/index.html`);
  const taskId = await driver.startRecording(page, 'Type, then close the tab');
  await page.click('#q');
  await page.keyboard.type('usb cable for jane.doe@example.com');
  // Closed once the worker holds the last text (at most 0.15 s behind the keys on an idle machine; under a CI's load
  // a fixed 0.3 s once closed the tab with only 'u' held).
  const ext = await driver.extensionPage();
  await waitFor(async () => (await heldTexts(ext)).includes('usb cable for <REDACTED>'), 15_000);
  await page.close();
  // Closed the moment typing ends: the step stays, its text as last held (Chrome's page still sends it whole).
  const quick = await driver.newPage();
  await quick.goto(`${driver.site}/demo/index.html`);
  await recorderStarted(await driver.extensionPage(), quick);
  await quick.click('#q');
  await quick.keyboard.type('hdmi adapter');
  await quick.close();
  // Both closed tabs' type steps stored (one missing shows in the assertions below, which name the steps).
  await waitFor(async () => (await readStored(await driver.extensionPage(), taskId, { rows: true })).rows
    .filter((r) => r.step.action.type === 'type').length >= 2, 15_000).catch(() => undefined);
  await driver.stopRecording(stays);
  const steps = (await trajectory(await driver.exportZip(stays))).filter((s) => s.task_id === taskId);
  const typed = steps.filter((s) => s.action.type === 'type');
  assert.equal(typed.length, 2, `a type step per closed tab: ${steps.map((s) => s.action.type).join(', ')}`);
  assert.equal(typed[0]!.action.text, 'usb cable for <REDACTED>', 'the text as typed, scrubbed');
  assert.match(typed[0]!.observation.dom_tree, /<input id="\d+" dom-id="q"/, 'the page before the typing');
  const quickText = typed[1]!.action.text ?? '';
  assert.ok(quickText.length > 0 && 'hdmi adapter'.startsWith(quickText), `the quick tab's text, as far as it was held: "${quickText}"`);
}, {}, true);

// A reload before any other action: Firefox ends the leaving page before it hands its state over, and with no
// step yet in the tab the worker had no page to stand in for it, so the navigate step was lost (3 of 3 runs).
// Now the address the recording started on stands in (with a note), as docs/architecture.md says.
testInBothBrowsers('a reload right after Start, before any other action, is a step', async (driver) => {
  const page = await driver.newPage();
  await page.goto(`${driver.site}/demo/index.html`);
  const taskId = await driver.startRecording(page, 'Reload first');
  await page.reload();
  // The next action once the reload's step is in (the page's load report, sent once its recorder records).
  await waitForAccepted(driver, taskId, 1);
  await page.click('button.add');
  await waitForSteps(driver, taskId, 2);
  await driver.stopRecording(page);
  const steps = (await trajectory(await driver.exportZip(page))).filter((s) => s.task_id === taskId);
  assert.deepEqual(steps.map((s) => `${s.action.type}${s.action.navigation ? ` (${s.action.navigation})` : ''}`), ['navigate (reload)', 'click'], `in ${driver.name}`);
  assert.match(steps[0]!.action.url ?? '', /\/demo\/index\.html$/, 'the reload names the page it reloaded');
}, {}, true);

// Firefox runs content scripts in the blank document a new tab starts with: it reported a load, so the tab's
// first page became a "navigate" step from about:blank (every run with a 1.5 s pause on the blank page; 4 of
// 22 runs of the storage-full test under load, with none). A new tab is one tab_switch step, in both browsers.
testInBothBrowsers('a new tab left blank for a moment, then given a page, is a tab switch and no navigation', async (driver) => {
  const page = await driver.newPage();
  await page.goto(`${driver.site}/demo/index.html`);
  const taskId = await driver.startRecording(page, 'Open a new tab');
  await page.click('button.add');
  await waitForSteps(driver, taskId, 1);
  const other = await driver.newPage();
  await sleep(1500);
  await other.goto(`${driver.site}/demo/index.html`);
  await recorderStarted(await driver.extensionPage(), other);
  await other.click('button.add');
  await waitForSteps(driver, taskId, 3);
  await driver.stopRecording(other);
  const steps = (await trajectory(await driver.exportZip(other))).filter((s) => s.task_id === taskId);
  assert.deepEqual(steps.map((s) => `${s.action.type}${s.action.navigation ? ` (${s.action.navigation})` : ''}`), ['click', 'tab_switch (new_tab)', 'click'], `in ${driver.name}`);
}, {}, true);

// A tab dragged out into a window of its own (the browser's tabs.windows.create with the tab, as a drag makes it):
// the browser brings another tab forward in the window left and the moved tab forward in the new one. Neither is a
// switch the person made: they were in that tab before the move and still are.
testInBothBrowsers('a tab moved to a window of its own makes no tab switch', async (driver) => {
  const page = await driver.newPage();
  await page.goto(`${driver.site}/demo/index.html`);
  const taskId = await driver.startRecording(page, 'Move the shop to a window of its own');
  await page.click('button.add');
  await waitForSteps(driver, taskId, 1);
  // The shop's tab is the one in front of the window the extension's page is in (Firefox tells an extension page
  // no address of a tab it has no host permission for, so it is found by being in front).
  await page.bringToFront();
  await (await driver.extensionPage()).evaluate(async () => {
    const api = (globalThis as { browser?: typeof chrome }).browser ?? chrome;
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) throw new Error('no tab in front');
    await api.windows.create({ tabId: tab.id });
  });
  await page.click('button.add');
  await waitForSteps(driver, taskId, 2);
  await driver.stopRecording(page);
  const steps = (await trajectory(await driver.exportZip(page))).filter((s) => s.task_id === taskId);
  assert.deepEqual(steps.map((s) => s.action.type), ['click', 'click'], `in ${driver.name}`);
}, {}, true);

