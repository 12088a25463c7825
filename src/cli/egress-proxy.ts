// Replay's one way out: Chromium is started with this proxy for every
// connection (`--proxy-server`, loopback included with `<-loopback>`), so a
// connection a page's request interception never sees still meets the
// accepted hosts. Interception covers a page's own requests; it does not see
// WebSockets, nor requests of workers, and Chromium's resolver rules do not
// apply to addresses (127.0.0.1:6379, 192.0.2.2): those reached any port of
// any address before. Here each one is a host (name and port, as
// core/replay-hosts says) checked before any byte leaves: plain requests
// (forwarded), CONNECT tunnels (https, wss, and ws through a proxy) and
// upgrades.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { hostOf } from '../core/replay-hosts';

/** A connection the proxy refused: its host (name:port), and what was asked for (an address, or host:port for a tunnel). */
export interface RefusedConnection { host: string; url: string }

export interface EgressProxy {
  /** For Chromium's --proxy-server. */
  readonly address: string;
  readonly refused: RefusedConnection[];
  close(): Promise<void>;
}

/**
 * The host a tunnel's `name:port` stands for, in replay-hosts' terms: the default ports of http and https are
 * left out (a tunnel does not say which of the two it carries, so either default port matches the bare name).
 */
export function tunnelHost(target: string): string | null {
  const host = hostOf(`http://${target}`);
  if (!host) return null;
  return host.replace(/:(?:80|443)$/, '');
}

/** Starts the proxy on loopback; it lets through only connections to `accepted` hosts (name[:port]). */
export async function startEgressProxy(accepted: ReadonlySet<string>): Promise<EgressProxy> {
  const refused: RefusedConnection[] = [];
  const sockets = new Set<Socket | Duplex>();
  const allowed = (host: string | null): host is string => !!host && accepted.has(host);
  const refuse = (host: string | null, url: string): void => {
    if (refused.length < 1000) refused.push({ host: host ?? url.slice(0, 200), url: url.slice(0, 500) });
  };

  const server: Server = createServer((req, res) => {
    // A proxied request names its whole address; anything else is not for a proxy.
    const url = req.url ?? '';
    const host = hostOf(url);
    if (!allowed(host)) {
      refuse(host, url);
      res.writeHead(403, { 'content-type': 'text/plain' }).end('not an accepted host');
      return;
    }
    const out = httpRequest(url, { method: req.method, headers: withoutProxyHeaders(req) }, (upstream) => {
      res.writeHead(upstream.statusCode ?? 502, upstream.rawHeaders);
      upstream.pipe(res);
    });
    out.on('error', () => { if (!res.headersSent) res.writeHead(502).end(); else res.destroy(); });
    req.pipe(out);
  });

  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    const target = req.url ?? '';
    const host = tunnelHost(target);
    if (!allowed(host) && !allowed(hostOf(`http://${target}`))) {
      refuse(host, target);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const colon = target.lastIndexOf(':');
    splice(client, Number(target.slice(colon + 1)), target.slice(0, colon), head, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    });
  });

  // A WebSocket sent as a plain proxied request with an Upgrade (Chromium tunnels them, but a client may not).
  server.on('upgrade', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    const url = req.url ?? '';
    const host = hostOf(url.replace(/^ws(s?):/i, 'http$1:'));
    if (!allowed(host)) {
      refuse(host, url);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const target = new URL(url);
    const lines = [`${req.method ?? 'GET'} ${target.pathname}${target.search} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (!/^(?:proxy-connection|proxy-authorization)$/i.test(req.rawHeaders[i]!)) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    }
    splice(client, Number(target.port || 80), target.hostname, head, (upstream) => {
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
  });

  function track(s: Socket | Duplex): void {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  }

  /** Joins the client to a new connection to host:port once it opens; `opened` writes what goes first. */
  function splice(client: Duplex, port: number, hostname: string, head: Buffer, opened: (upstream: Socket) => void): void {
    const upstream = connect(port, hostname.replace(/^\[(.*)\]$/, '$1'), () => {
      opened(upstream);
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    track(client);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    refused,
    close: () => new Promise((ok) => {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}

/** The request's headers without the hop-by-hop ones a proxy must not pass on. */
function withoutProxyHeaders(req: IncomingMessage): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || /^(?:proxy-connection|proxy-authorization|connection|keep-alive)$/i.test(k)) continue;
    headers[k] = v;
  }
  return headers;
}
