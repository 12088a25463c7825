// The privacy filter: recognisers (built-in and custom, one loop) + NER over text, URLs with
// their credentials, and site rules. Pure: the same code runs in the page, the
// service worker, the CLI and the tests.
import type { Redactor, RedactionResult, RedactionSpan } from '../redactor';
import { hostMatches, type ScrubConfig } from './config';
import type { EntityRecognizer, EntityType } from './entities';
import { builtinRecognizers } from './recognizers/registry';
import { customRecognizers } from './recognizers/custom';
import type { Recognizer } from './recognizers/recognizer';
import { cssUnescape } from './css-escape';
import { decodeWithOffsets, urlPieces } from './url-parts';
import { encodedUrlPieces } from './recognizers/url-secret-finder';
import { plainForm } from './invisible';
import { knownSecretsRecognizer, type KnownSecrets } from './recognizers/known-secrets';

const NER_TAG: Record<EntityType, string> = { person: 'PERSON', place: 'PLACE', organization: 'ORG' };

export interface Scrubber extends Redactor {
  readonly config: ScrubConfig;
  /** Spans (in `text`) that a rule matches, without replacing: for OCR words and tests. */
  find(text: string): RedactionSpan[];
  neverRecord(url: string): boolean;
  noScreenshots(url: string): boolean;
  replacementFor(rule: string): string;
}

/**
 * `secrets`: values known to be secret wherever they appear (the page side's passwords typed); they change as
 * the person types, and so does `version()`, which says that text scrubbed before may now read otherwise.
 */
export function createScrubber(config: ScrubConfig, ner: EntityRecognizer | null, secrets?: KnownSecrets): Scrubber {
  // Patterns and code finders alike, the patterns first (recognizers/registry.ts), then the config's custom rules.
  const recognizers: readonly Recognizer<string>[] = [
    ...builtinRecognizers((name) => config.rules[name] !== false), ...customRecognizers(config.custom_rules),
    ...(secrets ? [knownSecretsRecognizer(secrets)] : []),
  ];
  const tags = new Map<string, string>([...recognizers.map((r) => [r.name, r.tag] as const),
    ...Object.entries(NER_TAG).map(([k, v]) => [k, v] as const), ['credential', 'CREDENTIAL'], ['mask', 'MASKED'], ['url_credentials', 'SECRET']]);
  const replacementFor = (rule: string): string =>
    config.replacement.style === 'typed' ? `<${tags.get(rule) ?? 'REDACTED'}>` : config.replacement.generic;

  /** Every span any rule finds in `text`, unsorted and overlapping. */
  const collect = (text: string): RedactionSpan[] => {
    const found: RedactionSpan[] = [];
    const facts = { hasDigit: /\d/.test(text) };
    // An index loop, not for-of: most finds return the shared empty list, and an iterator per recogniser per string
    // made the whole scrub 27% slower (CPU time on the bench page, against the loops before the registry).
    for (const r of recognizers) {
      const spans = r.find(text, facts);
      for (let i = 0; i < spans.length; i++) found.push({ start: spans[i]!.start, end: spans[i]!.end, rule: r.name });
    }
    if (ner && config.ner.enabled) {
      for (const e of ner.find(text, config.ner.entities)) found.push({ start: e.start, end: e.end, rule: e.type });
    }
    return found;
  };

  const find = (text: string): RedactionSpan[] => {
    if (!text || text.length < 2) return [];
    const found = collect(text);
    // A selector's escaped id (#\34 111…) is read unescaped too; what is found there covers its escaped form.
    const css = cssUnescape(text);
    if (css) for (const s of collect(css.text)) found.push({ start: css.at[s.start]!, end: css.at[s.end]!, rule: s.rule });
    // Spaces that are no plain space, invisible characters and fullwidth forms: read once more without them.
    const plain = plainForm(text);
    if (plain) for (const s of collect(plain.text)) found.push({ start: plain.at[s.start]!, end: plain.at[s.end]!, rule: s.rule });
    // A link's parts written encoded are read decoded too (as a URL field's are); found there covers the encoded form.
    for (const piece of encodedUrlPieces(text)) {
      const decoded = decodeWithOffsets(text.slice(piece.start, piece.end));
      for (const s of collect(decoded.text)) found.push({ start: piece.start + decoded.at[s.start]!, end: piece.start + decoded.at[s.end]!, rule: s.rule });
    }
    // Longest first at each position; drop spans overlapping a kept one.
    found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
    const kept: RedactionSpan[] = [];
    let reach = -1;
    for (const s of found) {
      if (s.start >= reach) {
        kept.push(s);
        reach = s.end;
      } else if (s.end > reach && kept.length > 0) {
        // Partial overlap: extend the kept span so no part of either secret survives.
        const last = kept[kept.length - 1]!;
        last.end = s.end;
        reach = s.end;
      }
    }
    return kept;
  };

  const apply = (text: string, spans: RedactionSpan[]): string => {
    if (spans.length === 0) return text;
    let out = '';
    let at = 0;
    for (const s of spans) {
      out += text.slice(at, s.start) + replacementFor(s.rule);
      at = s.end;
    }
    return out + text.slice(at);
  };

  // Pages repeat short strings ("Add to cart", "$9.99", "Reply") in every row: their result is remembered.
  const memo = new Map<string, RedactionResult>();
  const MEMO_MAX_LENGTH = 80;
  let memoVersion = secrets?.version() ?? 0;
  const redactPlain = (text: string): RedactionResult => {
    // A secret noted since: a remembered "nothing found" may now be wrong.
    if (secrets && secrets.version() !== memoVersion) {
      memo.clear();
      memoVersion = secrets.version();
    }
    const short = text.length <= MEMO_MAX_LENGTH;
    const hit = short ? memo.get(text) : undefined;
    if (hit) return hit.spans.length === 0 ? hit : { text: hit.text, spans: hit.spans.map((s) => ({ ...s })) };
    const spans = find(text);
    const result = { text: apply(text, spans), spans };
    if (short) {
      if (memo.size >= 16384) memo.clear();
      // Nothing found (most strings): the result itself is shared, as a hit with no spans is above.
      memo.set(text, spans.length === 0 ? result : { text: result.text, spans: spans.map((s) => ({ ...s })) });
    }
    return result;
  };

  /** With a label, the text is scrubbed after "label: " and the spans are moved back; the label itself is never output. */
  const redact = (text: string, label?: string): RedactionResult => {
    const cue = label?.replace(/\s+/g, ' ').trim().slice(0, 60);
    if (!cue) return redactPlain(text);
    const prefix = `${cue.replace(/[:：]\s*$/, '')}: `;
    const spans = find(prefix + text)
      .filter((s) => s.end > prefix.length)
      .map((s) => ({ start: Math.max(0, s.start - prefix.length), end: s.end - prefix.length, rule: s.rule }));
    return { text: apply(text, spans), spans };
  };

  /**
   * A URL part that is no secret by its name, decoded and read by the rules; as it was when none matches. What
   * matched is noted in `spans` (rule names only). Made once, not per URL: pages hold thousands of links.
   */
  const safeDecode = (raw: string): string => {
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  };
  const urlPart = (raw: string, spans: RedactionSpan[]): string => {
    let decoded = raw;
    if (raw.includes('%') || raw.includes('+')) {
      try {
        decoded = decodeURIComponent(raw.replace(/\+/g, ' '));
      } catch {
        // keep raw
      }
    }
    let r = redact(decoded);
    // "+" is a space only in a query written as a form's; in a path, and in most other places, it is itself.
    if (r.spans.length === 0 && raw.includes('+')) r = redact(safeDecode(raw));
    if (r.spans.length === 0) return raw;
    for (const s of r.spans) spans.push({ start: 0, end: 0, rule: s.rule });
    return r.text;
  };

  /**
   * A URL in any form: absolute, relative (`/checkout?coupon=…&session_token=…`),
   * protocol-relative (`//cdn…`), query-only (`?code=…`) or fragment-only
   * (`#access_token=…`), read whole (url-parts.ts): its shape stays (scheme,
   * host, path, parameter names); user info and the values of secret-named
   * parameters wherever they sit (query, hash route, matrix parameters, a URL
   * nested in a parameter) are replaced, and so is any other part a rule matches.
   */
  const redactUrl = (url: string): RedactionResult => {
    if (/^(?:javascript|data|blob|about|mailto|tel):/i.test(url.trim())) return redact(url);
    const spans: RedactionSpan[] = [];
    let out = '';
    let at = 0;
    for (const p of urlPieces(url)) {
      out += url.slice(at, p.start);
      if (p.secret) {
        spans.push({ start: 0, end: 0, rule: 'url_credentials' });
        out += replacementFor('url_credentials');
      } else {
        out += urlPart(url.slice(p.start, p.end), spans);
      }
      at = p.end;
    }
    if (spans.length === 0) return { text: url, spans };
    return { text: out + url.slice(at), spans };
  };

  return {
    config,
    find,
    redact,
    redactUrl,
    replacementFor,
    ...(secrets ? { secrets } : {}),
    neverRecord: (url) => hostMatches(url, config.sites.never_record),
    noScreenshots: (url) => hostMatches(url, config.sites.no_screenshots),
  };
}
