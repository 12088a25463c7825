import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScrubConfig, hostMatches } from '../../src/core/scrub/config';
import { DEFAULT_CONFIG_TEXT } from '../../src/core/scrub/default-config';
import { BUILTIN_FINDERS, BUILTIN_PATTERNS as BUILTIN_RECOGNIZERS } from '../../src/core/scrub/recognizers/registry';
import { FINDER_NAMES as BUILTIN_FINDER_NAMES, PATTERN_NAMES } from '../../src/core/scrub/recognizers/names';

describe('scrubber config', () => {
  it('knows every built-in finder by the name it has', () => {
    expect([...BUILTIN_FINDER_NAMES]).toEqual(BUILTIN_FINDERS.map((f) => f.name));
  });
  it('knows every built-in pattern by its name, in the order they run', () => {
    expect([...new Set(BUILTIN_RECOGNIZERS.map((r) => r.name))]).toEqual([...PATTERN_NAMES]);
  });
  it.each(PATTERN_NAMES.map((name) => name.replace(/_/g, '-')))('has the pattern file %s.ts and its table beside it', (file) => {
    expect(existsSync(new URL(`../../src/core/scrub/recognizers/${file}.ts`, import.meta.url))).toBe(true);
    expect(existsSync(new URL(`./recognizers/${file}.test.ts`, import.meta.url))).toBe(true);
  });
  it('the shipped config/scrubber.yaml is valid and complete', () => {
    const r = parseScrubConfig(DEFAULT_CONFIG_TEXT);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.config.replacement.generic).toBe('<REDACTED>');
      expect(r.config.ner.entities).toEqual(['person', 'place', 'organization']);
    }
  });

  it.each([
    ['version: 1\nrules:\n  email: maybe\n', 3, /expected boolean/i],
    ['version: 1\ncustom_rules:\n  - name: bad\n    pattern: "([a-z"\n', 4, /invalid regular expression/],
    ['version: 1\nrules:\n  emial: true\n', 3, /unknown rule "emial"/],
    ['version: 1\nblur:\n  mode: swirl\n', 3, /gaussian|pixelate/],
    ['version: 1\nrecorder:\n  dom_max_chars: 5\n', 3, /10000|too small|>=/i],
  ])('rejects %j at line %i with a reason', (text, line, reason) => {
    const r = parseScrubConfig(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]!.line).toBe(line);
      expect(r.errors[0]!.message).toMatch(reason);
    }
  });

  it('reports YAML syntax errors with a line number', () => {
    const r = parseScrubConfig('version: 1\nrules:\n  email: true\n  phone: [true\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.line).toBeGreaterThanOrEqual(4);
  });

  it('refuses field names that compile alone but not as the one pattern the recorder runs', () => {
    // Two names defining the same group: each passed alone, and every frame then failed to start recording.
    const text = DEFAULT_CONFIG_TEXT.replace(/^( {2}names: \[)/m, "$1'(?P<k>token)', '(?P<k>apikey)', ");
    expect(text).toContain("(?P<k>apikey)");
    const parsed = parseScrubConfig(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]!.path).toBe('sensitive_fields.names');
    expect(parsed.errors[0]!.message).toMatch(/together/);
    expect(parsed.errors[0]!.line).toBeGreaterThan(0);
    // Either one alone is fine.
    expect(parseScrubConfig(text.replace("'(?P<k>apikey)', ", '')).ok).toBe(true);
  });

  it('matches domains and their subdomains', () => {
    expect(hostMatches('https://mail.bank.example/x', ['bank.example'])).toBe(true);
    expect(hostMatches('https://notbank.example/x', ['bank.example'])).toBe(false);
  });
});
