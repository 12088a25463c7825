// What a worker wake costs: Chrome stops an idle MV3 service worker after 30 s and starts it again for the next
// event (a click's step, a tab switch, the popup), so a person who pauses between actions wakes it for most of
// them. Time from a message sent to the stopped worker until its reply, ours against a peer loaded in the same
// browser: an extension whose worker only answers (what any wake costs the browser itself), alternating.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, round, stats } from './lib.mjs';

const WAKES = 14;
const PEER_NAME = 'Wake peer';

function writePeer() {
  const dir = mkdtempSync(join(tmpdir(), 'adf-wake-peer-'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3, name: PEER_NAME, version: '1.0', background: { service_worker: 'worker.js', type: 'module' },
  }));
  writeFileSync(join(dir, 'worker.js'), 'chrome.runtime.onMessage.addListener((_m, _s, reply) => { reply({ ok: true }); });\n');
  writeFileSync(join(dir, 'page.html'), '<!doctype html><title>peer</title>\n');
  return dir;
}

async function idOf(browser, test) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    for (const [id, ext] of await browser.extensions()) if (test(ext.name)) return id;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('an extension did not load (is dist/chrome/ built?)');
}

/** A page of extension `id` that sends `message` to its worker, and a way to stop that worker through DevTools. */
async function waker(browser, id, pagePath, message) {
  const page = await browser.newPage();
  await page.goto(`chrome-extension://${id}/${pagePath}`);
  const cdp = await page.createCDPSession();
  const status = new Map();
  let versionId = null;
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions) {
      if (!v.scriptURL.includes(id)) continue;
      versionId = v.versionId;
      status.set(v.versionId, v.runningStatus);
    }
  });
  await cdp.send('ServiceWorker.enable');
  const ask = () => page.evaluate((m) => chrome.runtime.sendMessage(m), message);
  await ask();
  const until = async (ok) => {
    for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
    if (!ok()) throw new Error('the worker did not stop');
  };
  await until(() => versionId !== null);
  return {
    async wake() {
      const v = versionId;
      await cdp.send('ServiceWorker.stopWorker', { versionId: v });
      await until(() => status.get(v) === 'stopped');
      const t0 = performance.now();
      await ask();
      return performance.now() - t0;
    },
  };
}

export async function runWorkerWakeBench({ dist }) {
  const peerDir = writePeer();
  const browser = await launchBrowser({ extension: [dist, peerDir] });
  try {
    const ours = await waker(browser, await idOf(browser, (n) => n.startsWith('ALIEN Dataflow')), 'options/options.html', { kind: 'recording/get' });
    const peer = await waker(browser, await idOf(browser, (n) => n === PEER_NAME), 'page.html', { ping: true });
    const a = [];
    const b = [];
    for (let i = 0; i < WAKES; i++) {
      a.push(await ours.wake());
      b.push(await peer.wake());
    }
    const o = stats(a);
    const p = stats(b);
    const ratio = round(o.median / p.median, 2);
    return {
      rows: [
        { worker: 'ALIEN Dataflow', median_ms: round(o.median, 1), p95_ms: round(o.p95, 1) },
        { worker: 'peer (answers only)', median_ms: round(p.median, 1), p95_ms: round(p.p95, 1) },
      ],
      ratio,
      targets: [{ target: 'a worker wake answers within 10x a bare worker\'s time (median)', value: ratio, pass: ratio <= 10 }],
    };
  } finally {
    await browser.close();
    rmSync(peerDir, { recursive: true, force: true });
  }
}
