// dom_tree scrubbed again, text and attribute values one by one, so markup is
// never touched: for a (new) config applied to recorded steps (core/rescrub)
// and at the worker's boundary (scrub/step-fields).
import type { Scrubber } from './scrubber';
import { escapeXmlAttr, escapeXmlText } from '../xml-escape';

function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

// Attributes whose value is a URL, relative ones too (href="/invite/accept?sig=…"): read as URLs, whole.
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'poster', 'cite', 'background', 'ping']);

export function rescrubDomTree(xml: string, scrubber: Scrubber, counts: Record<string, number>): string {
  const count = (rules: { rule: string }[]): void => rules.forEach((s) => { counts[s.rule] = (counts[s.rule] ?? 0) + 1; });
  return xml
    // Our own element ids and boxes are numbers the recorder wrote, not page text: the pattern passes over them.
    .replace(/ (?!(?:id|bbox)=)([\w:.-]+)="([^"]*)"/g, (m, name: string, value: string) => {
      const raw = unescapeXml(value);
      const r = URL_ATTRS.has(name) || /^(https?|wss?):\/\//.test(raw) ? scrubber.redactUrl(raw) : scrubber.redact(raw);
      if (r.spans.length === 0) return m;
      count(r.spans);
      return ` ${name}="${escapeXmlAttr(r.text)}"`;
    })
    .replace(/>([^<]+)</g, (m, text: string) => {
      const r = scrubber.redact(unescapeXml(text));
      if (r.spans.length === 0) return m;
      count(r.spans);
      return `>${escapeXmlText(r.text)}<`;
    });
}
