// The scrubber config: parsed from YAML, validated field by field. Errors
// carry the YAML line so the options page can point at it; the caller keeps
// the last good config when parsing fails.
import { z } from 'zod';
import { parseDocument, LineCounter, isMap, isSeq, type Node as YamlNode } from 'yaml';
import { RULE_NAMES } from './recognizers/names';
import { compileLinear } from './linear-regex';
import { DEFAULT_SENSITIVE_FIELDS, namesPattern } from '../sensitive-field';

export const ENTITY_TYPES = ['person', 'place', 'organization'] as const;

const CustomRule = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower_snake_case'),
  pattern: z.string().min(1),
  flags: z.string().regex(/^[imsu]*$/, 'allowed flags: i, m, s, u').default('i'),
  tag: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'use UPPER_CASE').default('SECRET'),
}).strict();

export const ScrubConfigSchema = z.object({
  version: z.literal(1),
  replacement: z.object({
    style: z.enum(['generic', 'typed']).default('generic'),
    generic: z.string().min(1).default('<REDACTED>'),
  }).strict().default({ style: 'generic', generic: '<REDACTED>' }),
  rules: z.record(z.string(), z.boolean()).default({}),
  custom_rules: z.array(CustomRule).default([]),
  ner: z.object({
    enabled: z.boolean().default(true),
    entities: z.array(z.enum(ENTITY_TYPES)).default([...ENTITY_TYPES]),
  }).strict().default({ enabled: true, entities: [...ENTITY_TYPES] }),
  sites: z.object({
    never_record: z.array(z.string()).default([]),
    no_screenshots: z.array(z.string()).default([]),
  }).strict().default({ never_record: [], no_screenshots: [] }),
  mask_selectors: z.array(z.string()).default([]),
  sensitive_fields: z.object({
    autocomplete: z.array(z.string()).default([...DEFAULT_SENSITIVE_FIELDS.autocomplete]),
    names: z.array(z.string()).default([...DEFAULT_SENSITIVE_FIELDS.names]),
  }).strict().default({ autocomplete: [...DEFAULT_SENSITIVE_FIELDS.autocomplete], names: [...DEFAULT_SENSITIVE_FIELDS.names] }),
  blur: z.object({
    mode: z.enum(['gaussian', 'pixelate']).default('gaussian'),
    strength: z.number().min(2).max(64).default(12),
    padding: z.number().min(0).max(32).default(3),
  }).strict().default({ mode: 'gaussian', strength: 12, padding: 3 }),
  ocr: z.object({
    enabled: z.boolean().default(true),
    language: z.enum(['eng']).default('eng'),
    // Screen text is small for tesseract: at 1x it misses much UI text (button labels, prices); at 2x it reads it.
    upscale: z.number().min(1).max(3).default(2),
    // detect: find every text line in the frame's pixels and read those the DOM does not explain, plus the media
    // areas; media: read only pixels the DOM cannot vouch for (images, canvas, video, foreign frames); full: the whole frame.
    scope: z.enum(['detect', 'media', 'full']).default('detect'),
    // Words read below this confidence (0-100) that hold digits or an @ are blurred: a misread number matches no rule.
    min_confidence: z.number().min(0).max(100).default(60),
  }).strict().default({ enabled: true, language: 'eng', upscale: 2, scope: 'detect', min_confidence: 60 }),
  recorder: z.object({
    dom_max_chars: z.number().int().min(10_000).max(20_000_000).default(1_000_000),
  }).strict().default({ dom_max_chars: 1_000_000 }),
}).strict();

export type ScrubConfig = z.infer<typeof ScrubConfigSchema>;

export interface ConfigError { line: number | null; path: string; message: string }

export type ParseResult = { ok: true; config: ScrubConfig } | { ok: false; errors: ConfigError[] };

const KNOWN_RULES: ReadonlySet<string> = new Set(RULE_NAMES);

function lineOf(doc: ReturnType<typeof parseDocument>, counter: LineCounter, path: (string | number)[]): number | null {
  let node: unknown = doc.contents;
  for (const key of path) {
    if (isMap(node)) node = node.get(key, true);
    else if (isSeq(node)) node = node.get(Number(key), true);
    else break;
  }
  const range = (node as YamlNode | undefined)?.range;
  return range ? counter.linePos(range[0]).line : null;
}

export function parseScrubConfig(text: string): ParseResult {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true });
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => ({ line: e.linePos?.[0]?.line ?? null, path: '', message: e.message.split('\n')[0]! })) };
  }
  const parsed = ScrubConfigSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({
        line: lineOf(doc, counter, i.path as (string | number)[]), path: i.path.join('.'), message: i.message,
      })),
    };
  }
  const errors: ConfigError[] = [];
  for (const name of Object.keys(parsed.data.rules)) {
    if (!KNOWN_RULES.has(name)) errors.push({ line: lineOf(doc, counter, ['rules', name]), path: `rules.${name}`, message: `unknown rule "${name}"; known: ${[...KNOWN_RULES].join(', ')}` });
  }
  parsed.data.custom_rules.forEach((rule, i) => {
    try {
      if (compileLinear(rule.pattern, rule.flags).matchesEmpty()) throw new Error('the pattern matches the empty string');
    } catch (error) {
      errors.push({ line: lineOf(doc, counter, ['custom_rules', i, 'pattern']), path: `custom_rules.${i}.pattern`, message: `invalid regular expression: ${(error as Error).message}` });
    }
  });
  parsed.data.sensitive_fields.names.forEach((pattern, i) => {
    try {
      if (compileLinear(pattern, 'i').matchesEmpty()) throw new Error('the pattern matches the empty string');
    } catch (error) {
      errors.push({ line: lineOf(doc, counter, ['sensitive_fields', 'names', i]), path: `sensitive_fields.names.${i}`, message: `invalid regular expression: ${(error as Error).message}` });
    }
  });
  // Each name compiles alone, and the recorder runs them as one pattern: that must compile too (two names naming
  // the same group do not, and no frame could start recording with them).
  if (!errors.some((e) => e.path.startsWith('sensitive_fields.names'))) {
    try {
      namesPattern(parsed.data.sensitive_fields.names);
    } catch (error) {
      errors.push({ line: lineOf(doc, counter, ['sensitive_fields', 'names']), path: 'sensitive_fields.names', message: `the names together are not one valid regular expression (each is tried as an alternative): ${(error as Error).message}` });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, config: parsed.data };
}

export function formatConfigErrors(errors: ConfigError[]): string {
  return errors.map((e) => `${e.line !== null ? `line ${e.line}: ` : ''}${e.path ? `${e.path}: ` : ''}${e.message}`).join('\n');
}

/** A short stable hash of the config text, recorded in each export's manifest. */
export function configHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0;
  for (let i = 0; i < text.length; i++) {
    h1 = Math.imul(h1 ^ text.charCodeAt(i), 0x01000193);
    h2 = Math.imul(h2 ^ text.charCodeAt(i), 0x5bd1e995) + i;
  }
  return ((h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0'));
}

/**
 * The addresses whose site a wrapping one shows: a blob: or filesystem: address's origin, view-source:'s page,
 * Firefox's reader view's `url` (each has no host of its own, so an excluded site's statement opened as a blob
 * would match no rule). Every `url` parameter of a reader view, in any case, as a hand-made one could carry a decoy
 * before the one Firefox reads.
 */
function shownAddresses(url: string, depth = 0): string[] {
  const u = url.trim();
  if (depth >= 16) return [u];
  const scheme = /^(blob|filesystem|view-source):/i.exec(u);
  if (scheme) return shownAddresses(u.slice(scheme[0].length), depth + 1);
  if (!/^about:reader\?/i.test(u)) return [u];
  const inner = [...new URLSearchParams(u.slice(u.indexOf('?') + 1))].filter(([name]) => name.toLowerCase() === 'url').map(([, v]) => v);
  return inner.length ? inner.flatMap((v) => shownAddresses(v, depth + 1)) : [u];
}

/** A host as the browser writes it (lower case, punycode), without the root's trailing dot (`bank.example.` is `bank.example`). */
const canonicalHost = (host: string): string => host.toLowerCase().replace(/\.+$/, '');

/**
 * A rule's domain, however it was written: `*.bank.example`, `.bank.example`, `https://*.bank.example/`,
 * `bank.example:8443`, `::1`, or in Unicode (`bücher.example`, which the browser's addresses give as punycode).
 * '' for one that names no host.
 */
function ruleDomain(rule: string): string {
  let d = rule.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^(\*?\.)+/, '');
  if (!d) return '';
  // An IPv6 literal written bare: the browser's hosts have it in brackets.
  if (/^[0-9a-f]*:[0-9a-f]*:[0-9a-f:.]*$/i.test(d)) d = `[${d}]`;
  try {
    return canonicalHost(new URL(`http://${d}`).hostname);
  } catch {
    return canonicalHost(d);
  }
}

/** Each rule list's domains, read once (hostMatches runs for every capture; the lists are the config's own arrays). */
const ruleDomains = new WeakMap<string[], string[]>();
function domainsOf(rules: string[]): string[] {
  let read = ruleDomains.get(rules);
  if (!read) ruleDomains.set(rules, (read = rules.map(ruleDomain).filter(Boolean)));
  return read;
}

/** Does `url`'s host (or the host of the page it wraps) match one of `domains` (a domain matches itself and its subdomains)? */
export function hostMatches(url: string, domains: string[]): boolean {
  const rules = domainsOf(domains);
  return shownAddresses(url).some((shown) => {
    let host: string;
    try {
      host = canonicalHost(new URL(shown).hostname);
    } catch {
      return false;
    }
    return rules.some((dom) => host === dom || host.endsWith(`.${dom}`));
  });
}
