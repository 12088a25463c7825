// Which hosts a replay will touch, read from everything in a task that the
// replay loads or acts on: each step's page (observation.url), each
// navigation's address, each frame's src in the step's dom_tree (a frame
// loads with its page), and every address in the Recorder flow itself. The
// CLI asks about all of them and lets the browser reach no other.
//
// A host is a name and a port, as in an address: 127.0.0.1:8080 and
// 127.0.0.1:9090 are two hosts; http and https on their default ports are the
// same host (example.com). Only http(s) addresses are opened; anything else
// (file:, chrome:, javascript:) is listed as not replayable.
import type { Step } from './schema';
import type { RecorderFlow } from './recorder-flow';
import { unescapeXml } from './xml-escape';

/** The host of a web address (lowercased name and non-default port), or null when it is not http(s). */
export function hostOf(url: string, base?: string): string | null {
  let u: URL;
  try {
    u = new URL(url, base);
  } catch {
    return null;
  }
  return (u.protocol === 'http:' || u.protocol === 'https:') && u.host ? u.host.toLowerCase() : null;
}

/** Addresses a page may load without the network: nothing to ask about. */
export function isLocalScheme(url: string): boolean {
  return /^(?:data|blob|about):/i.test(url);
}

export interface ReplayHosts {
  /** Each host, with where it comes from (first few places), in the order first met. */
  hosts: Map<string, string[]>;
  /** Addresses the replay would open that are not http(s), with where they come from. */
  unsupported: { url: string; where: string }[];
}

const FRAME_SRC = /<(?:iframe|frame)\b[^>]*?\ssrc="([^"]*)"/gi;

/** Every host the replay of `steps` (and of `flows`, the Recorder flows made of them) may load from or act on. */
export function replayHosts(steps: readonly Step[], flows: readonly RecorderFlow[] = []): ReplayHosts {
  const hosts = new Map<string, string[]>();
  const unsupported: ReplayHosts['unsupported'] = [];
  const add = (url: string, where: string, base?: string, opened = true): void => {
    const host = hostOf(url, base);
    if (host) {
      const places = hosts.get(host) ?? [];
      if (places.length < 3) places.push(where);
      hosts.set(host, places);
    } else if (opened && !isLocalScheme(url) && !unsupported.some((u) => u.url === url)) unsupported.push({ url, where });
  };
  for (const s of steps) {
    add(s.observation.url, `step ${s.step_id}'s page`);
    if (s.action.url) add(s.action.url, `step ${s.step_id}'s navigation`, s.observation.url);
    for (const m of s.observation.dom_tree.matchAll(FRAME_SRC)) {
      // A frame's src as the page wrote it, relative to the page; one that is not http(s) loads nothing from a host.
      add(unescapeXml(m[1]!), `a frame on step ${s.step_id}'s page`, s.observation.url, false);
    }
  }
  for (const flow of flows) {
    for (const [i, fs] of flow.steps.entries()) if (typeof fs.url === 'string') add(fs.url, `flow step ${i + 1} (${fs.type})`);
  }
  return { hosts, unsupported };
}
