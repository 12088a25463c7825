// `replay` touches only hosts the person accepted. No extension here: export
// zips are written by the export writer and replayed by the CLI (from source,
// in its own process) in Chromium, against four local servers that count the
// requests they get:
//   A 127.0.0.1:a  the recorded pages
//   B 127.0.0.2:b  where step 2 of the cross-host zip navigates
//   C 127.0.0.3:c  a picture on A's page loads from it
//   D 127.0.0.1:d  A redirects to it: same address as A, another port, so
//                  only the per-request check (host = name and port) stops it
// A zip whose pages are on A and whose step 2 navigates to B is refused
// without a terminal or --yes, before any browser starts; with --hosts A only
// A gets requests and step 2 fails saying why; with --yes A and B get them and
// C still gets none. A redirect from A to D is stopped and reported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { writeTestExport } from '../unit/cli-exports';
import { step, task } from '../unit/fixtures';
import type { Step } from '../../src/core/schema';
import type { ReplayReport } from '../../src/core/replay-report';

const ROOT = resolve(import.meta.dirname, '../..');

interface Counted { url: string; hits: string[]; sockets: number; close: () => Promise<void> }

async function serve(address: string, pages: Record<string, (base: Record<string, string>) => { status?: number; headers?: Record<string, string>; body?: string }>, base: () => Record<string, string>): Promise<Counted> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const page = pages[(req.url ?? '').split('?')[0]!];
    if (!page) { res.writeHead(404).end(); return; }
    const r = page(base());
    res.writeHead(r.status ?? 200, { 'content-type': 'text/html', ...r.headers }).end(r.body ?? '');
  });
  // Every TCP connection counts, whatever it carries: a WebSocket, a worker's fetch, a request never parsed.
  const counted: Counted = { url: '', hits, sockets: 0, close: () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); }) };
  server.on('connection', () => { counted.sockets++; });
  server.on('upgrade', (req, socket) => { hits.push(`upgrade ${req.url ?? ''}`); socket.destroy(); });
  await new Promise<void>((ok) => server.listen(0, address, ok));
  counted.url = `http://${address}:${(server.address() as AddressInfo).port}`;
  return counted;
}

let dir: string;
let A: Counted, B: Counted, C: Counted, D: Counted;
const urls = (): Record<string, string> => ({ A: A.url, B: B.url, C: C.url, D: D.url });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'adf-replay-hosts-'));
  const html = (body: string) => ({ body: `<!doctype html><title>t</title>${body}` });
  A = await serve('127.0.0.1', {
    '/start.html': (u) => html(`<button id="go">Go</button><img src="${u.C}/pixel.png" alt="">`),
    '/redirect': (u) => ({ status: 302, headers: { location: `${u.D}/landing.html` } }),
    '/favicon.ico': () => ({ status: 404 }),
    // Connections no request interception sees: WebSockets, one from the page to D (A's address, another port)
    // and one from a worker to B. Its button appears once both have been tried, so the replay's click waits for them.
    '/sockets.html': (u) => html(`<script>
let pending = 2;
const done = () => { if (--pending === 0) { const b = document.createElement('button'); b.id = 'go'; b.textContent = 'Go'; document.body.append(b); } };
const ws = new WebSocket('${String(u.D).replace('http:', 'ws:')}/socket');
ws.onopen = ws.onerror = () => { ws.onopen = ws.onerror = null; done(); };
const worker = new Worker(URL.createObjectURL(new Blob([\`const s = new WebSocket('${String(u.B).replace('http:', 'ws:')}/from-worker'); s.onopen = s.onerror = () => postMessage('tried');\`], { type: 'text/javascript' })));
worker.onmessage = worker.onerror = () => done();
</script>`),
  }, urls);
  B = await serve('127.0.0.2', { '/p3b.html': () => html('<p>p3b</p>') }, urls);
  C = await serve('127.0.0.3', { '/pixel.png': () => ({ body: '' }) }, urls);
  D = await serve('127.0.0.1', { '/landing.html': () => html('<button id="go">Go</button>') }, urls);
});
after(async () => {
  for (const s of [A, B, C, D]) await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

const reset = (): void => { for (const s of [A, B, C, D]) { s.hits.length = 0; s.sockets = 0; } };

/** The CLI from source, in its own process (this one keeps serving). */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/entry.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const click = (id: number, url: string): Step => {
  const s = step(id);
  return { ...s, observation: { ...s.observation, url }, target: { ...s.target!, selector: 'button#go', name: 'Go' } };
};
const navigate = (id: number, from: string, to: string): Step => {
  const s = step(id);
  return { ...s, observation: { ...s.observation, url: from }, action: { type: 'navigate', coordinates: null, element_id: null, url: to, navigation: 'typed' }, target: null };
};

async function replay(zip: string, name: string, ...flags: string[]): Promise<{ run: Awaited<ReturnType<typeof cli>>; report: ReplayReport | null }> {
  const out = join(dir, `${name}.json`);
  const run = await cli('replay', zip, '--report', out, '--timeout', '3000', ...flags);
  let report: ReplayReport | null = null;
  try { report = JSON.parse(readFileSync(out, 'utf8')) as ReplayReport; } catch { /* none written */ }
  return { run, report };
}

test('a zip whose step 2 navigates to another host: refused without --yes, and only accepted hosts get requests', async () => {
  const zip = await writeTestExport(join(dir, 'cross-host.zip'), [{
    task: task({ stepCount: 3 }),
    steps: [click(1, `${A.url}/start.html`), navigate(2, `${A.url}/start.html`, `${B.url}/p3b.html`), click(3, `${A.url}/start.html`)],
  }]);
  const hostA = A.url.slice(7), hostB = B.url.slice(7), hostC = C.url.slice(7);

  // No terminal, no --yes: refused before any browser starts, naming both hosts (loopback ones too).
  reset();
  const refused = await replay(zip, 'refused');
  assert.notEqual(refused.run.code, 0);
  assert.match(refused.run.stderr, new RegExp(`${hostA.replace(/\./g, '\\.')}.*\\n.*${hostB.replace(/\./g, '\\.')}.*step 2's navigation`));
  assert.match(refused.run.stderr, /pass --yes/);
  assert.equal(refused.report, null);
  assert.deepEqual([A.hits, B.hits, C.hits], [[], [], []], 'nothing was requested');

  // --hosts A: A is replayed, B gets nothing, and step 2 fails saying why.
  reset();
  const some = await replay(zip, 'some', '--hosts', hostA);
  assert.equal(some.run.code, 0, some.run.stderr);
  assert.ok(A.hits.includes('/start.html'), `A served the first page: ${A.hits.join(', ')}`);
  assert.deepEqual(B.hits, [], 'B, not accepted, got no request');
  assert.deepEqual(C.hits, [], 'C, not accepted, got no request (the picture on A\'s page)');
  const steps = some.report!.tasks[0]!.steps;
  assert.equal(steps[0]!.status, 'ok', JSON.stringify(steps));
  assert.equal(steps[1]!.status, 'failed');
  assert.match(steps[1]!.reason!, new RegExp(`not opened: ${hostB.replace(/\./g, '\\.')} is not an accepted host`));
  assert.ok(some.report!.blocked!.some((b) => b.host === hostC && !b.navigation), `the picture's request is reported: ${JSON.stringify(some.report!.blocked)}`);

  // --yes: every host of the flow is accepted, so A and B get requests; C, in no step, still gets none.
  reset();
  const all = await replay(zip, 'all', '--yes');
  assert.equal(all.run.code, 0, all.run.stderr);
  assert.ok(A.hits.includes('/start.html'));
  assert.deepEqual(B.hits.filter((h) => h !== '/favicon.ico'), ['/p3b.html']);
  assert.deepEqual(C.hits, []);
  assert.equal(all.report!.tasks[0]!.steps[1]!.status, 'ok', JSON.stringify(all.report!.tasks[0]!.steps));
});

test('a redirect from an accepted host to one not accepted is stopped and reported', async () => {
  // The recorded page is A/redirect, which answers with a redirect to D: the same address as A on another port.
  const zip = await writeTestExport(join(dir, 'redirect.zip'), [{ task: task({ stepCount: 1 }), steps: [click(1, `${A.url}/redirect`)] }]);
  const hostD = D.url.slice(7);
  reset();
  const { run, report } = await replay(zip, 'redirect', '--yes');
  assert.equal(run.code, 0, run.stderr);
  assert.ok(A.hits.includes('/redirect'));
  assert.deepEqual(D.hits, [], 'D got no request');
  const blocked = report!.blocked!.find((b) => b.navigation);
  assert.ok(blocked, `a stopped navigation is reported: ${JSON.stringify(report!.blocked)}`);
  assert.equal(blocked.host, hostD);
  assert.equal(blocked.url, `${D.url}/landing.html`);
  const s = report!.tasks[0]!.steps[0]!;
  assert.equal(s.status, 'failed');
  assert.match(s.reason!, new RegExp(`a navigation to ${D.url.replace(/\./g, '\\.')}/landing\\.html was stopped: ${hostD.replace(/\./g, '\\.')} is not an accepted host`));
  assert.match(run.stdout, new RegExp(`stopped 1 request\\(s\\) to hosts not accepted: ${hostD.replace(/\./g, '\\.')} \\(1\\)`));
});

test('a WebSocket to another port of the same address, and a worker\'s to another address, reach nothing', async () => {
  // Neither goes through a page's request interception, and neither needs the resolver (addresses, not names).
  const zip = await writeTestExport(join(dir, 'sockets.zip'), [{ task: task({ stepCount: 1 }), steps: [click(1, `${A.url}/sockets.html`)] }]);
  reset();
  const { run, report } = await replay(zip, 'sockets', '--yes', '--timeout', '20000');
  assert.equal(run.code, 0, run.stderr);
  assert.ok(A.hits.includes('/sockets.html'));
  assert.deepEqual({ B: [B.sockets, B.hits], D: [D.sockets, D.hits] }, { B: [0, []], D: [0, []] }, 'no connection reached B or D');
  assert.equal(report!.tasks[0]!.steps[0]!.status, 'ok', JSON.stringify(report!.tasks[0]!.steps));
  const hosts = report!.blocked!.map((b) => b.host);
  assert.ok(hosts.includes(D.url.slice(7)) && hosts.includes(B.url.slice(7)), `both are reported as stopped: ${JSON.stringify(report!.blocked)}`);
  assert.match(run.stdout, /stopped \d+ other connection\(s\) \(sockets, workers, the browser's own\): .*127\.0\.0\.1:\d+ \(1\)/);
});
