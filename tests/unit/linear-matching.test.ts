// Matching must not hang on hostile text. These tests assert results, not
// times (timings go to the bench); the per-test timeout only turns a hang
// (quadratic or exponential matching on 1 MB) into a failure instead of a stall.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { parseScrubConfig, type ScrubConfig } from '../../src/core/scrub/config';
import { compileLinear } from '../../src/core/scrub/linear-regex';
import { CompromiseRecognizer } from '../../src/core/scrub/entities';

const text = readFileSync(join(import.meta.dirname, '../../config/scrubber.yaml'), 'utf8');
const parsed = parseScrubConfig(text);
if (!parsed.ok) throw new Error('default config invalid');
const config: ScrubConfig = parsed.config;
const MB = 1_000_000;
const hex = Array.from({ length: MB }, (_, i) => '0123456789abcdef'[(i * 7) % 16]).join('');

describe('linear-time custom rules', () => {
  it('runs a pattern that would backtrack exponentially, on 1 MB', () => {
    const s = createScrubber({ ...config, ner: { ...config.ner, enabled: false }, custom_rules: [{ name: 'nested', pattern: '(a+)+$', flags: '', tag: 'X' }] }, null);
    expect(s.redact(`${'a'.repeat(MB)}!`).spans.filter((x) => x.rule === 'nested')).toHaveLength(0);
    expect(s.redact('aaaa').text).toBe('<REDACTED>');
  }, 20_000);

  it.each([
    ['(?<=id:)\\d+', /lookaround and backreferences are not allowed/],
    ['(?=x)abc', /lookaround/],
    ['(a)\\1', /backreferences are not allowed/],
    ['(unclosed', /missing closing \)/],
    ['a*', /matches the empty string/],
  ])('the config refuses %s and says why', (pattern, message) => {
    const yaml = `${text}\ncustom_rules:\n  - name: bad\n    pattern: '${pattern}'\n`;
    const result = parseScrubConfig(yaml.replace(/^custom_rules: \[\]\n/m, ''));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.message).join('\n')).toMatch(message);
  });

  it('reports matches as UTF-16 offsets, flags included', () => {
    const p = compileLinear('émp-\\d{2}', 'i');
    expect([...p.matches('x ÉMP-12 y émp-34')]).toEqual([{ start: 2, end: 8 }, { start: 11, end: 17 }]);
  });
});

describe('built-in rules on hostile text', () => {
  const scrubber = createScrubber(config, new CompromiseRecognizer());
  it.each([
    ['1 MB of hex (a long #pako: state URL)', hex],
    ['1 MB of one letter and a bang', `${'a'.repeat(MB)}!`],
    ['1 MB of dotted letters', 'a.'.repeat(MB / 2)],
    ['1 MB of digits and dashes', '1-'.repeat(MB / 2)],
    ['1 MB of 2-digit groups and dashes', '12-'.repeat(MB / 3)],
    // Each window of a run of 4-digit groups asks about the whole run (a list of cards, or one long number): measured
    // again for each window, 200 KB of listed cards took 3.5 minutes.
    ['200 KB of cards listed with spaces', '4111 1111 1111 1111 '.repeat(10_000)],
    ['200 KB of cards listed with dashes', '4111-1111-1111-1111-'.repeat(10_000)],
    ['500 KB of one 4-digit group', '1111 '.repeat(100_000)],
  ])('%s finishes and still finds the secret after it', (_name, blob) => {
    const out = scrubber.redact(`${blob} write to jane.roe@example-mail.com`);
    expect(out.text.endsWith('write to <REDACTED>')).toBe(true);
  }, 30_000);

  it('scrubs a huge state URL and keeps its shape', () => {
    const url = `https://example.com/#pako:${hex.slice(0, 200_000)}`;
    expect(scrubber.redactUrl(url).text.startsWith('https://example.com/')).toBe(true);
  }, 30_000);
});
