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
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type LookupFunction, type Socket } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { Duplex } from 'node:stream';
import { hostOf } from '../core/replay-hosts';

/** Refused connections kept for the report; past them only counted (a page can open sockets in a loop). */
export const REFUSED_KEPT = 1000;

/** A connection the proxy refused: its host (name:port), and what was asked for (an address, or host:port for a tunnel). */
export interface RefusedConnection { host: string; url: string }

export interface EgressProxy {
  /** For Chromium's --proxy-server. */
  readonly address: string;
  /** The first REFUSED_KEPT refused connections. */
  readonly refused: RefusedConnection[];
  /** Every connection refused, kept or not: the list stops growing, the count does not. */
  readonly refusedCount: number;
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

/**
 * A CONNECT target as the host and port to open, or null unless it is authority-form `host:port` and nothing else.
 * The name opened is the URL parser's, the one the accepted hosts were checked in: '127.0.0.1:443/x' or a bare name
 * had been split at its last colon into a port of NaN (net threw inside the server's event, and the CLI died), and
 * any text the parser reads as a path, query or userinfo had gone to the resolver as part of a name.
 */
export function tunnelTarget(target: string): { hostname: string; port: number } | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^\s/?#@\\[\]:%]+):(\d{1,5})$/.exec(target);
  if (!m) return null;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return null;
  let u: URL;
  try {
    u = new URL(`http://${m[1]}/`);
  } catch {
    return null;
  }
  return { hostname: u.hostname.replace(/^\[(.*)\]$/, '$1'), port };
}

/** How the proxy resolves a name: dns.lookup's shape, every address. */
export type Resolve = (hostname: string, done: (err: Error | null, addresses: LookupAddress[]) => void) => void;

const systemResolve: Resolve = (hostname, done) => dnsLookup(hostname, { all: true }, (err, list) => done(err, list ?? []));

/**
 * A name's first answer kept for the whole replay: an accepted name whose DNS answers another address later
 * (rebinding it to 127.0.0.1, or to a machine on the local network, after the page has loaded) still reaches
 * the address it had, so the page cannot turn an accepted name into a way to another host.
 */
function pinnedLookup(resolve: Resolve): LookupFunction {
  const pins = new Map<string, LookupAddress[]>();
  return (hostname, options, callback) => {
    const answer = (list: LookupAddress[]): void => {
      // net asks for every address (autoSelectFamily) or for one, and takes the answer in that shape.
      if (options.all) (callback as unknown as (e: null, l: LookupAddress[]) => void)(null, list);
      else callback(null, list[0]!.address, list[0]!.family);
    };
    const pinned = pins.get(hostname);
    if (pinned) return answer(pinned);
    resolve(hostname, (err, list) => {
      if (err || !list.length) return callback(err ?? Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      if (!pins.has(hostname)) pins.set(hostname, list);
      answer(pins.get(hostname)!);
    });
  };
}

/** Starts the proxy on loopback; it lets through only connections to `accepted` hosts (name[:port]). */
export async function startEgressProxy(accepted: ReadonlySet<string>, o: { resolve?: Resolve } = {}): Promise<EgressProxy> {
  const lookup = pinnedLookup(o.resolve ?? systemResolve);
  // The proxy's own agent, ended with it: the global one kept its kept-alive connections to the accepted hosts
  // open after the replay (and the CLI's process with them) until each server or its timeout closed them.
  const agent = new Agent({ keepAlive: true });
  const refused: RefusedConnection[] = [];
  const sockets = new Set<Socket | Duplex>();
  const allowed = (host: string | null): host is string => !!host && accepted.has(host);
  let refusedCount = 0;
  const refuse = (host: string | null, url: string): void => {
    refusedCount++;
    if (refused.length < REFUSED_KEPT) refused.push({ host: host ?? url.slice(0, 200), url: url.slice(0, 500) });
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
    // https goes through CONNECT; 'GET https://…' as a plain request had made http.request throw inside the
    // server's event, which ended the replay (any other throw of it is a 502, never the CLI's end).
    if (!/^http:/i.test(url)) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('only http: addresses as plain requests; https through CONNECT');
      return;
    }
    let out: ReturnType<typeof httpRequest>;
    try {
      out = httpRequest(url, { method: req.method, headers: withoutProxyHeaders(req), lookup, agent }, (upstream) => {
        try {
          res.writeHead(upstream.statusCode ?? 502, upstream.rawHeaders);
        } catch {
          // A header the server sent that Node will not write again: the answer is lost, not the replay.
          upstream.destroy();
          res.writeHead(502).end();
          return;
        }
        upstream.pipe(res);
      });
    } catch {
      res.writeHead(502).end();
      return;
    }
    out.on('error', () => { if (!res.headersSent) res.writeHead(502).end(); else res.destroy(); });
    req.pipe(out);
  });

  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    adopt(client);
    const target = req.url ?? '';
    const open = tunnelTarget(target);
    const host = open && tunnelHost(target);
    if (!open || (!allowed(host) && !allowed(hostOf(`http://${target}`)))) {
      refuse(host, target);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    splice(client, open.port, open.hostname, head, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    });
  });

  // A WebSocket sent as a plain proxied request with an Upgrade (Chromium tunnels them, but a client may not).
  server.on('upgrade', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    adopt(client);
    const url = req.url ?? '';
    const asHttp = url.replace(/^ws(s?):/i, 'http$1:');
    const host = hostOf(asHttp);
    if (!allowed(host)) {
      refuse(host, url);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    // wss: would go out as plaintext (this splice speaks no TLS): its headers, cookies included, in the clear to
    // port 443. Refused, as a plain request for an https: address is; a browser sends wss through CONNECT.
    if (!/^ws:/i.test(url) && !/^http:/i.test(url)) {
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const target = new URL(asHttp);
    const lines = [`${req.method ?? 'GET'} ${target.pathname}${target.search} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (!/^(?:proxy-connection|proxy-authorization)$/i.test(req.rawHeaders[i]!)) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    }
    splice(client, Number(target.port || 80), target.hostname, head, (upstream) => {
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
  });

  /**
   * A socket handed over by a CONNECT or an upgrade has lost the HTTP server's error handler: one refused, then
   * reset by the browser while the 403 was written (ECONNRESET), had no listener, and an unhandled 'error' ended
   * the replay (seen in the e2e). It is tracked, so close() ends it, and its errors end only it.
   */
  function adopt(client: Duplex): void {
    track(client);
    client.on('error', () => client.destroy());
  }

  function track(s: Socket | Duplex): void {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  }

  /** Joins the client to a new connection to host:port once it opens; `opened` writes what goes first. */
  function splice(client: Duplex, port: number, hostname: string, head: Buffer, opened: (upstream: Socket) => void): void {
    const upstream = connect({ port, host: hostname.replace(/^\[(.*)\]$/, '$1'), lookup }, () => {
      opened(upstream);
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
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
    get refusedCount() { return refusedCount; },
    close: () => new Promise((ok) => {
      for (const s of sockets) s.destroy();
      agent.destroy();
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
