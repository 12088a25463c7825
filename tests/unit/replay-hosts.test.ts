// Which hosts a replay will touch: every step's page, every navigation's
// address, every frame's src, every address in the flow; a host is a name and
// a port. Without a terminal or --yes the CLI refuses before any browser starts.
// (The browser side, requests counted on local servers: tests/e2e/replay-hosts.test.ts.)
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostOf, replayHosts } from '../../src/core/replay-hosts';
import { recorderFlow } from '../../src/core/recorder-flow';
import { acceptedHost, resolverRules } from '../../src/cli/replay';
import { ReplayReportSchema } from '../../src/core/replay-report';
import { main } from '../../src/cli/main';
import type { Step } from '../../src/core/schema';
import { step, task } from './fixtures';
import { writeTestExport } from './cli-exports';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'adf-hosts-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = (id: number, url: string, extra: Partial<Step> = {}): Step => ({ ...step(id), ...extra, observation: { ...step(id).observation, url, ...extra.observation } });

describe('hosts of a replay', () => {
  it('a host is a name and a port; only http(s) addresses have one', () => {
    expect(hostOf('https://Shop.Example.com/a?b')).toBe('shop.example.com');
    expect(hostOf('https://shop.example.com:443/')).toBe('shop.example.com');
    expect(hostOf('http://127.0.0.1:8080/x')).toBe('127.0.0.1:8080');
    expect(hostOf('http://[::1]:9000/')).toBe('[::1]:9000');
    expect(hostOf('/relative', 'http://a.test:81/p')).toBe('a.test:81');
    expect(hostOf('file:///etc/passwd')).toBeNull();
    expect(hostOf('javascript:alert(1)')).toBeNull();
    expect(acceptedHost('127.0.0.1:8080')).toBe('127.0.0.1:8080');
    expect(acceptedHost('https://Example.com/path')).toBe('example.com');
    expect(acceptedHost('not a host')).toBeNull();
  });

  it('come from pages, navigations, frames and the flow, each with where it was met', () => {
    const steps = [
      at(1, 'http://127.0.0.1:8123/start.html', {
        observation: { ...step(1).observation, url: 'http://127.0.0.1:8123/start.html', dom_tree: '<html id="1"><body id="2"><iframe id="3" src="http://pay.example:9443/frame?a=1&amp;b=2"></iframe><frame id="4" src="/local.html"/><iframe id="5" src="about:blank"></iframe></body></html>' },
      }),
      at(2, 'http://127.0.0.1:8123/start.html', { action: { type: 'navigate', coordinates: null, element_id: null, url: 'http://192.0.2.2:8000/p3b.html', navigation: 'typed' }, target: null }),
      at(3, 'file:///home/me/secret.html'),
    ];
    const { flow } = recorderFlow('t', steps);
    const { hosts, unsupported } = replayHosts(steps, [flow]);
    expect([...hosts.keys()]).toEqual(['127.0.0.1:8123', 'pay.example:9443', '192.0.2.2:8000']);
    expect(hosts.get('192.0.2.2:8000')).toEqual(["step 2's navigation", 'flow step 4 (navigate)']);
    expect(hosts.get('pay.example:9443')).toEqual(["a frame on step 1's page"]);
    expect(unsupported).toEqual([{ url: 'file:///home/me/secret.html', where: "step 3's page" }]);
  });

  it('the browser\'s resolver knows the accepted names and no other', () => {
    expect(resolverRules(new Set(['127.0.0.1:8123', 'example.com']))).toBe('MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE example.com');
    expect(resolverRules(new Set())).toBe('MAP * ~NOTFOUND');
    expect(resolverRules(new Set(['[::1]:9000', '[::1]:9001']))).toBe('MAP * ~NOTFOUND, EXCLUDE ::1');
  });

  it('a report may list what was stopped', () => {
    const report = { source: 'x.zip', replayed_at: 'now', tasks: [], summary: { ok: 0, failed: 1, skipped: 0 }, blocked: [{ task_id: 't', step_id: null, host: 'a:1', url: 'http://a:1/', navigation: true }] };
    expect(ReplayReportSchema.parse(report).blocked).toHaveLength(1);
  });
});

describe('replay without a terminal', () => {
  it('refuses a zip whose step 2 goes to another host, loopback or not, naming every host, before any browser', async () => {
    const steps = [at(1, 'http://127.0.0.1:8123/start.html'), at(2, 'http://127.0.0.1:8123/start.html', { action: { type: 'navigate', coordinates: null, element_id: null, url: 'http://127.0.0.2:8124/p3b.html', navigation: 'typed' }, target: null })];
    const zip = await writeTestExport(join(dir, 'cross.zip'), [{ task: task({ stepCount: 2 }), steps }]);
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((m: string) => { errors.push(m); });
    const tty = process.stdin.isTTY;
    process.stdin.isTTY = false;
    try {
      expect(await main(['replay', zip])).toBe(1);
      expect(await main(['replay', zip, '--hosts', 'not a host'])).toBe(1);
    } finally {
      process.stdin.isTTY = tty;
      spy.mockRestore();
    }
    expect(errors[0]).toMatch(/127\.0\.0\.1:8123 {2}\(step 1's page.*\n {2}127\.0\.0\.2:8124 {2}\(step 2's navigation/);
    expect(errors[0]).toMatch(/pass --yes \(all of them\) or --hosts \(some\)/);
    expect(errors[1]).toMatch(/--hosts: "not a host" is not a host/);
  });
});
