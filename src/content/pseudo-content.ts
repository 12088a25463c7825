// Text painted by CSS (`::before`/`::after` with `content: "…"` or
// `content: attr(x)`) is in no DOM text node, so the snapshot never scrubbed
// it and the screenshot showed it. Computed style for every element would cost
// a style read per element on the click's path; instead the page's style sheets
// say which selectors can generate text, an element is checked against them
// only when it is (re)built, and the computed `content` of a matching element
// is read only when it is near the viewport, once until it is rebuilt.
import { attributesOf, attrOf, isValidSelector, matchesOf, styleSheetsOf, tagOf, windowOfNode } from './dom-safe';

const PSEUDO = /::?(?:before|after)\b/i;
const PSEUDO_ALL = /::?(?:before|after)\b/gi;
/** `content` values that paint no text. */
const NO_TEXT = new Set(['', 'none', 'normal', '""', "''"]);

/** Selector parts, bucketed by what their last compound needs: a class, an id, a tag, an attribute, or nothing. */
interface Buckets {
  cls: Map<string, string[]>;
  id: Map<string, string[]>;
  tag: Map<string, string[]>;
  attr: Map<string, string[]>;
  any: string[];
}

const emptyBuckets = (): Buckets => ({ cls: new Map(), id: new Map(), tag: new Map(), attr: new Map(), any: [] });

/** Split a selector list at top-level commas (not those inside :is(…) or [a="x,y"]). */
function splitSelectors(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(list.slice(start).trim());
  return out;
}

/** The bucket an element selector falls in: keyed by its last compound's first class, id, attribute or tag. */
function addToBuckets(b: Buckets, sel: string): void {
  const last = sel.split(/\s*[\s>+~]\s*/).pop() ?? '';
  const cls = /\.(-?[_a-zA-Z][\w-]*)/.exec(last);
  const id = /#(-?[_a-zA-Z][\w-]*)/.exec(last);
  const attr = /\[\s*([\w-]+)/.exec(last);
  const tag = /^([a-zA-Z][\w-]*)/.exec(last);
  const [map, key] = cls ? [b.cls, cls[1]!] : id ? [b.id, id[1]!] : attr ? [b.attr, attr[1]!.toLowerCase()] : tag ? [b.tag, tag[1]!.toLowerCase()] : [null, ''];
  if (!map) {
    b.any.push(sel);
    return;
  }
  // In place: a copy per selector made a page's 40,000 rules of one class 20 s of the page's thread per re-read.
  const list = map.get(key);
  if (list) list.push(sel);
  else map.set(key, [sel]);
}

/** Rules of a sheet, flattened through @media, @supports and @layer; a sheet of another origin cannot be read. */
function* styleRules(rules: CSSRuleList): Generator<CSSStyleRule> {
  for (const rule of Array.from(rules)) {
    const nested = (rule as CSSGroupingRule).cssRules;
    if ('selectorText' in rule) yield rule as CSSStyleRule;
    else if (nested) yield* styleRules(nested);
  }
}

function generatesText(rule: CSSStyleRule): boolean {
  if (!PSEUDO.test(rule.selectorText)) return false;
  const content = (rule.style.getPropertyValue('content') || /\bcontent\s*:\s*([^;}]*)/i.exec(rule.cssText)?.[1] || '').trim();
  return !NO_TEXT.has(content);
}

export class PseudoContentRules {
  private signature = '';
  private parts = new Set<string>();
  private buckets = emptyBuckets();

  /**
   * Re-read the page's sheets if their number or sizes changed. Returns the
   * element selectors that are new since the last read (the caller looks for
   * already-built elements matching them), or null when nothing changed.
   */
  refresh(doc: Document): string[] | null {
    const sheets = styleSheetsOf(doc);
    const signature = sheets.map((s) => {
      try {
        return s.cssRules.length;
      } catch {
        return 'x';
      }
    }).join(',');
    if (signature === this.signature) return null;
    this.signature = signature;
    const parts = new Set<string>();
    for (const sheet of sheets) {
      let rules: CSSRuleList;
      try {
        rules = sheet.cssRules;
      } catch {
        continue; // another origin's sheet: its rules are not readable from the page
      }
      for (const rule of styleRules(rules)) {
        if (!generatesText(rule)) continue;
        for (const sel of splitSelectors(rule.selectorText)) {
          if (PSEUDO.test(sel)) parts.add(sel.replace(PSEUDO_ALL, '').trim() || '*');
        }
      }
    }
    const added = [...parts].filter((p) => !this.parts.has(p) && isValidSelector(doc, p));
    this.parts = parts;
    this.buckets = emptyBuckets();
    for (const p of parts) if (isValidSelector(doc, p)) addToBuckets(this.buckets, p);
    return added;
  }

  /** Can a rule give `el` generated text? Checks only the selectors whose key the element has. */
  matches(el: Element): boolean {
    const b = this.buckets;
    if (b.any.length && matchesAny(el, b.any)) return true;
    if (b.tag.size && matchesAny(el, b.tag.get(tagOf(el)))) return true;
    const id = b.id.size ? attrOf(el, 'id') : null;
    if (id && matchesAny(el, b.id.get(id))) return true;
    const cls = b.cls.size ? attrOf(el, 'class') : null;
    if (cls) for (const c of cls.split(/\s+/)) if (c && matchesAny(el, b.cls.get(c))) return true;
    // By the element's own attributes: a walk over every attribute name the sheets key on was as long as the
    // page made it, for every element built.
    if (b.attr.size) for (const a of Array.from(attributesOf(el))) if (matchesAny(el, b.attr.get(a.name.toLowerCase()))) return true;
    return false;
  }

  get empty(): boolean {
    return this.parts.size === 0;
  }
}


/**
 * More selectors than this under one key (or none): each element built would be matched against every one, a
 * page's thousands of them costing minutes of its thread for one snapshot. Such an element is taken to match:
 * its computed ::before/::after is read once it is near the viewport, as for a `*::before` rule.
 */
const MAX_PER_KEY = 256;

function matchesAny(el: Element, sels: string[] | undefined): boolean {
  if (!sels) return false;
  if (sels.length > MAX_PER_KEY) return true;
  for (const s of sels) {
    try {
      if (matchesOf(el, s)) return true;
    } catch {
      // a selector this engine does not take: no match
    }
  }
  return false;
}

/** Undo CSS string escapes: `\"`, `\\`, `\41 `. */
function unescapeCss(s: string): string {
  return s.replace(/\\([0-9a-fA-F]{1,6})\s?|\\(.)/g, (_, hex: string | undefined, ch: string | undefined) =>
    hex ? String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff)) : ch ?? '');
}

const CONTENT_TOKEN = /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|attr\(\s*([\w-]+)[^)]*\)/g;

/** The text a computed `content` value paints: its strings and the attributes it names (counters and quotes aside). */
export function contentText(content: string, el: Element): string {
  let out = '';
  for (const m of content.matchAll(CONTENT_TOKEN)) {
    if (m[3]) out += attrOf(el, m[3]) ?? '';
    else out += unescapeCss(m[1] ?? m[2] ?? '');
  }
  return out;
}

/** The text painted by `el`'s ::before and ::after, read from computed style (a style read: call sparingly). */
export function pseudoText(el: Element): string {
  const win = windowOfNode(el);
  if (!win) return '';
  try {
    return `${contentText(win.getComputedStyle(el, '::before').content, el)} ${contentText(win.getComputedStyle(el, '::after').content, el)}`.trim();
  } catch {
    return '';
  }
}
