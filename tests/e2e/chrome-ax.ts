// Chrome's own accessibility tree, read through DevTools, against the step's
// `axtree` (issue 26): before each action the test takes a probe of the page
// (every node's box from DOMSnapshot, every node's role and name from
// Accessibility.getFullAXTree, joined by backend node id); afterwards each
// step's acted-on element is found in the probe taken just before it by its
// tag and the box the recorder measured at the event, and Chrome's role and
// name are compared with the element's line in the step's axtree.
import type { Page } from 'puppeteer-core';
import type { ExportedStep } from './harness';

interface ProbeNode { tag: string; box: [number, number, number, number]; role: string; name: string; ignored: boolean }
export interface AxProbe { at: number; nodes: ProbeNode[] }

interface Snapshot {
  documents: { nodes: { nodeName?: number[]; backendNodeId?: number[] }; layout: { nodeIndex: number[]; bounds: number[][] }; scrollOffsetX?: number; scrollOffsetY?: number }[];
  strings: string[];
}
interface AxNode { ignored: boolean; role?: { value?: string }; name?: { value?: string }; backendDOMNodeId?: number }

/** Every laid-out element of the top document with its box in the viewport and Chrome's role and name for it. */
export async function chromeAxProbe(page: Page): Promise<AxProbe> {
  const at = Date.now();
  const cdp = await page.createCDPSession();
  try {
    const snap = (await cdp.send('DOMSnapshot.captureSnapshot', { computedStyles: [] })) as unknown as Snapshot;
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as unknown as { nodes: AxNode[] };
    const ax = new Map(nodes.filter((n) => n.backendDOMNodeId !== undefined).map((n) => [n.backendDOMNodeId!, n]));
    const doc = snap.documents[0]!;
    const out: ProbeNode[] = [];
    doc.layout.nodeIndex.forEach((index, k) => {
      const b = doc.layout.bounds[k]!;
      const backend = doc.nodes.backendNodeId?.[index];
      const a = backend === undefined ? undefined : ax.get(backend);
      const tag = snap.strings[doc.nodes.nodeName?.[index] ?? -1]?.toLowerCase() ?? '';
      if (backend === undefined || tag.startsWith('#')) return;
      const x = b[0]! - (doc.scrollOffsetX ?? 0);
      const y = b[1]! - (doc.scrollOffsetY ?? 0);
      // An element Chrome's tree has no node for at all (role=presentation, a layout-only <div>) is one it ignores.
      out.push({ tag, box: [x, y, b[2]!, b[3]!], role: a?.role?.value ?? 'none', name: (a?.name?.value ?? '').replace(/\s+/g, ' ').trim(), ignored: a?.ignored ?? true });
    });
    return { at, nodes: out };
  } finally {
    await cdp.detach();
  }
}

/**
 * The element of that tag under the step's point whose box is closest to the recorded one (within a few pixels
 * a side), when none has the very box: the probe is taken before the action, and a grid may have moved a row
 * of headers by a pixel or two since.
 */
function closestAtPoint(probe: AxProbe | undefined, tag: string, b: { x: number; y: number; width: number; height: number }, point: [number, number] | null): ProbeNode | undefined {
  if (!probe || !point) return undefined;
  const [px, py] = point;
  const off = (n: ProbeNode): number => Math.abs(n.box[0] - b.x) + Math.abs(n.box[1] - b.y) + Math.abs(n.box[2] - b.width) + Math.abs(n.box[3] - b.height);
  const under = probe.nodes.filter((n) => n.tag === tag && px >= n.box[0] && px <= n.box[0] + n.box[2] && py >= n.box[1] && py <= n.box[1] + n.box[3] && off(n) <= 16);
  return under.sort((m, n) => off(m) - off(n))[0];
}

/** Chrome's names for roles this project's tree spells as ARIA does. */
const CHROME_ROLE: Record<string, string> = { RootWebArea: 'document', StaticText: 'text', image: 'img', LabelText: 'generic', Section: 'generic', none: 'none' };
/** Roles that make no line of their own in the axtree (collapsed into their parent when unnamed). */
const WRAPPER = new Set(['generic', 'none', 'presentation', 'LabelText', 'Section', 'group']);
const PLACEHOLDER = /<(?:REDACTED(?::[\w-]+)?|[A-Z][A-Z_]+)>/;

const lineOf = (axtree: string, id: number): { role: string; name: string } | null => {
  const m = new RegExp(`^ *\\[${id}\\] (\\S+)(?: '((?:[^'\\\\]|\\\\.)*)')?`, 'm').exec(axtree);
  return m ? { role: m[1]!, name: (m[2] ?? '').replace(/\\(.)/g, '$1') } : null;
};

const sameName = (ours: string, chrome: string): boolean => {
  if (ours === chrome) return true;
  if (PLACEHOLDER.test(ours)) return chrome !== ''; // scrubbed on purpose: any name Chrome gives is the one we hid
  return ours.endsWith('…') && chrome.startsWith(ours.slice(0, -1).trimEnd()); // cut at the field's cap
};

export interface AxAgreement {
  matched: number; compared: number; unfound: number;
  /** Of the matched, elements with no line of their own that Chrome also leaves out (ignored, or an unnamed wrapper). */
  collapsed: number;
  /** The types of steps with no probe of the page they acted on (a scroll came between the last probe and them). */
  unprobed: string[];
  mismatches: string[];
  /** Every comparison, for the log. */
  pairs: string[];
}

/** How many acted-on elements' axtree lines say what Chrome's tree says of the same element. */
export function axAgreement(steps: readonly ExportedStep[], probes: readonly AxProbe[]): AxAgreement {
  const r: AxAgreement = { matched: 0, compared: 0, unfound: 0, collapsed: 0, unprobed: [], mismatches: [], pairs: [] };
  for (const s of steps) {
    const t = s.target;
    if (!t || s.action.element_id === null) continue;
    const probe = [...probes].reverse().find((p) => p.at <= s.timestamp);
    // A scroll step made after the probe moved what lies at each box (a virtualised grid recycles its rows): the
    // probe no longer shows the page this step acted on. One wheel burst makes two scroll steps when a pause
    // between wheels passes the recorder's settle time, as it can on a loaded machine.
    const scrolledSince = steps.find((o) => o !== s && o.action.type === 'scroll' && o.step_id < s.step_id && o.timestamp >= (probe?.at ?? Infinity));
    if (scrolledSince) {
      r.unprobed.push(s.action.type);
      r.pairs.push(`- step ${s.step_id} ${s.action.type}: not compared, step ${scrolledSince.step_id} scrolled the page after the last probe`);
      continue;
    }
    const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1.5;
    const found = probe?.nodes.filter((n) => n.tag === t.tag && near(n.box[0], t.bbox.x) && near(n.box[1], t.bbox.y) && near(n.box[2], t.bbox.width) && near(n.box[3], t.bbox.height)) ?? [];
    const chrome = found.find((n) => !n.ignored) ?? found[0] ?? closestAtPoint(probe, t.tag, t.bbox, s.action.coordinates);
    if (!chrome) {
      r.unfound++;
      r.mismatches.push(`step ${s.step_id} ${s.action.type}: <${t.tag}> at ${JSON.stringify(t.bbox)} not found in Chrome's probe`);
      r.pairs.push(`? ${r.mismatches.at(-1)!}`);
      continue;
    }
    r.compared++;
    const ours = lineOf(s.observation.axtree ?? '', s.action.element_id);
    const role = CHROME_ROLE[chrome.role] ?? chrome.role;
    const ok = ours
      ? !chrome.ignored && ours.role === role && sameName(ours.name, chrome.name)
      : chrome.ignored || (WRAPPER.has(chrome.role) && !chrome.name);
    const pair = `step ${s.step_id} ${s.action.type} <${t.tag}>: ours ${ours ? `${ours.role} '${ours.name}'` : '(no line)'}, Chrome ${chrome.ignored ? 'ignored ' : ''}${chrome.role} '${chrome.name}'`;
    r.pairs.push(`${ok ? '=' : '≠'} ${pair}`);
    if (ok) {
      r.matched++;
      if (!ours) r.collapsed++;
    } else r.mismatches.push(pair);
  }
  return r;
}
