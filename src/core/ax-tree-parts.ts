// observation.axtree as the page hands it over: each element's cached part
// (content/ax-lines) holds its own line and its children's parts between
// marks, so a page that did not change costs a string concatenation, and the
// indentation is worked out once, here, in a linear pass after the event.
//
//   [1] document
//     [12] navigation 'Main'
//       [13] searchbox 'Search products' focused
//       [14] button 'Search'
//     [20] heading 'Results' level=2
//       text 'Showing 3 of 40'
//
// One node per line, indented by two spaces per level; `[N]` is the element's id in dom_tree.

/** Control characters, which a name or a text never holds once cleaned (see cleanAxText), mark the structure. */
export const AX_OPEN = '\u0002';
export const AX_CLOSE = '\u0003';
export const AX_ELEMENT = '\u0004';
export const AX_TEXT = '\u0005';
// C1 too: Python's str.splitlines() ends a line at U+0085 (NEL), U+001C-U+001E, U+2028 and U+2029 (the last two are \s).
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]+/g;

export interface AxTreeParts {
  /** Lines after AX_ELEMENT or AX_TEXT, children between AX_OPEN and AX_CLOSE. */
  marked: string;
  /** The element that had focus at the event: its line says `focused`. */
  focusedId: number | null;
  maxChars: number;
}

/** A name or text as one line: control characters and runs of spaces become one space. */
export function cleanAxText(s: string): string {
  return s.replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
}

/** A quoted value: backslash and quote escaped. */
export const quoteAx = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const NAMED_ELEMENT = /^\[\d+\] \S+ '((?:[^'\\]|\\.)*)'/;
const TEXT_LINE = /^'((?:[^'\\]|\\.)*)'/;
// eslint-disable-next-line no-control-regex
const PART_TOKEN = /[\u0002\u0003]|([\u0004\u0005])([^\u0002-\u0005]*)/g;

/**
 * The text of marked parts as it reads, in order, the way a name from content is computed: a text line's text,
 * and for an element its name when it has one (which stands for everything under it), else what is under it.
 * Built from lines already scrubbed, so an element named by its content is named by what its content became,
 * structure-aware (a table cell's column, a <dd>'s <dt>). Stops past `limit` characters: a part holds its whole
 * subtree, and the name is cut anyway.
 */
export function axPartsText(marked: string, limit = Infinity): string {
  const parts: string[] = [];
  let length = 0;
  let depth = 0;
  let skipTo = -1;
  let named = false;
  for (const m of marked.matchAll(PART_TOKEN)) {
    if (m[0] === AX_OPEN) {
      if (named && skipTo < 0) skipTo = depth;
      depth++;
      named = false;
      continue;
    }
    if (m[0] === AX_CLOSE) {
      depth = Math.max(0, depth - 1);
      if (depth === skipTo) skipTo = -1;
      named = false;
      continue;
    }
    named = false;
    if (skipTo >= 0) continue;
    const q = (m[1] === AX_ELEMENT ? NAMED_ELEMENT : TEXT_LINE).exec(m[2]!);
    if (!q) continue;
    named = m[1] === AX_ELEMENT;
    parts.push(q[1]!.replace(/\\(.)/g, '$1'));
    length += q[1]!.length + 1;
    if (length > limit) break;
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

// eslint-disable-next-line no-control-regex
const TOKEN = /[\u0002\u0003]|([\u0004\u0005])([^\u0002-\u0005]*)/g;

export function assembleAxTree(p: AxTreeParts): string {
  const out: string[] = [];
  let depth = 0;
  let size = 0;
  let cut = 0;
  const focus = p.focusedId === null ? null : `[${p.focusedId}] `;
  const budget = p.maxChars - 32;
  TOKEN.lastIndex = 0;
  for (let t = TOKEN.exec(p.marked); t; t = TOKEN.exec(p.marked)) {
    if (t[1] === undefined) {
      depth = t[0] === AX_OPEN ? depth + 1 : Math.max(0, depth - 1);
      continue;
    }
    let line = t[2]!;
    if (focus && t[1] === AX_ELEMENT && line.startsWith(focus)) line += ' focused';
    line = `${'  '.repeat(depth)}${t[1] === AX_TEXT ? 'text ' : ''}${line}`;
    if (cut === 0 && size + line.length + 1 <= budget) {
      out.push(line);
      size += line.length + 1;
    } else cut += line.length + 1;
  }
  if (cut) out.push(`[truncated ${cut} chars]`);
  return out.join('\n');
}

/**
 * Join a cross-origin frame's axtree under its iframe's line in the top frame's (the top frame writes
 * `frame=N` on that line, N the browser's frame id, as dom_tree's `frame-id="N"`). Null when the line is not there.
 */
export function joinFrameAxTree(topAx: string, frameId: number, frameAx: string): string | null {
  // The line read by its shape (name, states, frame, focus), so a name holding ' frame=N ' claims no frame.
  const line = new RegExp(`^( *)\\[\\d+\\] iframe(?: '(?:[^'\\\\\\n]|\\\\.)*')?(?: [a-z]+(?:=\\d+)?)* frame=${frameId}(?: focused)?$`, 'm').exec(topAx);
  if (!line) return null;
  const indent = `${line[1]}  `;
  const end = line.index + line[0].length;
  // Whatever the top frame had under it (nothing, for a frame it cannot read) is replaced.
  let next = end;
  while (next < topAx.length && topAx.startsWith(indent, next + 1)) {
    const nl = topAx.indexOf('\n', next + 1);
    next = nl === -1 ? topAx.length : nl;
  }
  const inner = frameAx ? `\n${frameAx.split('\n').map((l) => indent + l).join('\n')}` : '';
  return topAx.slice(0, end) + inner + topAx.slice(next);
}
