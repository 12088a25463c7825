// One table per recogniser (was tests/unit/scrubber.test.ts's TABLE, SHORTEST and its gate test): secrets that
// must be found, look-alikes that must stay, and the shortest forms each rule takes, which the length and digit
// gates must never hide. Scrubbed by the shipped config without NER, as before.
import { describe, expect, it } from 'vitest';
import { createScrubber } from '../../../src/core/scrub/scrubber';
import { defaultConfig } from '../../../src/core/scrub/default-config';
import { BUILTIN_PATTERNS } from '../../../src/core/scrub/recognizers/registry';
import type { RuleName } from '../../../src/core/scrub/recognizers/names';

const config = defaultConfig();
const scrubber = createScrubber({ ...config, ner: { ...config.ner, enabled: false } }, null);
const rulesIn = (text: string): string[] => scrubber.find(text).map((s) => s.rule);

export function recognizerTable(rule: RuleName, positives: string[], negatives: string[], shortest: string[] = []): void {
  describe(rule, () => {
    it.each(positives)('finds %s', (text) => expect(rulesIn(text)).toContain(rule));
    it.each(negatives)('leaves %s', (text) => expect(rulesIn(text)).not.toContain(rule));
  });

  const patterns = BUILTIN_PATTERNS.filter((p) => p.name === rule);
  if (patterns.length === 0 && shortest.length === 0) return;
  describe(`${rule}: length and digit gates`, () => {
    // Each pattern skips text shorter than its minLength, or without a digit when it needs one. Run the raw
    // patterns over every positive: each match must be at least that long and hold a digit where one is needed.
    const texts = [...positives, ...shortest];
    if (patterns.length > 0) {
      it.each(patterns.map((r, i) => [`${r.name}#${i}`, r] as const))('%s is a true lower bound', (_, r) => {
        let matched = 0;
        for (const text of texts) {
          for (const m of text.matchAll(new RegExp(r.pattern.source, r.pattern.flags.includes('g') ? r.pattern.flags : `${r.pattern.flags}g`))) {
            matched++;
            expect(m[0].length, `${JSON.stringify(m[0])} from ${JSON.stringify(text)}`).toBeGreaterThanOrEqual(r.minLength);
            if (r.needsDigit) expect(m[0]).toMatch(/\d/);
            if (r.needsChar) expect(r.needsChar.some((c) => m[0].includes(c)), `${JSON.stringify(m[0])} holds none of ${r.needsChar.join(' ')}`).toBe(true);
          }
        }
        expect(matched).toBeGreaterThan(0);
      });
    }
    if (shortest.length > 0) it.each(shortest)(`${rule} still finds its shortest form %s`, (text) => expect(rulesIn(text)).toContain(rule));
  });
}
