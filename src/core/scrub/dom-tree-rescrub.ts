// dom_tree scrubbed again, text and attribute values one by one, so markup is
// never touched: for a (new) config applied to recorded steps (core/rescrub)
// and at the worker's boundary (scrub/step-fields).
import type { Scrubber } from './scrubber';
import { escapeXmlAttr, escapeXmlText, unescapeXml } from '../xml-escape';

// Attributes whose value is a URL, relative ones too (href="/invite/accept?sig=…"): read as URLs, whole.
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'poster', 'cite', 'background', 'ping']);

/**
 * A tag as the snapshot writes one (content/snapshot-xml): a closing tag, or a name, ` name="value"` attributes
 * (values escaped: no `<`, `>` or `"` in them) and `>` or `/>`. Anything else between `<` and `>` is read as text.
 * Sought from where the last one ended, it reads no further than the next `<` or `>` at each `<` it tries, so the
 * whole tree is read about once.
 */
const TAG = /<(?:\/[A-Za-z_][\w:.-]*|[A-Za-z_][\w:.-]*(?: [\w:.-]+="[^"<>]*")*\/?)>/g;
const ATTR = / (?!(?:id|bbox)=)([\w:.-]+)="([^"]*)"/g;

/**
 * A zip's dom_tree is anyone's, so it is read in one pass over its characters, tags as TAG has them and text as
 * everything else. The two regexes this was (`>([^<]+)<` over the text, the attribute one over the whole tree)
 * were quadratic on a tree with no `<` after its `>`s (`a>a>a>…`: 40,000 characters took 1.1 s, 4,000,000 would
 * take hours, under --max-field-chars), and left out text before the first tag, after the last, and inside
 * anything not a tag (`<b jane@example.com <i>`): the CLI's scrub wrote those out as they were.
 */
export function rescrubDomTree(xml: string, scrubber: Scrubber, counts: Record<string, number>): string {
  const count = (rules: { rule: string }[]): void => rules.forEach((s) => { counts[s.rule] = (counts[s.rule] ?? 0) + 1; });
  const text = (raw: string): string => {
    if (!raw) return raw;
    const r = scrubber.redact(unescapeXml(raw));
    if (r.spans.length === 0) return raw;
    count(r.spans);
    return escapeXmlText(r.text);
  };
  // Our own element ids and boxes are numbers the recorder wrote, not page text: the pattern passes over them.
  // A closing tag, half of all, has no attribute: not handed to the pattern at all.
  const tag = (raw: string): string => raw[1] === '/' ? raw : raw.replace(ATTR, (m, name: string, value: string) => {
    const v = unescapeXml(value);
    const r = URL_ATTRS.has(name) || /^(https?|wss?):\/\//.test(v) ? scrubber.redactUrl(v) : scrubber.redact(v);
    if (r.spans.length === 0) return m;
    count(r.spans);
    return ` ${name}="${escapeXmlAttr(r.text)}"`;
  });
  let out = '';
  let textFrom = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(xml); m; m = TAG.exec(xml)) {
    out += text(xml.slice(textFrom, m.index)) + tag(m[0]);
    textFrom = TAG.lastIndex;
  }
  return out + text(xml.slice(textFrom));
}
