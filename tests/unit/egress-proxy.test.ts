// cli/egress-proxy: replay's one way out lets through only the accepted hosts (name and port), for plain
// requests, CONNECT tunnels and upgrades alike, and keeps what it refused.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { startEgressProxy, tunnelHost, tunnelTarget, type EgressProxy } from '../../src/cli/egress-proxy';

let accepted: Server;
let other: Server;
let proxy: EgressProxy;
let otherHits = 0;
const port = (s: Server): number => (s.address() as AddressInfo).port;

beforeAll(async () => {
  accepted = createServer((_req, res) => res.end('accepted'));
  other = createServer((_req, res) => { otherHits++; res.end('other'); });
  other.on('connection', () => { otherHits++; });
  await Promise.all([accepted, other].map((s) => new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok))));
  proxy = await startEgressProxy(new Set([`127.0.0.1:${port(accepted)}`]));
});
afterAll(async () => {
  await proxy.close();
  for (const s of [accepted, other]) await new Promise((ok) => s.close(ok));
});

/** A plain request through the proxy (the suite's, or `through`): its status and body. */
function viaProxy(url: string, through: EgressProxy = proxy): Promise<{ status: number; body: string }> {
  const [host, p] = through.address.split(':');
  return new Promise((done, fail) => {
    const req = request({ host, port: Number(p), path: url, headers: { host: new URL(url).host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** A CONNECT through the proxy (the suite's, or `through`): the status line it answers with. */
function tunnel(target: string, through: EgressProxy = proxy): Promise<string> {
  const [host, p] = through.address.split(':');
  return new Promise((done, fail) => {
    const socket = connect(Number(p), host, () => socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`));
    socket.once('data', (d: Buffer) => {
      done(d.toString().split('\r\n')[0]!);
      socket.destroy();
    });
    socket.on('error', fail);
  });
}

describe('egress proxy', () => {
  it('forwards a request to an accepted host, and refuses the same address on another port', async () => {
    expect(await viaProxy(`http://127.0.0.1:${port(accepted)}/page`)).toEqual({ status: 200, body: 'accepted' });
    const refused = await viaProxy(`http://127.0.0.1:${port(other)}/page`);
    expect(refused.status).toBe(403);
    expect(proxy.refused.at(-1)).toEqual({ host: `127.0.0.1:${port(other)}`, url: `http://127.0.0.1:${port(other)}/page` });
    expect(otherHits).toBe(0);
  });

  it('opens a tunnel only to an accepted host', async () => {
    expect(await tunnel(`127.0.0.1:${port(accepted)}`)).toBe('HTTP/1.1 200 Connection Established');
    expect(await tunnel(`127.0.0.1:${port(other)}`)).toBe('HTTP/1.1 403 Forbidden');
    expect(await tunnel('192.0.2.2:6379')).toBe('HTTP/1.1 403 Forbidden');
    expect(proxy.refused.map((r) => r.host)).toContain('192.0.2.2:6379');
    expect(otherHits).toBe(0);
  });

  it('names a tunnel\'s host as replay-hosts does: a default port is the bare name', () => {
    expect(tunnelHost('Example.com:443')).toBe('example.com');
    expect(tunnelHost('example.com:80')).toBe('example.com');
    expect(tunnelHost('example.com:8443')).toBe('example.com:8443');
    expect(tunnelHost('[::1]:9000')).toBe('[::1]:9000');
    expect(tunnelHost('not a host')).toBeNull();
  });

  it('refuses a CONNECT target that is not host:port, and lives on (a port of NaN had thrown inside the server)', async () => {
    // The bare name is accepted, so only the target's form refuses these; the accepted server's host is too, so
    // the same proxy, the one the bad inputs went to, shows it lives on by opening a tunnel after them.
    const bare = await startEgressProxy(new Set(['127.0.0.1', `127.0.0.1:${port(accepted)}`]));
    try {
      for (const target of ['127.0.0.1', '127.0.0.1:443/x', `127.0.0.1/:${port(other)}`, `127.0.0.1?:${port(other)}`, '127.0.0.1:0', '127.0.0.1:99999']) {
        expect(await tunnel(target, bare)).toBe('HTTP/1.1 403 Forbidden');
      }
      expect(await tunnel(`127.0.0.1:${port(accepted)}`, bare)).toBe('HTTP/1.1 200 Connection Established');
      expect(otherHits).toBe(0);
    } finally {
      await bare.close();
    }
  });

  it('reads a tunnel target as the URL parser does, and nothing but host:port', () => {
    expect(tunnelTarget('Example.COM:443')).toEqual({ hostname: 'example.com', port: 443 });
    expect(tunnelTarget('[::1]:9000')).toEqual({ hostname: '::1', port: 9000 });
    expect(tunnelTarget('0x7f.1:80')).toEqual({ hostname: '127.0.0.1', port: 80 });
    for (const t of ['example.com', 'example.com:', 'example.com:443/x', 'a@example.com:443', 'example.com:65536', 'exa mple.com:80']) expect(tunnelTarget(t)).toBeNull();
  });

  it('keeps an accepted name on its first address: DNS rebinding it later reaches the same place', async () => {
    // Two servers on one port, on two loopback addresses: the second stands for where a rebound name would lead.
    // Each closes its connections, so no kept-alive socket hides a second lookup.
    const serve = (body: string) => createServer((_req, res) => res.writeHead(200, { connection: 'close' }).end(body));
    const first = serve('first');
    const rebound = serve('rebound');
    await new Promise<void>((ok) => first.listen(0, '127.0.0.1', ok));
    await new Promise<void>((ok) => rebound.listen(port(first), '127.0.0.2', ok));
    const name = `rebind.test:${port(first)}`;
    let asked = 0;
    const rebinding = await startEgressProxy(new Set([name]), {
      resolve: (_name, done) => done(null, [{ address: asked++ === 0 ? '127.0.0.1' : '127.0.0.2', family: 4 }]),
    });
    const [host, p] = rebinding.address.split(':');
    const throughTunnel = (): Promise<string> => new Promise((done, fail) => {
      const socket = connect(Number(p), host, () => socket.write(`CONNECT ${name} HTTP/1.1\r\nHost: ${name}\r\n\r\n`));
      let text = '';
      socket.on('data', (d: Buffer) => {
        if (!text) socket.write(`GET / HTTP/1.1\r\nHost: ${name}\r\nConnection: close\r\n\r\n`);
        text += d.toString();
      });
      socket.on('close', () => done(/\brebound\b/.test(text) ? 'rebound' : /\bfirst\b/.test(text) ? 'first' : text));
      socket.on('error', fail);
    });
    try {
      for (let i = 0; i < 3; i++) expect(await viaProxy(`http://${name}/`, rebinding)).toEqual({ status: 200, body: 'first' });
      expect(await throughTunnel()).toBe('first');
    } finally {
      await rebinding.close();
      for (const s of [first, rebound]) await new Promise((ok) => s.close(ok));
    }
  });

  it('answers a plain request for an https: address with 400, and lives on (http.request had thrown inside the server)', async () => {
    const [host, p] = proxy.address.split(':');
    const status = await new Promise<string>((done, fail) => {
      const socket = connect(Number(p), host, () => socket.write(`GET https://127.0.0.1:${port(accepted)}/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
      socket.once('data', (d: Buffer) => { done(d.toString().split('\r\n')[0]!); socket.destroy(); });
      socket.on('error', fail);
    });
    expect(status).toBe('HTTP/1.1 400 Bad Request');
    expect(await viaProxy(`http://127.0.0.1:${port(accepted)}/page`)).toEqual({ status: 200, body: 'accepted' });
  });

  it('lives on when a refused tunnel is reset while its 403 is written (the socket had no error listener)', async () => {
    const [host, p] = proxy.address.split(':');
    const before = proxy.refusedCount;
    for (let i = 0; i < 200; i++) {
      await new Promise<void>((done) => {
        const socket = connect(Number(p), host, () => {
          socket.write('CONNECT 192.0.2.2:6379 HTTP/1.1\r\nHost: x\r\n\r\n');
          setImmediate(() => { socket.resetAndDestroy(); done(); });
        });
        socket.on('error', () => done());
      });
    }
    // Each reset lands whenever the proxy reads it: wait until all 200 were counted (the test's own timeout bounds it).
    await vi.waitFor(() => expect(proxy.refusedCount - before).toBe(200), { timeout: 60_000 });
    expect(await viaProxy(`http://127.0.0.1:${port(accepted)}/page`)).toEqual({ status: 200, body: 'accepted' });
  });

  it('ends its kept-alive connections to accepted hosts when it closes', async () => {
    const upstream = createServer((_req, res) => res.end('kept'));
    let open = 0;
    const closed: Promise<void>[] = [];
    upstream.on('connection', (c) => {
      open++;
      closed.push(new Promise((ok) => c.on('close', () => { open--; ok(); })));
    });
    await new Promise<void>((ok) => upstream.listen(0, '127.0.0.1', ok));
    const own = await startEgressProxy(new Set([`127.0.0.1:${port(upstream)}`]));
    try {
      expect(await viaProxy(`http://127.0.0.1:${port(upstream)}/`, own)).toEqual({ status: 200, body: 'kept' });
      expect(open).toBe(1);
      await own.close();
      // Each connection's close, not a pause: left open, this waits until the test's timeout fails it.
      await Promise.all(closed);
      expect(open).toBe(0);
    } finally {
      upstream.closeAllConnections();
      await new Promise((ok) => upstream.close(ok));
    }
  });

  it('lets a WebSocket upgrade sent as a plain proxied request through to an accepted host only', async () => {
    const seen: string[] = [];
    const ws = createServer();
    ws.on('upgrade', (req, socket) => {
      seen.push(`${req.method} ${req.url} ${req.headers.upgrade}`);
      socket.end('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    });
    await new Promise<void>((ok) => ws.listen(0, '127.0.0.1', ok));
    const own = await startEgressProxy(new Set([`127.0.0.1:${port(ws)}`]));
    const [host, p] = own.address.split(':');
    /** The status line the proxy (or the server behind it) answers an upgrade for `url` with. */
    const upgrade = (url: string): Promise<string> => new Promise((done, fail) => {
      const socket = connect(Number(p), host, () => socket.write(`GET ${url} HTTP/1.1\r\nHost: ${new URL(url).host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nProxy-Connection: keep-alive\r\n\r\n`));
      let text = '';
      socket.on('data', (d: Buffer) => { text += d.toString(); });
      socket.on('close', () => done(text.split('\r\n')[0]!));
      socket.on('error', fail);
    });
    try {
      expect(await upgrade(`ws://127.0.0.1:${port(ws)}/chat?room=1`)).toBe('HTTP/1.1 101 Switching Protocols');
      // The server got the request in origin form, as a server expects it.
      expect(seen).toEqual(['GET /chat?room=1 websocket']);
      expect(await upgrade(`ws://127.0.0.1:${port(other)}/chat`)).toBe('HTTP/1.1 403 Forbidden');
      expect(await upgrade('ws://192.0.2.2:6379/')).toBe('HTTP/1.1 403 Forbidden');
      expect(own.refused.map((r) => r.host)).toEqual([`127.0.0.1:${port(other)}`, '192.0.2.2:6379']);
      // wss as a plain upgrade would have gone out unencrypted (the proxy speaks no TLS): refused, never sent.
      expect(await upgrade(`wss://127.0.0.1:${port(ws)}/chat`)).toBe('HTTP/1.1 400 Bad Request');
      expect(seen).toHaveLength(1);
      expect(otherHits).toBe(0);
    } finally {
      await own.close();
      await new Promise((ok) => ws.close(ok));
    }
  });
});
