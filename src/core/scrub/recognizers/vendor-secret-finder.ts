// Vendor tokens (cloud, CI, payment, chat, AI, monitoring: 221 formats) from
// gitleaks' maintained rule set, vendored by scripts/vendor-secret-rules.mjs.
// Patterns are RE2 and run on re2js (linear time, whatever the page holds).
// A rule runs only on text that holds one of its keywords, and its secret
// must reach the rule's entropy floor, as in gitleaks.
import vendored from '../vendor-secrets.json';
import { compileLinear, type LinearPattern } from '../linear-regex';
import { NO_SPANS, type Span, type SpanFinder } from '../finder';

interface VendorRule { id: string; regex: string; group: number | null; entropy: number | null; keywords: string[] }

const RULES = (vendored as { rules: VendorRule[] }).rules;
const compiled = new Map<string, LinearPattern>();
const byKeyword = new Map<string, VendorRule[]>();
for (const rule of RULES) for (const k of rule.keywords) byKeyword.set(k, [...(byKeyword.get(k) ?? []), rule]);
const KEYWORDS = new RegExp([...byKeyword.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');

/** Shannon entropy in bits per character, as gitleaks measures it. */
export function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

function patternOf(rule: VendorRule): LinearPattern {
  let p = compiled.get(rule.id);
  if (!p) {
    p = compileLinear(rule.regex, '');
    compiled.set(rule.id, p);
  }
  return p;
}

export function findVendorSecrets(text: string): readonly Span[] {
  if (text.length < 12) return NO_SPANS;
  const lower = text.toLowerCase();
  const due = new Set<VendorRule>();
  KEYWORDS.lastIndex = 0;
  for (let m = KEYWORDS.exec(lower); m; m = KEYWORDS.exec(lower)) for (const r of byKeyword.get(m[0]) ?? []) due.add(r);
  const spans: Span[] = [];
  for (const rule of due) {
    const pattern = patternOf(rule);
    // As in gitleaks: without a secretGroup, the first group is the secret (the rest is its label).
    const group = rule.group ?? (pattern.groupCount() > 0 ? 1 : 0);
    for (const s of pattern.matches(text, group)) {
      if (rule.entropy && shannonEntropy(text.slice(s.start, s.end)) < rule.entropy) continue;
      spans.push(s);
    }
  }
  return spans;
}

export const vendorSecretFinder: SpanFinder = { name: 'vendor_secrets', tag: 'API_KEY', find: findVendorSecrets };
