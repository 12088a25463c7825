// Hostile review of issue 23: secrets split by characters that do not show (or show as plain spaces).
import { describe, expect, it } from 'vitest';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultConfig } from '../../src/core/scrub/default-config';
import { plainForm } from '../../src/core/scrub/invisible';

const scrubber = createScrubber(defaultConfig(), null);

describe('secrets split by invisible or space-like characters', () => {
  it.each([
    ['no-break spaces (&nbsp;) between card groups', '4111\u00a01111\u00a01111\u00a01111'],
    ['thin spaces', '4111\u20091111\u20091111\u20091111'],
    ['figure spaces', '4111\u20071111\u20071111\u20071111'],
    ['narrow no-break spaces', '4111\u202f1111\u202f1111\u202f1111'],
    ['zero-width spaces', '4111\u200b1111\u200b1111\u200b1111'],
    ['soft hyphens', '4111\u00ad1111\u00ad1111\u00ad1111'],
    ['word joiners', '4111\u20601111\u20601111\u20601111'],
    ['fullwidth digits', '４１１１ １１１１ １１１１ １１１１'],
    ['an IBAN with a zero-width space', 'DE89\u200b3704 0044 0532 0130 00'],
    ['an e-mail with a zero-width space', 'ana.lima\u200b@example.com'],
  ])('%s: redacted whole', (_, secret) => {
    expect(scrubber.redact(`pay ${secret} now`).text).toBe('pay <REDACTED> now');
  });

  it('text with no-break spaces and no secret is left as it was', () => {
    const text = 'Prix\u00a0: 12\u00a0€ le 3\u00a0mai';
    expect(scrubber.redact(text).text).toBe(text);
  });

  it('maps each plain character back to where it was written', () => {
    const p = plainForm('a\u200bb\u00a0c')!;
    expect(p.text).toBe('ab c');
    expect(p.at).toEqual([0, 2, 3, 4, 5]);
    expect(plainForm('plain text')).toBeNull();
  });
});
