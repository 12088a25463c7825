// The trust boundary: a content script (which a compromised renderer
// controls) may report steps, but may not save a config, start or stop a
// recording, list tasks, or trigger downloads. Messages are sent from the
// extension's real content-script world in a page, through CDP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'puppeteer-core';
import { launch, extensionPage, openCheckoutWithPaymentFrame, sleep, startRecording, stopRecording, waitFor, type Session } from './harness';

let session: Session;

before(async () => {
  session = await launch();
});

after(async () => {
  await session?.close();
});

/** Evaluate `expression` (a promise) in the extension's content-script world of `page`'s top frame. */
async function inContentScript(page: Page, expression: string): Promise<unknown> {
  const cdp = await page.createCDPSession();
  const contexts: { id: number; name: string; auxData?: { frameId?: string; type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  await sleep(300);
  const frameId = (page.mainFrame() as unknown as { _id: string })._id;
  const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.name.startsWith('ALIEN Dataflow') && (!c.auxData.frameId || c.auxData.frameId === frameId));
  assert.ok(world, `the content script's world is there: ${contexts.map((c) => `${c.name}/${c.auxData?.type}`).join(', ')}`);
  const result = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true });
  await cdp.detach();
  return result.result.value;
}

const send = (message: object): string => `chrome.runtime.sendMessage(${JSON.stringify(message)})
  .then((r) => JSON.stringify(r === undefined ? null : r)).catch((e) => 'error: ' + e.message)`;

test('privileged messages from a content script are refused; its own kinds are answered', async () => {
  const page = await session.browser.newPage();
  await page.goto(`${session.fixtures.url}/demo/index.html`);
  await sleep(300);

  // Its own kind works: the channel is open, so a refusal below is about the kind.
  const hello = await inContentScript(page, send({ kind: 'frame/hello' }));
  assert.match(String(hello), /"frameId":0/);

  const save = await inContentScript(page, send({ kind: 'config/save', text: 'version: 1\nner:\n  enabled: false\nocr:\n  enabled: false\n' }));
  const start = await inContentScript(page, send({ kind: 'recording/start', instruction: 'hijacked' }));
  const tasks = await inContentScript(page, send({ kind: 'tasks/list' }));
  const download = await inContentScript(page, send({ kind: 'export/ready', exportId: 'x', url: 'http://127.0.0.1:1/evil.zip', filename: 'alien-dataflow-x.zip', saveAs: false }));
  const scrub = await inContentScript(page, send({ kind: 'offscreen/scrub-frame', target: 'offscreen', job: {} }));
  for (const [name, reply] of Object.entries({ save, start, tasks, download, scrub })) {
    assert.ok(reply === 'null' || String(reply).startsWith('error:'), `${name} was answered: ${String(reply)}`);
  }

  // Nothing changed: the config is still the default one and no recording started.
  const ext = await extensionPage(session.browser);
  const state = await ext.evaluate(async () => ({
    config: await chrome.runtime.sendMessage({ kind: 'config/get' }) as { isDefault: boolean },
    recording: (await chrome.storage.local.get('recording')).recording ?? null,
  }));
  assert.equal(state.config.isDefault, true, 'the config was not replaced');
  assert.equal(state.recording, null, 'no recording was started');
  await page.close();
});

test('site policy is decided on raw addresses: an IP-addressed site, and any frame inside it, records nothing', async () => {
  const ext = await extensionPage(session.browser);
  const setNeverRecord = async (domains: string[]): Promise<void> => {
    const saved = await ext.evaluate(async (list) => {
      const current = await chrome.runtime.sendMessage({ kind: 'config/get' }) as { text: string };
      return chrome.runtime.sendMessage({ kind: 'config/save', text: current.text.replace(/never_record: \[[^\]]*\]/, `never_record: [${list.join(', ')}]`) });
    }, domains);
    assert.equal((saved as { ok: boolean }).ok, true);
  };
  const storedSteps = async (): Promise<number> => ext.evaluate(async () => new Promise<number>((resolve) => {
    const open = indexedDB.open('alien-dataflow');
    open.onsuccess = () => {
      const req = open.result.transaction('steps').objectStore('steps').count();
      req.onsuccess = () => { resolve(req.result); open.result.close(); };
    };
  }));

  // 1. The top-level site is an IP address (a scrubbed URL would read http://<REDACTED>/ and match nothing).
  await setNeverRecord(['127.0.0.1']);
  const before = await storedSteps();
  const { page, frame } = await openCheckoutWithPaymentFrame(session);
  await startRecording(session.browser, page, 'Nothing here may be recorded');
  await sleep(800);
  await page.click('#step-1');
  await frame.click('#confirm'); // a frame of another origin inside the excluded site
  await sleep(2500);
  assert.equal(await storedSteps(), before, 'no step from an excluded IP-addressed site or a frame inside it');
  await stopRecording(session.browser, page);

  // 2. Only the frame's site is excluded: the page records, the frame does not.
  await setNeverRecord(['localhost']);
  await startRecording(session.browser, page, 'Only the page, not the payment frame');
  await sleep(800);
  await page.click('#step-2');
  await frame.click('#confirm');
  await page.click('#step-3');
  await waitFor(async () => (await storedSteps()) >= before + 2, 15_000);
  await sleep(1500);
  assert.equal(await storedSteps(), before + 2, 'the two page clicks, not the click in the excluded frame');
  await stopRecording(session.browser, page);
  await setNeverRecord([]);
  await page.close();
});
