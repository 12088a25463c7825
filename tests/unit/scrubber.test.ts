// The scrubber as a whole: validators, replacement, URLs, NER. Each recogniser's table of secrets that must be
// found and look-alikes that must stay is beside it, in tests/unit/recognizers/.
import { describe, expect, it } from 'vitest';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { CompromiseRecognizer } from '../../src/core/scrub/entities';
import { defaultConfig } from '../../src/core/scrub/default-config';
import { luhnValid, ibanValid } from '../../src/core/scrub/validators';

const config = defaultConfig();
const scrubber = createScrubber({ ...config, ner: { ...config.ner, enabled: false } }, null);

describe('validators', () => {
  it('Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    // ISBN-13 978-4-301-83624-3 passes the Luhn sum but is a book, not a card.
    expect(luhnValid('9784301836243')).toBe(false);
    expect(luhnValid('4222222222222')).toBe(true);
  });
  it('IBAN mod 97', () => {
    expect(ibanValid('FR14 2004 1010 0505 0001 3M02 606')).toBe(true);
    expect(ibanValid('FR14 2004 1010 0505 0001 3M02 607')).toBe(false);
  });
});

describe('replacement', () => {
  it('replaces only the secret, keeps the rest readable', () => {
    expect(scrubber.redact('Write to jane@example.com or call 415-555-2671 today').text)
      .toBe('Write to <REDACTED> or call <REDACTED> today');
  });
  it('uses typed tags when configured', () => {
    const typed = createScrubber({ ...config, replacement: { style: 'typed', generic: '<REDACTED>' }, ner: { ...config.ner, enabled: false } }, null);
    expect(typed.redact('jane@example.com, 4111 1111 1111 1111').text).toBe('<EMAIL>, <CARD>');
  });
  it('honours rules switched off and custom rules', () => {
    const custom = createScrubber({
      ...config, rules: { email: false }, ner: { ...config.ner, enabled: false },
      custom_rules: [{ name: 'employee_id', pattern: 'EMP-\\d{6}', flags: '', tag: 'EMPLOYEE_ID' }],
    }, null);
    expect(custom.redact('jane@example.com EMP-123456').text).toBe('jane@example.com <REDACTED>');
  });
});

describe('URLs', () => {
  it.each([
    ['https://user:pa55@example.com/x', 'https://<REDACTED>@example.com/x'],
    ['https://api.example.com/v1?token=abc123&page=2', 'https://api.example.com/v1?token=<REDACTED>&page=2'],
    ['https://example.com/users/jane%40example.com/profile', 'https://example.com/users/<REDACTED>/profile'],
    ['https://s3.amazonaws.com/b/k?X-Amz-Signature=deadbeef&X-Amz-Credential=AKIA', 'https://s3.amazonaws.com/b/k?X-Amz-Signature=<REDACTED>&X-Amz-Credential=<REDACTED>'],
    ['http://127.0.0.1:8080/demo/index.html?q=usb', 'http://127.0.0.1:8080/demo/index.html?q=usb'],
    // Every form a page writes: relative, protocol-relative, query-only, fragment-only, percent-encoded.
    ['/checkout.html?coupon=SAVE10&session_token=9f8e7d6c5b4a', '/checkout.html?coupon=SAVE10&session_token=<REDACTED>'],
    ['checkout.html?sessionid=abc&step=2', 'checkout.html?sessionid=<REDACTED>&step=2'],
    ['//cdn.example.com/file.js?sig=abcdef&v=3', '//cdn.example.com/file.js?sig=<REDACTED>&v=3'],
    ['?code=4/0AX4XfWh&state=xyz', '?code=<REDACTED>&state=<REDACTED>'],
    ['#access_token=ya29.a0Af&token_type=Bearer&expires_in=3599', '#access_token=<REDACTED>&token_type=Bearer&expires_in=3599'],
    ['https://app.example.com/cb#id_token=eyJx.eyJ.sig&state=af0ifjsldkj', 'https://app.example.com/cb#id_token=<REDACTED>&state=<REDACTED>'],
    ['/users/jane%40example.com/edit', '/users/<REDACTED>/edit'],
    ['/search?q=call%20me%20at%20jane.roe%40example-mail.com', '/search?q=call me at <REDACTED>'],
    ['https://u:p@example.com:8443/a?X-Amz-Credential=AKIA%2F2026&X-Amz-Date=20261126', 'https://<REDACTED>@example.com:8443/a?X-Amz-Credential=<REDACTED>&X-Amz-Date=20261126'],
    ['#section-2', '#section-2'],
    ['../img/logo.png', '../img/logo.png'],
    ['mailto:jane.roe@example-mail.com', 'mailto:<REDACTED>'],
  ])('%s', (url, expected) => expect(scrubber.redactUrl(url).text).toBe(expected));
});

describe('NER (compromise)', () => {
  const withNer = createScrubber(config, new CompromiseRecognizer());
  it('redacts people, places and organisations in sentences', () => {
    const out = withNer.redact('Contact Jane Doe at the Berlin office of Acme Corporation.').text;
    expect(out).not.toMatch(/Jane|Doe|Berlin|Acme/);
  });
  it.each(['assigned to maria gonzalez', 'reviewed by james', 'hi olga, see you'])('finds a lowercase name in "%s"', (text) => {
    expect(withNer.redact(text).text).toContain('<REDACTED>');
  });
  it.each(['grace period ends today', 'amber alert', 'adam optimizer settings', 'the john deere tractor', 'mark all as done', 'june sale'])(
    'leaves lowercase words that are also names alone: "%s"', (text) => expect(withNer.redact(text).text).toBe(text),
  );
  it('finds a name after an honorific', () => {
    expect(withNer.redact('Mr. Smith called about the order').text).not.toMatch(/Smith/);
  });
  it.each(['Add to cart', 'Go to checkout', 'Gift wrap', 'Place order', 'Search products', 'The quick brown fox jumps over the lazy dog'])(
    'leaves UI text "%s" alone', (text) => expect(withNer.redact(text).text).toBe(text),
  );
});
