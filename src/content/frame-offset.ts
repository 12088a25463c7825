// Cross-origin frames cannot read their own position in the page, so each
// frame's recorder tells its cross-origin children where they sit. Page
// scripts must neither read nor forge that, so it does not travel as window
// messages: a child opens a MessageChannel to its parent (one window message
// carries the port; a page can see that a recording is on, nothing more),
// and every message on the channel carries an HMAC under the recording's
// secret, which only content scripts can read (storage.local). A page that
// grabs the port can send, but its messages fail the check; it cannot read
// what the parent sends, which goes to the child's end only. Numbers are
// checked to be finite and in range.
import { listen } from './guard';
import { scrollOffset } from '../core/view-shift';
import type { ScrollOffset } from '../core/step-draft';
import { boundsOf, queryAllIn } from './dom-safe';

const HELLO = 'alien-dataflow:channel';
const MAX_OFFSET = 1_000_000;

type Offset = { x: number; y: number };
/** An offset, and the top window's scroll when it was measured (boxes placed with it hold at that scroll). */
export type MeasuredOffset = Offset & { topScroll?: ScrollOffset };
interface Signed { body: string; mac: string }

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

const hex = (b: ArrayBuffer): string => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');

async function sign(key: CryptoKey, body: string): Promise<Signed> {
  return { body, mac: hex(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body))) };
}

async function verified(key: CryptoKey, data: unknown): Promise<unknown> {
  const m = data as Partial<Signed> | null;
  if (!m || typeof m.body !== 'string' || typeof m.mac !== 'string' || !/^[0-9a-f]{64}$/.test(m.mac)) return null;
  const mac = new Uint8Array(m.mac.match(/../g)!.map((h) => parseInt(h, 16)));
  if (!(await crypto.subtle.verify('HMAC', key, mac, new TextEncoder().encode(m.body)))) return null;
  try {
    return JSON.parse(m.body) as unknown;
  } catch {
    return null;
  }
}

const isOffset = (o: unknown): o is Offset => {
  const v = o as Partial<Offset> | null;
  return !!v && [v.x, v.y].every((n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= MAX_OFFSET);
};

/**
 * In a frame that has cross-origin children: answer each child's channel.
 * `ownOffset`: this frame's own offset; `onFrameId`: a child frame said (signed) which browser frame id it has.
 */
export function answerOffsetRequests(
  win: Window, secret: string, ownOffset: () => MeasuredOffset, onFrameId: (frame: Element, frameId: number) => void,
): () => void {
  const key = hmacKey(secret);
  const ports: MessagePort[] = [];
  const stop = listen(win, 'message', (e) => {
    const event = e as MessageEvent;
    const data = event.data as { type?: unknown } | null;
    if (data?.type !== HELLO || !event.source || event.ports.length !== 1) return;
    const frame = queryAllIn(win.document, 'iframe, frame').find((f) => (f as HTMLIFrameElement).contentWindow === event.source);
    if (!frame) return;
    const port = event.ports[0]!;
    ports.push(port);
    let seq = 0;
    port.onmessage = (m: MessageEvent) => void (async () => {
      const k = await key;
      const request = await verified(k, m.data) as { nonce?: unknown; frameId?: unknown } | null;
      if (!request || typeof request.nonce !== 'string') return; // not from our content script
      if (typeof request.frameId === 'number' && Number.isInteger(request.frameId) && request.frameId > 0) onFrameId(frame, request.frameId);
      const r = boundsOf(frame);
      const own = ownOffset();
      const reply = {
        nonce: request.nonce, seq: ++seq, x: own.x + r.left + (frame as HTMLElement).clientLeft, y: own.y + r.top + (frame as HTMLElement).clientTop,
        ...(own.topScroll ? { topScroll: own.topScroll } : {}),
      };
      port.postMessage(await sign(k, JSON.stringify(reply)));
    })();
  }, { capture: false, passive: true });
  return () => {
    stop();
    for (const p of ports) p.close();
  };
}

/** In a cross-origin frame: open the channel to the parent; `ask()` requests the offset again. */
export function requestOffset(win: Window, secret: string, frameId: number, onOffset: (o: MeasuredOffset) => void): { ask: () => void; stop: () => void } {
  const key = hmacKey(secret);
  const pending = new Set<string>();
  let answered = false;
  // The parent may start recording after this frame: until it has answered once, each ask opens a new channel.
  const open = (): MessageChannel => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (m: MessageEvent) => void (async () => {
      const reply = await verified(await key, m.data) as (Offset & { nonce?: unknown; topScroll?: unknown }) | null;
      if (!reply || typeof reply.nonce !== 'string' || !pending.delete(reply.nonce) || !isOffset(reply)) return;
      answered = true;
      const topScroll = scrollOffset(reply.topScroll);
      onOffset({ x: reply.x, y: reply.y, ...(topScroll ? { topScroll } : {}) });
    })();
    win.parent.postMessage({ type: HELLO }, '*', [channel.port2]);
    return channel;
  };
  let channel = open();
  const ask = (): void => {
    if (!answered) {
      channel.port1.close();
      channel = open();
    }
    const nonce = hex(crypto.getRandomValues(new Uint8Array(12)).buffer);
    pending.add(nonce);
    if (pending.size > 32) pending.delete(pending.values().next().value!);
    const port = channel.port1;
    void key.then((k) => sign(k, JSON.stringify({ nonce, frameId }))).then((m) => port.postMessage(m));
  };
  ask();
  // Asked again shortly after start too: the parent's recorder may still be starting.
  const retry = setTimeout(() => { if (!answered) ask(); }, 1000);
  return { ask, stop: () => { clearTimeout(retry); channel.port1.close(); } };
}
