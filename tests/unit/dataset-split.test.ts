// Splits by task: deterministic, close to the asked ratios even for ids that
// differ in one digit, and refused with a plain message when malformed.
import { describe, expect, it } from 'vitest';
import { parseSplit, splitOf, DEFAULT_SPLIT } from '../../src/core/dataset/split';
import { siteMatches, siteOf, parseDomainList } from '../../src/core/dataset/site';

describe('splitOf', () => {
  it('is deterministic and follows the ratios on sequential ids', () => {
    const ids = Array.from({ length: 4000 }, (_v, i) => `00000001-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const counts = { train: 0, validation: 0, test: 0 };
    for (const id of ids) counts[splitOf(id, DEFAULT_SPLIT)]++;
    expect(counts.train / 4000).toBeGreaterThan(0.87);
    expect(counts.validation / 4000).toBeGreaterThan(0.035);
    expect(counts.test / 4000).toBeGreaterThan(0.035);
    expect(splitOf(ids[7]!, DEFAULT_SPLIT)).toBe(splitOf(ids[7]!, DEFAULT_SPLIT));
  });
  it('parses ratios and refuses bad ones', () => {
    expect(parseSplit('0.8, 0.1, 0.1')).toEqual({ train: 0.8, validation: 0.1, test: 0.1 });
    expect(() => parseSplit('0.8,0.1')).toThrow(/three numbers/);
    expect(() => parseSplit('0.8,0.3,0.1')).toThrow(/add up to 1/);
  });
});

describe('sites', () => {
  it('are registrable domains', () => {
    expect(siteOf('https://shop.example.co.uk/p/1')).toBe('example.co.uk');
    expect(siteOf('http://127.0.0.1:8080/')).toBe('127.0.0.1');
    expect(siteOf('not a url')).toBeNull();
    expect(siteMatches('example.co.uk', ['co.uk'])).toBe(true);
    expect(siteMatches('example.com', ['example.co.uk'])).toBe(false);
    expect(parseDomainList('# c\nExample.org \n\n')).toEqual(['example.org']);
  });
});
