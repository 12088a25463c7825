// A secret split across sibling inline elements: `<span>4111 1111</span><span> 1111 1111</span>`, a token in two
// `<b>`s (`<b>ghp_Zq8R…</b><b>…C3bQ</b>`). The page scrubs dom_tree node by node, so neither half is a card or a
// token to it, and axtree carries each half as a text line of its own. Here the text of an inline run (text
// nodes with only inline tags between them, as a browser lays them out on one line) is read joined, and what a
// rule finds across a join is replaced in each piece it covers; what lies inside one piece was that piece's own
// scrub's to find. A value the page's own scrub already cut at a piece's edge takes the token glued to it in the
// next piece (glueCuts), and the groups of a spaced value beside a redaction across a join (groupCuts: the page cut
// part of "DE89 3704 0044" + " 0532 0130 00", and what it cut no rule can read again). Whatever dom_tree's pass
// changed is changed in axtree too, wherever it sits there (scrubTreeRuns). Linear: one pass over the tree, one
// scrub per run of two or more pieces.
import type { Scrubber } from './scrubber';
import { escapeXmlText, unescapeXml } from '../xml-escape';
import { cleanAxText } from '../ax-tree-parts';
import { XmlTokens } from './xml-tokens';

/**
 * Tags that end a run: what a browser lays out as a block of its own by default, a line break, a replaced element
 * or a form control, and the tree's own marks (a shadow root, the target's context, a cut). Everything else is
 * read as inline, as CSS's initial display is: the inline tags, a custom element (inline until styled), an unknown
 * tag, <wbr> (an invisible break opportunity, common inside long numbers and addresses) and an empty element
 * written self-closing (`<span/>`, an icon's `<i/>`): a page putting one of these between a secret's halves must
 * not end the run, as "a void tag ends it" did. A <picture> is an inline box around its <img>, which decides.
 */
const RUN_ENDS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'details', 'dialog', 'dd', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hgroup',
  'hr', 'html', 'legend', 'li', 'listing', 'main', 'menu', 'nav', 'ol', 'p', 'plaintext', 'pre', 'search', 'section',
  'summary', 'ul', 'xmp', 'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th',
  'br', 'img', 'input', 'button', 'select', 'option', 'optgroup', 'textarea', 'iframe', 'frame', 'frameset', 'video',
  'audio', 'canvas', 'svg', 'math', 'object', 'embed', 'meter', 'progress', 'script', 'style', 'template',
  'noscript', 'title', 'shadow-root', 'target-context', 'truncated',
]);

/** Whether a tag of dom_tree ends a run (unless marked): the snapshot writes such a name only for the element it names. */
export const endsRun = (tag: string): boolean => RUN_ENDS.has(tag);

/**
 * The snapshot's mark on a replaced element that paints nothing (a zero-size or 1x1 picture, one hidden by its
 * style: see content/snapshot-xml): no break to a reader, so it ends no run. `<span>742 Evergreen</span><img
 * width="0"><span> Terrace</span>` had the address's first half stored. A picture the page shows still ends one.
 */
export const PAINTS_NOTHING = ' hidden="true"';
/** The snapshot's mark on a replaced element taken out of the line (absolutely positioned, floated): no break either. */
export const OUT_OF_LINE = ' out-of-line="true"';
/**
 * The tags the marks are read on: the replaced elements that paint a picture of their own (an input: an image
 * input; a frame: its page), and the other leaf breaks a stylesheet can hide (a line break, a rule, a form control, an empty <math>).
 */
export const PAINTS_NOTHING_TAGS: ReadonlySet<string> = new Set(['img', 'video', 'audio', 'canvas', 'svg', 'input', 'iframe',
  'frame', 'br', 'hr', 'button', 'select', 'textarea', 'meter', 'progress', 'math']);
/**
 * The snapshot's mark on an element of a block tag that a stylesheet lays out in the line (display: inline,
 * inline-block, inline-flex, contents…): an inline-flex chip, a display:contents wrapper, the inline-block digit
 * boxes of a card or code widget. Its text sits in the line with the words around it, so it ends no run:
 * `<div class="i">4111 1111</div><div class="i">1111 1111</div>` with `.i { display: inline }` kept both halves.
 */
export const INLINE_LEVEL = ' inline="true"';
/**
 * The tags INLINE_LEVEL is read on: the run ends that are blocks only by the browser's default
 * style and hold text (not the root, a line break, a rule, a picture or control, a list box's options, a script).
 */
export const LAID_OUT_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'legend', 'li', 'listing',
  'main', 'menu', 'nav', 'ol', 'p', 'pre', 'search', 'section', 'summary', 'ul', 'xmp', 'table', 'caption', 'thead',
  'tbody', 'tfoot', 'tr', 'td', 'th',
]);

// A join a value can run across: a letter, digit or a value's inner mark (@ . _ % + - /) on both sides, spaces aside.
// "Item 4.1" + "$12.99" has none, so a catalogue's rows cost no scrub; "4111 1111" + " 1111 1111" and "jane.doe" +
// "@example.com" do.
// Invisible format characters (\p{Cf}: a soft hyphen, a zero-width space or joiner, a direction mark, a word
// joiner) are read as nothing at a join, as the scrubber reads them inside one text: a page that put one between
// `<em>jane.doe</em>` and "@example.com" had the address's halves stored.
const SECRET_END = /[\p{L}\p{N}@._%+/-][\s\p{Cf}]*$/u;
const SECRET_START = /^[\s\p{Cf}]*[\p{L}\p{N}@._%+/-]/u;

/** A cut in one piece: [start, end) in the piece's own text, the rule that found it, and its replacement when not the rule's. */
interface Cut { start: number; end: number; rule: string; text?: string }

/**
 * The rule a glued edge is counted under (see glueCuts): no rule found the value, its redacted neighbour did.
 */
export const GLUED_EDGE_RULE = 'inline_run_edge';
// A placeholder as the scrubber writes one: the generic one or a typed `<EMAIL>`, `<REDACTED:rule>`.
const TYPED_PLACEHOLDER = /^<[A-Z][A-Z_]*(?::[\w-]+)?>/;
const TYPED_PLACEHOLDER_END = /<[A-Z][A-Z_]*(?::[\w-]+)?>$/;
const TOKEN_CHAR = /[\p{L}\p{N}@._%+/-]/u;
const INVISIBLE = /\p{Cf}/u;
const INVISIBLE_START = /^\p{Cf}*/u;

/**
 * Where the token glued to the end of `p` starts (invisible characters inside or after it are part of it), or
 * null when `p` ends in none. A backward scan, not a `…+$` regex, which tries every start: quadratic in a piece.
 */
function tokenEndStart(p: string): number | null {
  let i = p.length;
  let seen = false;
  while (i > 0) {
    const c = p[i - 1]!;
    if (TOKEN_CHAR.test(c)) seen = true;
    else if (!INVISIBLE.test(c)) break;
    i--;
  }
  return seen ? i : null;
}

/** How long the token glued to the start of `p` is (invisible characters inside it count), or 0 for none. */
function tokenStartLength(p: string): number {
  let i = 0;
  let end = 0;
  for (; i < p.length; i++) {
    const c = p[i]!;
    if (TOKEN_CHAR.test(c)) end = i + 1;
    else if (!INVISIBLE.test(c)) break;
  }
  return end;
}

/** The placeholder `p` starts with, invisible characters before it aside. */
function leadingPlaceholder(p: string, scrubber: Scrubber): string | null {
  const q = p.slice(INVISIBLE_START.exec(p)![0].length);
  const generic = scrubber.config.replacement.generic;
  if (generic && q.startsWith(generic)) return generic;
  return TYPED_PLACEHOLDER.exec(q)?.[0] ?? null;
}

/** The placeholder `p` ends with, invisible characters after it aside. */
function trailingPlaceholder(p: string, scrubber: Scrubber): string | null {
  let end = p.length;
  while (end > 0 && INVISIBLE.test(p[end - 1]!)) end--;
  const q = p.slice(0, end);
  const generic = scrubber.config.replacement.generic;
  if (generic && q.endsWith(generic)) return generic;
  return TYPED_PLACEHOLDER_END.exec(q)?.[0] ?? null;
}

/**
 * A value the page redacted that touches its text node's edge, glued (no space) to a token in the next piece:
 * the page scrubs node by node, so `<a>jane.doe</a>@example.com` reaches here as "jane.doe" + "<REDACTED>": the
 * address is gone from the second piece and no rule can find it across the join any more. Glued text reads as
 * one word, so the token glued to a redaction is taken for part of it and cut too, with that redaction's
 * placeholder. Returns how many it cut.
 */
function glueCuts(pieces: readonly string[], scrubber: Scrubber, cuts: Cut[][], counts?: Record<string, number>): number {
  let found = 0;
  // A piece that is one token glued to a redaction is cut whole, and reads as that redaction to the piece on its
  // other side: "jane.doe" + "zz" + "<REDACTED> today" is one word to a reader, so the chain goes on through it.
  const leads = pieces.map((p) => leadingPlaceholder(p, scrubber));
  for (let k = pieces.length - 2; k >= 0; k--) {
    const left = pieces[k]!;
    const after = leads[k + 1];
    const token = after ? tokenEndStart(left) : null;
    if (after && token !== null) {
      cuts[k]!.push({ start: token, end: left.length, rule: GLUED_EDGE_RULE, text: after });
      found++;
      if (token === 0 && leads[k] === null) leads[k] = after;
    }
  }
  const trails = pieces.map((p) => trailingPlaceholder(p, scrubber));
  for (let k = 0; k + 1 < pieces.length; k++) {
    const right = pieces[k + 1]!;
    const before = trails[k];
    const lead = before ? tokenStartLength(right) : 0;
    if (before && lead > 0) {
      cuts[k + 1]!.push({ start: 0, end: lead, rule: GLUED_EDGE_RULE, text: before });
      found++;
      if (lead === right.length && trails[k + 1] === null) trails[k + 1] = before;
    }
  }
  if (counts && found) counts[GLUED_EDGE_RULE] = (counts[GLUED_EDGE_RULE] ?? 0) + found;
  return found;
}

/** The rule a group of a value split at a redaction is counted under (see groupCuts). */
export const SPLIT_GROUP_RULE = 'inline_run_group';
// A word that can be a group of a spaced value: it holds a digit (an IBAN's `DE89` or `3M02`, a card's `5500`, a
// phone's `+49`, `030`, `(415)`, `(0)30`: a trunk prefix in brackets inside a group), its parts joined by what pages
// write between a value's groups with no space: a dot, a dash of any width, a slash, a middle dot or a bullet
// (`030·1234·5678`), a comma (`4111,1111`). A word of capitals alone (a bank code: `NWBK`, `ABNA`) only between such
// words or redactions, never at a chain's end ("IBAN DE89 …" keeps its label).
const GROUP_WORD = /^[(+]?[-\p{L}\p{N}\p{Cf}._/(),\u00b7\u2022\u2219\u2010-\u2015]*\p{N}[-\p{L}\p{N}\p{Cf}._/(),\u00b7\u2022\u2219\u2010-\u2015]*$/u;
const CAPS_WORD = /^[\p{Lu}\p{Cf}]{2,}$/u;
const WORD = /[^\s\p{Cf}][^\s]*/gu;
// A joint standing alone between groups ('+49 30 / 1234 5678', '030 - 1234 5678', '030 · 1234 · 5678'). A bar or
// a comma standing alone is none: pages put those between two things ('Order 1234 | Paid', 'Rooms 12 , 14').
const SEPARATOR_WORD = /^[-\u2010-\u2015/\u00b7\u2022\u2219.]+$/u;
// What closes a group written at a word's end: a list's comma, a clause's semicolon or colon, a sentence's stop, a
// closing quote or bracket ('… 5678,', '… 5678).'; a `)` only with no `(` before it: `(415)` keeps its own). It is
// no part of the value, and the value ends there: what follows is the list's or the sentence's next item.
const CLOSER = /[,;:.!?\u2026"'\u201d\u2019\u00bb\]}]/u;
// A joint glued to a group's end ('+49·', '030-' before a redaction): the chain goes on through it, the group ends
// before it, so a value ending there keeps its trailing joint.
const TRAILING_JOINT = /[-\p{Cf}/\u00b7\u2022\u2219\u2010-\u2015]/u;
// Words that hold digits but are never a group of a card, an IBAN, a phone, an account or ID number, so they end a
// chain as any word does: one with a lowercase letter (a unit, an ordinal, a quantity: `10kg`, `2nd`, `x3`; an IBAN's
// or a postcode's letters are capitals), a date (`12/03/2024`, `2024-03-12`, `12.03.2024`, `12/03/24`), an amount
// (a price, a total, a count of thousands: `12.99`, `1,234.50`, `1.234,50`, `1,234`; a value's groups are not
// written in threes after a comma, and a phone's `030.12` has a leading zero).
const LOWERCASE = /\p{Ll}/u;
const DAY_MONTH_YEAR = /^(\d{1,2})([./-])(\d{1,2})\2(?:(?:19|20)\d\d|(?<=\/)\d\d)$/;
const YEAR_MONTH_DAY = /^(?:19|20)\d\d([./-])(\d{1,2})\1(\d{1,2})$/;
const AMOUNT = /^(?:0|[1-9]\d{0,2}(?:[,.'\u2019]\d{3})*)[.,]\d{2}$|^[1-9]\d{0,2}([,.])\d{3}(?:\1\d{3})*$/;
// The kinds of a typed placeholder (`<EMAIL>`: scrubber.replacementFor) that a page never writes in digit groups: an
// e-mail, a person's name, a place, an organisation, a username, a secret, a key or a token, an IP address (written
// in dots, glued: glueCuts). Such a redaction ends a chain as a word does: a group beside it is no part of it.
const UNGROUPED_KINDS: ReadonlySet<string> = new Set(['EMAIL', 'PERSON', 'PLACE', 'ORG', 'USERNAME', 'SECRET', 'CREDENTIAL', 'API_KEY', 'TOKEN', 'JWT', 'IP']);
// Any other kind takes them: a card, an IBAN, a phone number, an SSN, a labelled ID or account number, an address (a
// house number, a postcode), a site's mask, a custom rule's; and the generic placeholder (the default), which tells
// no kind at all.
const PLACEHOLDER_KIND = /^<([A-Z][A-Z_]*)[:>]/;
/** How far from a redaction a group is taken: an IBAN, the longest value written in groups (34 characters), spaced. */
const GROUPS_REACH = 48;
const placeholderPatterns = new Map<string, RegExp>();

/** The scrubber's placeholders, its generic one and typed ones, as one global pattern (one per generic placeholder). */
function placeholderPattern(scrubber: Scrubber): RegExp {
  const generic = scrubber.config.replacement.generic;
  let re = placeholderPatterns.get(generic);
  if (!re) {
    const escaped = generic.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    re = new RegExp(`${generic ? `${escaped}|` : ''}<[A-Z][A-Z_]*(?::[\\w-]+)?>`, 'g');
    placeholderPatterns.set(generic, re);
  }
  return re;
}

/** A word or a placeholder of a run: its piece, [start, end) there and in the joined text, what it is. */
interface Item { k: number; start: number; end: number; at: number; kind: 'placeholder' | 'group' | 'caps' | 'word'; text: string }

/** Where the group a word may hold ends in it, sentence punctuation and trailing joints aside, and whether a closer ends the value there. */
function groupEnd(w: string): [number, boolean] {
  const open = w.indexOf('(');
  let end = w.length;
  let closed = false;
  while (end > 0) {
    const c = w[end - 1]!;
    if (c === ')' ? open < 0 || open >= end - 1 : CLOSER.test(c)) closed = true;
    else if (!TRAILING_JOINT.test(c)) break;
    end--;
  }
  return [end, closed];
}

/** Whether a word of digits is a date: a day and a month either way round, with a year; or a year, a month and a day. */
function isDate(w: string): boolean {
  const dmy = DAY_MONTH_YEAR.exec(w);
  if (dmy) {
    const [x, y] = [Number(dmy[1]), Number(dmy[3])];
    return x >= 1 && y >= 1 && ((x <= 31 && y <= 12) || (x <= 12 && y <= 31));
  }
  const ymd = YEAR_MONTH_DAY.exec(w);
  return ymd !== null && Number(ymd[2]) >= 1 && Number(ymd[2]) <= 12 && Number(ymd[3]) >= 1 && Number(ymd[3]) <= 31;
}

/** Whether a word holding a digit may be a group of a value (see LOWERCASE): not a unit, a date or an amount. */
function valueShaped(w: string): boolean {
  if (LOWERCASE.test(w)) return false;
  const plain = INVISIBLE.test(w) ? w.replace(INVISIBLES, '') : w;
  return !isDate(plain) && !AMOUNT.test(plain);
}
const INVISIBLES = /\p{Cf}/gu;

/**
 * A value written in groups whose pieces the page's own scrub already cut in part: `DE89 3704 0044` + ` 0532 0130 00`
 * reaches here as "DE89 <REDACTED>" + " <REDACTED>", `GB29 NWBK 6016` + ` 1331 9268 19` as "GB29 NWBK 6016" +
 * " <REDACTED>": no rule finds an IBAN across the join any more (the text the page cut is gone), and glueCuts takes a
 * token only when nothing stands between it and the redaction (a space does, between groups). So a redaction is read
 * as a wildcard here: a chain of groups and redactions, only spaces between them (and joints standing alone:
 * SEPARATOR_WORD), that holds a redaction and spans two pieces or more, is one value cut in part, and its groups
 * (GROUP_WORD, capitals between them) go with the redaction. A word ends a chain ("Your card" + "<REDACTED>" keeps the
 * words), and so does a list's comma or a sentence's stop after a group (the group goes, the comma stays: CLOSER), a
 * word of digits no value is written with (a date, a price, a unit: valueShaped), and a redaction of a kind never
 * written in groups (`<EMAIL>`, `<PERSON>`: UNGROUPED_KINDS). The generic placeholder tells no kind (the page's scrub
 * keeps no rule in the text), so beside it every group that may be a value's is taken. A chain within one piece is
 * that piece's own scrub's. Groups beside a redaction of unknown kind are a value's or not (a year beside a redacted
 * name, a count: '12 items'; a value's last group is followed by words too, '… 19 today'): over-redaction of those,
 * never a group of a value kept. Linear: one scan of the pieces.
 */
function groupCuts(pieces: readonly string[], scrubber: Scrubber, cuts: Cut[][], counts?: Record<string, number>): number {
  if (!pieces.some((p) => p.includes('<'))) return 0;
  const re = placeholderPattern(scrubber);
  const generic = scrubber.config.replacement.generic;
  const items: Item[] = [];
  let offset = 0;
  pieces.forEach((p, k) => {
    const words = (from: number, to: number): void => {
      WORD.lastIndex = 0;
      const segment = p.slice(from, to);
      for (let m = WORD.exec(segment); m; m = WORD.exec(segment)) {
        if (SEPARATOR_WORD.test(m[0])) continue;
        const start = from + m.index;
        const at = offset + start;
        const [end, closed] = groupEnd(m[0]);
        const core = m[0].slice(0, end);
        const kind = end === 0 ? 'word' : GROUP_WORD.test(core) ? (valueShaped(core) ? 'group' : 'word') : CAPS_WORD.test(core) ? 'caps' : 'word';
        if (kind === 'word') {
          items.push({ k, start, end: start + m[0].length, at, kind, text: m[0] });
          continue;
        }
        items.push({ k, start, end: start + end, at, kind, text: core });
        // The closer is a word of its own: the chain ends after the group, which it keeps.
        if (closed) items.push({ k, start: start + end, end: start + m[0].length, at: at + end, kind: 'word', text: m[0].slice(end) });
      }
    };
    let from = 0;
    re.lastIndex = 0;
    for (let m = re.exec(p); m; m = re.exec(p)) {
      words(from, m.index);
      const kind = m[0] === generic ? undefined : PLACEHOLDER_KIND.exec(m[0])?.[1];
      const ungrouped = kind !== undefined && UNGROUPED_KINDS.has(kind);
      items.push({ k, start: m.index, end: m.index + m[0].length, at: offset + m.index, kind: ungrouped ? 'word' : 'placeholder', text: m[0] });
      from = m.index + m[0].length;
    }
    words(from, p.length);
    offset += p.length;
  });
  let found = 0;
  for (let i = 0; i < items.length;) {
    if (items[i]!.kind === 'word') { i++; continue; }
    let j = i;
    while (j < items.length && items[j]!.kind !== 'word') j++;
    found += chainCuts(items.slice(i, j), cuts);
    i = j;
  }
  if (counts && found) counts[SPLIT_GROUP_RULE] = (counts[SPLIT_GROUP_RULE] ?? 0) + found;
  return found;
}

/** The cuts of one chain of groups and placeholders (see groupCuts): 1 when it is a value cut in part, else 0. */
function chainCuts(chain: readonly Item[], cuts: Cut[][]): number {
  let a = 0;
  let b = chain.length;
  while (a < b && chain[a]!.kind === 'caps') a++;
  while (b > a && chain[b - 1]!.kind === 'caps') b--;
  // The placeholder nearest each item, both ways: a group further than GROUPS_REACH from it is none of its value.
  const near: (Item | null)[] = [];
  const dist: number[] = [];
  let before: Item | null = null;
  for (let i = a; i < b; i++) {
    const t = chain[i]!;
    if (t.kind === 'placeholder') before = t;
    near.push(before);
    dist.push(before ? t.at + t.text.length - (before.at + before.text.length) : Infinity);
  }
  let after: Item | null = null;
  for (let i = b - 1; i >= a; i--) {
    const t = chain[i]!;
    if (t.kind === 'placeholder') after = t;
    if (after && after.at - t.at < dist[i - a]!) {
      near[i - a] = after;
      dist[i - a] = after.at - t.at;
    }
    if (dist[i - a]! > GROUPS_REACH) near[i - a] = null;
  }
  const pieces = new Set<number>();
  let groups = 0;
  for (let i = a; i < b; i++) {
    if (!near[i - a]) continue;
    pieces.add(chain[i]!.k);
    if (chain[i]!.kind !== 'placeholder') groups++;
  }
  if (pieces.size < 2 || groups === 0) return 0;
  // Each piece's part of the chain (items taken, side by side) becomes one placeholder: the one in it, or the nearest.
  // A part with no redaction of its own and a single digit ('Row 7' beside a card in a <b>, 'Step 2' beside a
  // redacted name) tells nothing of a value: it is kept.
  let made = 0;
  for (let i = a; i < b;) {
    if (!near[i - a]) { i++; continue; }
    let j = i;
    while (j + 1 < b && near[j + 1 - a] && chain[j + 1]!.k === chain[i]!.k) j++;
    let own: Item | null = null;
    let digits = 0;
    let group = false;
    for (let x = i; x <= j; x++) {
      if (chain[x]!.kind === 'placeholder') own ??= chain[x]!;
      else {
        group = true;
        digits += chain[x]!.text.replace(NON_DIGITS, '').length;
      }
    }
    if (group && (own || digits >= 2)) {
      cuts[chain[i]!.k]!.push({ start: chain[i]!.start, end: chain[j]!.end, rule: SPLIT_GROUP_RULE, text: (own ?? near[i - a]!).text });
      made++;
    }
    i = j + 1;
  }
  return made > 0 ? 1 : 0;
}
const NON_DIGITS = /\P{N}/gu;

/**
 * The spans `scrubber` finds in the pieces joined by `seps` (seps[k] goes after piece k) that cover parts of two
 * pieces or more, as cuts per piece. Spans come sorted and apart: one walk over the pieces places them.
 */
function crossingCuts(pieces: readonly string[], seps: readonly string[], scrubber: Scrubber, cuts: Cut[][], counts?: Record<string, number>): number {
  const starts: number[] = [];
  let joined = '';
  pieces.forEach((p, k) => {
    starts.push(joined.length);
    joined += p + (seps[k] ?? '');
  });
  let found = 0;
  let k = 0;
  // redact, not find: its memory of short strings serves the next step's tree, which mostly repeats this one's.
  for (const s of scrubber.redact(joined).spans) {
    while (k < pieces.length - 1 && starts[k]! + pieces[k]!.length <= s.start) k++;
    let last = k;
    while (last + 1 < pieces.length && starts[last + 1]! < s.end) last++;
    if (last === k) continue;
    found++;
    // Counted once, though both joins may find it.
    const first = Math.max(0, s.start - starts[k]!);
    if (counts && !cuts[k]!.some((c) => c.end > first)) counts[s.rule] = (counts[s.rule] ?? 0) + 1;
    for (let i = k; i <= last; i++) {
      const a = Math.max(0, s.start - starts[i]!);
      const b = Math.min(pieces[i]!.length, s.end - starts[i]!);
      if (a < b) cuts[i]!.push({ start: a, end: b, rule: s.rule });
    }
  }
  return found;
}

/**
 * The pieces of one run, read joined: each piece with what a rule found across a join replaced, or null when
 * nothing crosses one. A layout puts no space between inline boxes, so the pieces are read as written; where
 * neither side of a join has a space they are read with one too, as a space there may have been a text node
 * of its own that was dropped, or a line's trimmed end ("4111 1111" + "1111 1111"). `glue`: the pieces are text
 * nodes of one line as the page wrote them (dom_tree), so a redaction's glued token and groups are read too.
 */
export function scrubRun(pieces: readonly string[], scrubber: Scrubber, counts?: Record<string, number>, glue = true): string[] | null {
  if (pieces.length < 2) return null;
  const cuts: Cut[][] = pieces.map(() => []);
  return runCuts(pieces, scrubber, cuts, counts, glue) ? applyCuts(pieces, cuts, scrubber) : null;
}

/** What scrubRun finds across the joins of `pieces`, added to `cuts`; how many it found. */
function runCuts(pieces: readonly string[], scrubber: Scrubber, cuts: Cut[][], counts?: Record<string, number>, glue = true): number {
  if (pieces.length < 2) return 0;
  let found = glue ? glueCuts(pieces, scrubber, cuts, counts) + groupCuts(pieces, scrubber, cuts, counts) : 0;
  if (pieces.some((p, k) => k + 1 < pieces.length && SECRET_END.test(p) && SECRET_START.test(pieces[k + 1]!))) {
    const tight = pieces.map(() => '');
    const spaced = pieces.map((p, k) => (k + 1 < pieces.length && !/\s$/.test(p) && !/^\s/.test(pieces[k + 1]!) ? ' ' : ''));
    found += crossingCuts(pieces, tight, scrubber, cuts, counts);
    if (spaced.some(Boolean)) found += crossingCuts(pieces, spaced, scrubber, cuts, counts);
  }
  return found;
}

/** Each piece with its cuts replaced (overlapping cuts as one). */
function applyCuts(pieces: readonly string[], cuts: Cut[][], scrubber: Scrubber): string[] {
  return pieces.map((p, k) => {
    const own = cuts[k]!.sort((x, y) => x.start - y.start);
    let out = '';
    let from = 0;
    for (const c of own) {
      if (c.end <= from) continue;
      const a = Math.max(from, c.start);
      out += p.slice(from, a) + (c.text ?? scrubber.replacementFor(c.rule));
      from = c.end;
    }
    return out + p.slice(from);
  });
}

// dom_tree's tags and text segments are read by XmlTokens (xml-tokens.ts). A tag never holds a `<` (the snapshot
// escapes it in values): a tree of `<a<a<a…` (no `>`) must not be scanned to its end from each `<`, which was
// quadratic (40,000 characters took 0.5 s; the CLI reads anyone's zip, up to --max-field-chars a field).

// A text segment of more than spaces (what trim() keeps), read in place: a segment ends at a `<`, which stops it.
const NOT_SPACE = /\S/g;
function holdsText(xml: string, start: number, end: number): boolean {
  NOT_SPACE.lastIndex = start;
  const m = NOT_SPACE.exec(xml);
  return m !== null && m.index < end;
}

/** A piece of dom_tree text the run pass changed, as axtree writes text (cleaned), and the elements it lies in. */
interface PieceEdit { from: string; to: string; ancestors: readonly number[] }

/** Ancestors a piece's edit is kept for: an element named by its content names it from a subtree this shallow. */
const EDIT_ANCESTORS = 64;
// An element's id in its opening tag, read from where the tag starts (only for an element an edit names).
const ELEMENT_ID = /<[^<>]*?\sid="(\d+)"/y;
/**
 * The elements open at a point of dom_tree, innermost first: shared by every piece read inside them. `at`: where
 * the opening tag starts (-1: a shadow root); its id is read from there only for an edit's ancestors, since most
 * elements hold no piece that changes and reading each tag's id was much of a big page's pass.
 */
interface OpenElement { at: number; parent: OpenElement | null; silent: boolean; inline: boolean; slotless?: boolean; id?: number }

/**
 * The element's id, read once and kept: every edit inside an element names it, and a tag read again for each (a
 * long one, its id last or none, over many split cards) made the pass quadratic (400 KB: 2.3 s, not 0.3).
 */
function idOf(xml: string, e: OpenElement): number {
  if (e.id !== undefined) return e.id;
  ELEMENT_ID.lastIndex = e.at;
  e.id = e.at < 0 ? -1 : Number(ELEMENT_ID.exec(xml)?.[1] ?? -1);
  return e.id;
}

/**
 * Where each shadow root of `xml` that holds a <slot> and whose host has light children opens (the index of its
 * `<shadow-root>`). A slot lays the host's light children out inside the root's text, where the tree has them after
 * it: such a root's text is not in the tree's order. A root with no slot is laid out in the line at its host, in the tree's order, and its host's light
 * children are not shown at all. One pass, a stack of the roots open.
 */
function slottedShadowRoots(xml: string): Set<number> {
  const slotted = new Set<number>();
  if (!xml.includes('<shadow-root>')) return slotted;
  // Each root open: where it opens, and whether it holds a slot.
  const stack: [number, boolean][] = [];
  SHADOW_OR_SLOT.lastIndex = 0;
  for (let m = SHADOW_OR_SLOT.exec(xml); m; m = SHADOW_OR_SLOT.exec(xml)) {
    if (m[0] === '<shadow-root>') stack.push([m.index, false]);
    else if (m[0] === '</shadow-root>') {
      const root = stack.pop();
      // A slot lays out only the host's light children: with none (the host closes next, spaces aside) an empty
      // slot (a chip's icon slot) moves nothing, and the root's text is in the tree's order.
      HOST_CLOSES.lastIndex = SHADOW_OR_SLOT.lastIndex;
      if (root?.[1] && !HOST_CLOSES.test(xml)) slotted.add(root[0]);
    } else if (stack.length) stack[stack.length - 1]![1] = true;
  }
  return slotted;
}
const SHADOW_OR_SLOT = /<\/?shadow-root>|<slot[\s/>]/g;
const HOST_CLOSES = /\s*<\//y;

/** dom_tree with its inline runs read joined (see scrubDomTreeRuns), and the pieces it changed. */
function domTreeRuns(xml: string, scrubber: Scrubber, counts?: Record<string, number>): { xml: string; edits: PieceEdit[] } {
  // Text segments of the current run: [start, end) in xml, and the innermost element open there.
  let run: [number, number, OpenElement | null][] = [];
  const edits: { start: number; end: number; text: string }[] = [];
  const pieceEdits: PieceEdit[] = [];
  let open = null as OpenElement | null;
  const slotted = slottedShadowRoots(xml);
  const flush = (): void => {
    if (run.length >= 2) {
      const raw = run.map(([a, b]) => unescapeXml(xml.slice(a, b)));
      const cuts: Cut[][] = raw.map(() => []);
      let found = runCuts(raw, scrubber, cuts, counts);
      // Text inside a silent element (a zero-size video's fallback text, a hidden button's label) is painted nowhere
      // in the line: the run is read as the tree holds it (a half hidden in such an element is still joined to the
      // other) and as a reader sees it, without that text: "ghp_Zq8RkT2vLm9X" + " - " + "wN4pYs…" hid the token a
      // reader sees whole, and both halves were stored.
      const shown: number[] = [];
      for (let k = 0; k < run.length; k++) if (run[k]![2]?.silent !== true) shown.push(k);
      if (shown.length >= 2 && shown.length < raw.length) {
        const shownCuts: Cut[][] = shown.map(() => []);
        // Counted once: what the reading as the tree holds it found already was.
        found += runCuts(shown.map((k) => raw[k]!), scrubber, shownCuts, found ? undefined : counts);
        shownCuts.forEach((c, j) => cuts[shown[j]!]!.push(...c));
      }
      const scrubbed = found ? applyCuts(raw, cuts, scrubber) : null;
      if (scrubbed) {
        run.forEach(([a, b, inside], k) => {
          if (scrubbed[k] === raw[k]) return;
          edits.push({ start: a, end: b, text: escapeXmlText(scrubbed[k]!) });
          const ancestors: number[] = [];
          for (let e = inside; e && ancestors.length < EDIT_ANCESTORS; e = e.parent) ancestors.push(idOf(xml, e));
          pieceEdits.push({ from: cleanAxText(raw[k]!), to: cleanAxText(scrubbed[k]!), ancestors });
        });
      }
    }
    run = [];
  };
  // Shadow roots open and not yet broken: one with a slot ends the run only once it holds text or a break of its
  // own (its text is laid out where its slots say, not where the tree has it); one of no text (an icon component:
  // empty, a style, a slot, an empty span) is no break, as an empty <i/> is not. One with no slot is read as an
  // inline element at its host (two Lit chips each rendering half of an address kept both halves), and the host's
  // light children after it, which it never shows, are silent.
  // A break breaks every shadow root open at it, and the ones opened later lie above them: the broken ones are the
  // bottom of the stack, so a depth says which (marking each, as fill(true) did, was quadratic in the nesting: a
  // zip's dom_tree of 40,000 nested `<shadow-root>a` took 0.8 s, 280,000 under --max-field-chars about 40 s).
  let shadowDepth = 0;
  let brokenDepth = 0;
  const breakShadows = (): void => {
    if (brokenDepth === shadowDepth) return;
    flush();
    brokenDepth = shadowDepth;
  };
  const t = new XmlTokens(xml);
  while (t.next()) {
    if (!t.isTag) {
      const text = holdsText(xml, t.start, t.end);
      if (text && open?.silent !== true) breakShadows();
      // A space between two elements is a piece too (once a run has begun): "Name" then " " then a redaction
      // is no word glued to it (see glueCuts), and a value split around it is still read joined.
      if (text || run.length) run.push([t.start, t.end, open]);
      continue;
    }
    const tag = t.name.toLowerCase();
    if (tag === 'shadow-root' && open?.silent !== true) {
      if (t.closing && open?.slotless) {
        open = open.parent;
        if (open) open.silent = true;
      } else if (t.closing) {
        if (shadowDepth > 0) {
          shadowDepth--;
          if (shadowDepth < brokenDepth) {
            brokenDepth = shadowDepth;
            flush();
          }
        }
        open = open?.parent ?? null;
      } else if (t.selfClosing) {
        // `<shadow-root/>`: nothing in it.
      } else if (!slotted.has(t.start)) {
        open = { at: -1, parent: open, silent: false, inline: true, slotless: true };
      } else {
        shadowDepth++;
        open = { at: -1, parent: open, silent: false, inline: false };
      }
      continue;
    }
    // A closing tag is as silent as its opening one was (`</video>` of a marked video with fallback text), and so
    // is all inside a silent element (the document of a zero-size frame: its <html> and <body> break nothing).
    const silent = t.closing
      ? open?.silent === true
      : open?.silent === true || (PAINTS_NOTHING_TAGS.has(tag) && (t.text().includes(PAINTS_NOTHING) || t.text().includes(OUT_OF_LINE)));
    // A block laid out in the line is read as an inline tag, opening and closing (`</div>` says as its `<div>` did).
    const inline = t.closing ? open?.inline === true : LAID_OUT_TAGS.has(tag) && t.text().includes(INLINE_LEVEL);
    if (RUN_ENDS.has(tag) && !silent && !inline) {
      breakShadows();
      flush();
    }
    if (t.closing) open = open?.parent ?? null;
    else if (!t.selfClosing) open = { at: t.start, parent: open, silent, inline };
  }
  flush();
  if (edits.length === 0) return { xml, edits: pieceEdits };
  let out = '';
  let from = 0;
  for (const e of edits) {
    out += xml.slice(from, e.start) + e.text;
    from = e.end;
  }
  return { xml: out + xml.slice(from), edits: pieceEdits };
}

/** A dom_tree piece the run pass changes: the element holding it, or the host of the shadow root holding it directly. */
export interface RunPieceHolder { id: number; inShadowRoot: boolean }

/**
 * Where the pieces the run pass would change lie in `xml` (a page's own tree, read before it leaves the page): the
 * page blurs those pieces in the screenshot, as it blurs what it redacted in one text node. The pass is the one
 * scrubTreeRuns makes of the same tree, so the pieces are those the stored tree has cut. Counts nothing.
 */
export function runPieceHolders(xml: string, scrubber: Scrubber): RunPieceHolder[] {
  const out: RunPieceHolder[] = [];
  for (const e of domTreeRuns(xml, scrubber).edits) {
    // A shadow root is written as an element of id -1: the piece is its text, the next id its host's.
    const at = e.ancestors.findIndex((id) => id >= 0);
    if (at >= 0) out.push({ id: e.ancestors[at]!, inShadowRoot: at > 0 });
  }
  return out;
}

/**
 * dom_tree with the text of each inline run read joined (see scrubRun). A tag in RUN_ENDS (a block, `<br/>`,
 * `<img/>`, `<input/>`, a shadow root) ends a run, opening or closing, unless it is a picture marked as painting
 * nothing (PAINTS_NOTHING) or out of the line (OUT_OF_LINE), or a block marked as laid out in the line
 * (INLINE_LEVEL); any other tag does not, even self-closing.
 */
export function scrubDomTreeRuns(xml: string, scrubber: Scrubber, counts?: Record<string, number>): string {
  return domTreeRuns(xml, scrubber, counts).xml;
}

// A text line of axtree: its indentation and its quoted text.
const AX_TEXT_LINE = /^( *)text '((?:[^'\\]|\\.)*)'$/;
const unquote = (s: string): string => s.replace(/\\(.)/g, '$1');
const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * axtree with each run of sibling text lines (the same indentation, nothing between them) read joined: a split
 * secret's halves are two text lines there. Lines are trimmed, so halves are joined as they are, and no glue is
 * read (glueCuts): a trimmed line tells no word glued to a redaction from one a space kept apart ("Your card" +
 * "<REDACTED>"). Nor are groups (groupCuts): two blocks are sibling text lines too, and "Order 1234" above a
 * redacted name is no part of it. dom_tree keeps its spaces and its blocks: what its glue and groups cut reaches
 * axtree through applyPieceEdits.
 */
export function scrubAxTreeRuns(axtree: string, scrubber: Scrubber, counts?: Record<string, number>): string {
  if (!axtree.includes("text '")) return axtree;
  const lines = axtree.split('\n');
  let run: number[] = [];
  let indent = '';
  let changed = false;
  const flush = (): void => {
    if (run.length >= 2) {
      const scrubbed = scrubRun(run.map((i) => unquote(AX_TEXT_LINE.exec(lines[i]!)![2]!)), scrubber, counts, false);
      if (scrubbed) {
        run.forEach((i, k) => { lines[i] = `${indent}text ${quote(scrubbed[k]!)}`; });
        changed = true;
      }
    }
    run = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const m = AX_TEXT_LINE.exec(lines[i]!);
    if (!m || (run.length > 0 && m[1] !== indent)) flush();
    if (!m) continue;
    indent = m[1]!;
    run.push(i);
  }
  flush();
  return changed ? lines.join('\n') : axtree;
}

// An element line of axtree with a name: indentation and `[N] role `, the id, the quoted name, what follows.
const AX_NAMED_LINE = /^( *\[(\d+)\] \S+ )'((?:[^'\\]|\\.)*)'(.*)$/;

/**
 * axtree with what the dom_tree run pass changed changed here too. The page builds both trees from the same
 * text, each node scrubbed alone, but in axtree the halves of a split value need not be sibling text lines:
 * under `<output>`s or `role="note"` spans each half is the one text line of its own element, and a link is
 * named by its text (`[4] link 'jane.doe'`). A text line that reads as a changed piece is replaced by what the
 * piece became; an element's name has each changed piece under that element replaced. Not counted: the
 * dom_tree pass counted the values.
 */
function applyPieceEdits(axtree: string, edits: readonly PieceEdit[], placeholder: string): string {
  const texts = new Map<string, string>();
  const byId = new Map<number, PieceEdit[]>();
  for (const e of edits) {
    if (!e.from) continue;
    texts.set(e.from, e.to);
    for (const id of e.ancestors) {
      const list = byId.get(id);
      if (list) list.push(e);
      else byId.set(id, [e]);
    }
  }
  if (texts.size === 0) return axtree;
  // Each id names one line in a tree the extension writes (frame-join keeps ids unique), so the names cost at most
  // one try of each edit per ancestor it is kept for. A zip's axtree is anyone's: one id named on line after line
  // (`[5] link '…'` 300,000 times, the element holding 60,000 edits) had every edit tried on every line, quadratic
  // (two fields of 400,000 characters took 1.3 s; two of 4,000,000, under --max-field-chars, minutes). Names cost
  // that much once more at most; past it, the name of an element with edits is replaced whole: never left as it was.
  let budget = 0;
  for (const list of byId.values()) budget += list.length;
  budget *= 2;
  const lines = axtree.split('\n');
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const text = AX_TEXT_LINE.exec(lines[i]!);
    if (text) {
      const to = texts.get(unquote(text[2]!));
      if (to !== undefined) {
        lines[i] = `${text[1]}text ${quote(to)}`;
        changed = true;
      }
      continue;
    }
    const named = AX_NAMED_LINE.exec(lines[i]!);
    const own = named && byId.get(Number(named[2]));
    if (!named || !own) continue;
    const name = unquote(named[3]!);
    let out = name;
    budget -= own.length;
    if (budget < 0) out = placeholder;
    else for (const e of own) if (out.includes(e.from)) out = out.split(e.from).join(e.to);
    if (out !== name) {
      lines[i] = `${named[1]}${quote(out)}${named[4]}`;
      changed = true;
    }
  }
  return changed ? lines.join('\n') : axtree;
}

/** What the run pass made of an observation's trees, and of any text read from one element of them. */
export interface TreeRuns {
  dom_tree: string;
  axtree?: string;
  /**
   * `text` read from element `id` (a step's target name and text) with each changed piece under that element
   * replaced, as in that element's axtree name: a click on `<a>jane.doe</a>@example.com` names the link "jane.doe".
   */
  underElement(id: number, text: string): string;
}

/**
 * An observation's trees with their inline runs read joined: dom_tree's runs (scrubDomTreeRuns), axtree's sibling
 * text lines (scrubAxTreeRuns), and in axtree whatever dom_tree's pass changed, wherever it sits there (see
 * applyPieceEdits). The one pass every stored observation's trees go through, a step's and a final state's.
 */
export function scrubTreeRuns(trees: { dom_tree: string; axtree?: string }, scrubber: Scrubber, counts?: Record<string, number>): TreeRuns {
  const dom = domTreeRuns(trees.dom_tree, scrubber, counts);
  const underElement = (id: number, text: string): string => {
    let out = text;
    for (const e of dom.edits) if (e.from && e.ancestors.includes(id) && out.includes(e.from)) out = out.split(e.from).join(e.to);
    return out;
  };
  if (trees.axtree === undefined) return { dom_tree: dom.xml, underElement };
  return { dom_tree: dom.xml, axtree: applyPieceEdits(scrubAxTreeRuns(trees.axtree, scrubber, counts), dom.edits, scrubber.replacementFor(GLUED_EDGE_RULE)), underElement };
}
