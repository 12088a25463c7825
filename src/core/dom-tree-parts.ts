// The dom_tree as the page hands it over: the cached XML with a mark where
// each interactive element's bbox goes, the boxes measured at the event, and
// the target. Joining them costs ~10 ms on a 16k-element page (a replace over
// the whole string), so the page does not: the service worker does, off the
// page's main thread (see step-intake).
import type { Box } from './schema';
import { assembleAxTree, type AxTreeParts } from './ax-tree-parts';

/** A control character cannot occur in escaped XML text, so it safely marks where a bbox goes. */
export const BOX_MARK = '\u0001';
// eslint-disable-next-line no-control-regex
const BOX_PLACEHOLDER = /\u0001(\d+)\u0001/g;

export interface DomTreeParts {
  /** XML with `\u0001<id>\u0001` where element <id>'s bbox attribute goes. */
  marked: string;
  /** [id, x, y, width, height] of interactive elements near the viewport, measured at the event. */
  boxes: [number, number, number, number, number][];
  /** The target, guaranteed to appear in the tree (in a <target-context> when the cap cut it out). */
  target: { id: number; tag: string; box: Box } | null;
  maxChars: number;
}

export function assembleDomTree(p: DomTreeParts): string {
  const boxes = new Map(p.boxes.map(([id, x, y, w, h]) => [id, ` bbox="${x},${y},${w},${h}"`]));
  // A mark stands for a whole bbox attribute: elements not near the viewport get none.
  let xml = p.marked.replace(BOX_PLACEHOLDER, (_m, id: string) => boxes.get(Number(id)) ?? '');
  if (xml.length > p.maxChars) xml = truncateXml(xml, p.maxChars);
  const t = p.target;
  if (t && !xml.includes(` id="${t.id}"`)) {
    const ctx = `<target-context><${t.tag} id="${t.id}" bbox="${t.box.x},${t.box.y},${t.box.width},${t.box.height}"/></target-context>`;
    const close = xml.lastIndexOf('</');
    xml = close > 0 ? `${xml.slice(0, close)}${ctx}${xml.slice(close)}` : xml + ctx;
  }
  return xml;
}

/** Fill `domTree` from `domParts` and `axTree` from `axParts` (when the page sent parts) and drop the parts. */
export function withAssembledTree<T extends { domTree: string; domParts?: DomTreeParts; axTree?: string; axParts?: AxTreeParts }>(o: T): T {
  if (!o.domParts && !o.axParts) return o;
  const { domParts, axParts, ...rest } = o;
  return { ...rest, domTree: domParts ? assembleDomTree(domParts) : o.domTree, ...(axParts ? { axTree: assembleAxTree(axParts) } : {}) } as T;
}

/** Cut an oversized tree at a tag boundary and close every open element. */
export function truncateXml(xml: string, maxChars: number): string {
  const cut = xml.lastIndexOf('>', maxChars - 200) + 1;
  let head = xml.slice(0, cut);
  const stack: string[] = [];
  const tagRe = /<(\/?)([a-z_][a-z0-9_.-]*)[^>]*?(\/?)>/g;
  for (let m = tagRe.exec(head); m; m = tagRe.exec(head)) {
    if (m[3] === '/') continue;
    if (m[1] === '/') stack.pop();
    else stack.push(m[2]!);
  }
  head += `<truncated chars="${xml.length - cut}"/>`;
  while (stack.length) head += `</${stack.pop()}>`;
  return head;
}
