import { describe, expect, it } from 'vitest';
import { knownSecretsRecognizer } from '../../../src/core/scrub/recognizers/known-secrets';
import { createScrubber } from '../../../src/core/scrub/scrubber';
import { defaultConfig } from '../../../src/core/scrub/default-config';

/** A page's typed values as password-memory keeps them: a list and its version. */
function typed(...initial: string[]): { values: () => readonly string[]; version: () => number; type: (v: string) => void } {
  const values = [...initial];
  let version = 0;
  return { values: () => values, version: () => version, type: (v) => { values.push(v); version++; } };
}

describe('known secrets (passwords typed on the page)', () => {
  it('finds every occurrence of every value, wherever it stands in the text', () => {
    const r = knownSecretsRecognizer(typed('Kettle-47', 'Orbit9x'));
    const text = 'pw=Kettle-47;Kettle-47 Orbit9xOrbit9x';
    expect(r.find(text, { hasDigit: true }).map((s) => text.slice(s.start, s.end))).toEqual(['Kettle-47', 'Kettle-47', 'Orbit9x', 'Orbit9x']);
    expect(r.find('nothing here', { hasDigit: false })).toEqual([]);
  });

  it('is redacted by the scrubber, as a credential, in text and in URLs', () => {
    const s = createScrubber({ ...defaultConfig(), replacement: { style: 'typed', generic: '<REDACTED>' } }, null, typed('Kettle-47'));
    expect(s.redact('The door word is Kettle-47 today').text).toBe('The door word is <CREDENTIAL> today');
    expect(s.redactUrl('https://x.test/welcome?note=Kettle-47').text).not.toContain('Kettle-47');
  });

  it('a value typed after a text was scrubbed: the scrubber does not answer from what it remembered', () => {
    const secrets = typed();
    const s = createScrubber(defaultConfig(), null, secrets);
    // Short strings are remembered (a page repeats "Add to cart" in every row).
    expect(s.redact('Maple7Orbit').text).toBe('Maple7Orbit');
    secrets.type('Maple7Orbit');
    expect(s.redact('Maple7Orbit').text).toBe('<REDACTED>');
    expect(s.secrets?.version()).toBe(1);
  });

  it('a scrubber without known secrets redacts what it did before and holds no secrets', () => {
    const s = createScrubber(defaultConfig(), null);
    expect(s.redact('Maple7Orbit').text).toBe('Maple7Orbit');
    expect(s.secrets).toBeUndefined();
  });
});
