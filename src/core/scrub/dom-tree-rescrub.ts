// dom_tree scrubbed again, text and attribute values one by one, so markup is
// never touched: for a (new) config applied to recorded steps (core/rescrub)
// and at the worker's boundary (scrub/step-fields).
import type { Scrubber } from './scrubber';
import { escapeXmlAttr, escapeXmlText, unescapeXml } from '../xml-escape';
import { INLINE_LEVEL, OUT_OF_LINE, PAINTS_NOTHING } from './inline-runs';

// Attributes whose value is a URL, relative ones too (href="/invite/accept?sig=…"): read as URLs, whole.
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'poster', 'cite', 'background', 'ping']);

/**
 * A tag as the snapshot writes one (content/snapshot-xml): a closing tag, or a name, ` name="value"` attributes
 * (values escaped: no `<`, `>` or `"` in them) and `>` or `/>`. Anything else between `<` and `>` is read as text.
 * Tried at each `<` (sticky), it reads no further than the next `<` or `>`, so the whole tree is read about once.
 */
const TAG = /<(?:\/[A-Za-z_][\w:.-]*|[A-Za-z_][\w:.-]*(?: [\w:.-]+="[^"<>]*")*\/?)>/y;
const ATTR = / (?!(?:id|bbox)=)([\w:.-]+)="([^"]*)"/g;
const SLASH = 47;

// The recorder's own marks on a tag: a value "true" holds nothing.
const MARKS = [INLINE_LEVEL, PAINTS_NOTHING, OUT_OF_LINE];

/**
 * Whether an opening tag holds an attribute besides the recorder's id, bbox and marks: a value holds no `"`, so
 * `="` starts each. Most blocks of a page built with its layout read carry `inline="true"` and no page attribute.
 */
function hasPageAttributes(raw: string): boolean {
  let n = 0;
  for (let i = raw.indexOf('="'); i !== -1; i = raw.indexOf('="', i + 2)) n++;
  if (raw.includes(' id="')) n--;
  if (raw.includes(' bbox="')) n--;
  for (const mark of MARKS) if (n > 0 && raw.includes(mark)) n--;
  return n > 0;
}

/**
 * A zip's dom_tree is anyone's, so it is read in one pass over its characters, tags as TAG has them and text as
 * everything else. The two regexes this was (`>([^<]+)<` over the text, the attribute one over the whole tree)
 * were quadratic on a tree with no `<` after its `>`s (`a>a>a>…`: 40,000 characters took 1.1 s, 4,000,000 would
 * take hours, under --max-field-chars), and left out text before the first tag, after the last, and inside
 * anything not a tag (`<b jane@example.com <i>`): the CLI's scrub wrote those out as they were.
 * Only what a rule changes is cut out and written again; the rest is copied in runs (most of a tree changes
 * nothing, and a string built piece by piece cost a sixth of the scrub of a 10k-element page).
 */
export function rescrubDomTree(xml: string, scrubber: Scrubber, counts: Record<string, number>): string {
  const count = (rules: { rule: string }[]): void => rules.forEach((s) => { counts[s.rule] = (counts[s.rule] ?? 0) + 1; });
  let out = '';
  let copied = 0;
  const replace = (from: number, to: number, replacement: string): void => {
    out += xml.slice(copied, from) + replacement;
    copied = to;
  };
  const text = (from: number, to: number): void => {
    const r = scrubber.redact(unescapeXml(xml.slice(from, to)));
    if (r.spans.length === 0) return;
    count(r.spans);
    replace(from, to, escapeXmlText(r.text));
  };
  // Our own element ids and boxes are numbers the recorder wrote, not page text: the pattern passes over them.
  // A tag is written again only when a value changes (most change nothing: a replace() built each tag anew).
  const attributes = (raw: string): string => {
    let tag = '';
    let from = 0;
    ATTR.lastIndex = 0;
    for (let m = ATTR.exec(raw); m; m = ATTR.exec(raw)) {
      const name = m[1]!;
      const v = unescapeXml(m[2]!);
      const r = URL_ATTRS.has(name) || /^(https?|wss?):\/\//.test(v) ? scrubber.redactUrl(v) : scrubber.redact(v);
      if (r.spans.length === 0) continue;
      count(r.spans);
      tag += `${raw.slice(from, m.index)} ${name}="${escapeXmlAttr(r.text)}"`;
      from = m.index + m[0].length;
    }
    return from === 0 ? raw : tag + raw.slice(from);
  };
  let textFrom = 0;
  for (let at = xml.indexOf('<'); at !== -1;) {
    TAG.lastIndex = at;
    if (!TAG.test(xml)) {
      at = xml.indexOf('<', at + 1);
      continue;
    }
    const end = TAG.lastIndex;
    if (at > textFrom) text(textFrom, at);
    // A closing tag, half of all, has no attribute; most opening ones only the recorder's.
    if (xml.charCodeAt(at + 1) !== SLASH) {
      const raw = xml.slice(at, end);
      if (hasPageAttributes(raw)) {
        const scrubbed = attributes(raw);
        if (scrubbed !== raw) replace(at, end, scrubbed);
      }
    }
    textFrom = end;
    at = xml.indexOf('<', end);
  }
  if (textFrom < xml.length) text(textFrom, xml.length);
  return out + xml.slice(copied);
}
