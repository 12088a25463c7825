// The trust boundary: a content script (which a compromised renderer
// controls) may report steps, but may not save a config, start or stop a
// recording, list tasks, or trigger downloads. Messages are sent from the
// extension's real content-script world in a page (through CDP in Chromium;
// through a test-only content script of the same extension in Firefox, whose
// BiDi cannot reach that world). Both tests run in both browsers, in one browser of each.
import assert from 'node:assert/strict';
import { sleep, waitFor } from './harness';
import { askWorker, editConfig, openCheckoutWithPaymentFrame, testInBothBrowsers, type RecorderDriver } from './browsers';
import { readStored } from './extension-store';

/** Every step stored, of any task, read from the extension's IndexedDB. */
async function allStoredSteps(driver: RecorderDriver): Promise<number> {
  return (await readStored(await driver.extensionPage(), null)).steps;
}

testInBothBrowsers('privileged messages from a content script are refused; its own kinds are answered', async (driver) => {
  const page = await driver.newPage();
  await page.goto(`${driver.site}/demo/index.html`);
  const send = (message: object): Promise<string> => driver.sendAsContentScript(page, message);

  // Its own kind works: the channel is open, so a refusal below is about the kind.
  const hello = await send({ kind: 'frame/hello' });
  assert.match(String(hello), /"frameId":0/);

  const save = await send({ kind: 'config/save', text: 'version: 1\nner:\n  enabled: false\nocr:\n  enabled: false\n' });
  const start = await send({ kind: 'recording/start', instruction: 'hijacked' });
  const tasks = await send({ kind: 'tasks/list' });
  const download = await send({ kind: 'export/ready', exportId: 'x', url: 'http://127.0.0.1:1/evil.zip', filename: 'alien-dataflow-x.zip', saveAs: false });
  const scrub = await send({ kind: 'offscreen/scrub-frame', target: 'offscreen', job: {} });
  // A reviewer's outcome label (issue 26, item 3) comes only from the extension's pages.
  const label = await send({ kind: 'review/outcome', taskId: 'x', label: { outcome: 'failed', failureSeq: null, note: 'hijacked' } });
  for (const [name, reply] of Object.entries({ save, start, tasks, download, scrub, label })) {
    assert.ok(reply === 'null' || String(reply).startsWith('error:'), `${name} was answered: ${String(reply)}`);
  }

  // Nothing changed: the config is still the default one and no recording started.
  const ext = await driver.extensionPage();
  const config = await askWorker(ext, { kind: 'config/get' }) as { isDefault: boolean };
  const recording = await ext.evaluate(async () => ((await ((globalThis as { browser?: typeof chrome }).browser ?? chrome).storage.local.get('recording')).recording ?? null));
  assert.equal(config.isDefault, true, 'the config was not replaced');
  assert.equal(recording, null, 'no recording was started');
  await page.close();
}, { contentScriptRelay: true }, true);

testInBothBrowsers('site policy is decided on raw addresses: an IP-addressed site, and any frame inside it, records nothing', async (driver) => {
  const setNeverRecord = (domains: string[]): Promise<void> =>
    editConfig(driver, (text) => text.replace(/never_record: \[[^\]]*\]/, `never_record: [${domains.join(', ')}]`));
  const storedSteps = (): Promise<number> => allStoredSteps(driver);

  // 1. The top-level site is an IP address (a scrubbed URL would read http://<REDACTED>/ and match nothing).
  await setNeverRecord(['127.0.0.1']);
  const before = await storedSteps();
  const { page, frame } = await openCheckoutWithPaymentFrame(driver);
  await driver.startRecording(page, 'Nothing here may be recorded');
  await page.click('#step-1');
  await frame.click('#confirm'); // a frame of another origin inside the excluded site
  await sleep(2500);
  assert.equal(await storedSteps(), before, 'no step from an excluded IP-addressed site or a frame inside it');
  await driver.stopRecording(page);

  // 2. Only the frame's site is excluded: the page records, the frame does not.
  await setNeverRecord(['localhost']);
  await page.bringToFront();
  await driver.startRecording(page, 'Only the page, not the payment frame');
  await page.click('#step-2');
  await frame.click('#confirm');
  await page.click('#step-3');
  await waitFor(async () => (await storedSteps()) >= before + 2, 30_000);
  await sleep(1500);
  assert.equal(await storedSteps(), before + 2, 'the two page clicks, not the click in the excluded frame');
  await driver.stopRecording(page);
  await setNeverRecord([]);
  await page.close();
  // Opened as the test above, to share its browser: Firefox's relay script answers only its own window messages.
}, { contentScriptRelay: true }, true);
