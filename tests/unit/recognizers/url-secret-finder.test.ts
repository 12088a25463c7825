// url-secret-finder.ts (src/core/scrub/recognizers/), through the whole scrubber with NER on: moved from tests/unit/recognisers.test.ts.
import { describe, expect, it } from 'vitest';
import { urlSecretSpans } from '../../../src/core/scrub/recognizers/url-secret-finder';
import { scrubber, R } from './scrubbed';

describe('links in text keep their shape', () => {
  it('loses only the secret parameter values', () => {
    const text = 'Link: https://app.example.com/reset?lang=en&token=Zx81kLmQ0pWn7Yt2RvB4&utm_source=mail';
    const out = scrubber.redact(text).text;
    expect(out).toBe(`Link: https://app.example.com/reset?lang=en&token=${R}&utm_source=mail`);
  });
  it('finds user-info and X-Amz-Signature', () => {
    const url = 'https://bob:pa55@files.example.com/a.pdf?X-Amz-Signature=abc123def456&x=1';
    const spans = urlSecretSpans(url).map((s) => url.slice(s.start, s.end));
    expect(spans).toEqual(['bob:pa55', 'abc123def456']);
  });
});
