// One table per recogniser: secrets that must be found, look-alikes that must stay.
import { describe, expect, it } from 'vitest';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { CompromiseRecognizer } from '../../src/core/scrub/entities';
import { defaultConfig } from '../../src/core/scrub/default-config';
import { luhnValid, ibanValid } from '../../src/core/scrub/validators';
import { BUILTIN_RECOGNIZERS } from '../../src/core/scrub/recognizers';

const config = defaultConfig();
const scrubber = createScrubber({ ...config, ner: { ...config.ner, enabled: false } }, null);
const rulesIn = (text: string): string[] => scrubber.find(text).map((s) => s.rule);

const TABLE: [rule: string, positives: string[], negatives: string[]][] = [
  ['email', ['mail jane.doe+shop@example.co.uk now', 'x@y.io', '/reset?email=jane%40example.com'], ['@mention', 'user@localhost', 'price 3@5']],
  ['phone', ['call +1 415 555 2671', '+44 20 7946 0958', '(415) 555-2671', '415-555-2671', '030 1234 5678', '+49 (30) 901820', 'Phone: 2125550123', 'mobile no. 07700900123'],
    ['order 12345678', 'Order 2125550123', 'SKU 2024-11-25', 'v1.2.3', 'total 1,234.56', 'room 404']],
  ['ssn', ['SSN 123-45-6789', 'ssn: 123 45 6789', 'SSN: 123456789', 'Social security number 078051120'], ['id 123456789', '000-12-3456', '666-12-3456', '123-00-4567', 'ISBN 978-3-16']],
  ['credit_card', ['4111 1111 1111 1111', '5500-0000-0000-0004', '378282246310005', '4111.1111.1111.1111'], ['ISBN 978-4-301-83624-3', 'order 4111 1111 1111 1112', '1234567812345678', 'tracking 1Z999AA10123456784']],
  ['iban', ['DE89 3704 0044 0532 0130 00', 'GB82WEST12345698765432', 'iban gb82 west 1234 5698 7654 32'], ['de89 3704 0044 0532 0130 01', 'DE89 3704 0044 0532 0130 01', 'AB12 CDEF GHIJ KLMN']],
  ['ipv4', ['server 192.168.1.20 down', '8.8.8.8'], ['127.0.0.1', 'version 1.2.3', '999.1.1.1', '1.2.3.4.5']],
  ['ipv6', ['2001:db8:85a3::8a2e:370:7334', 'fe80::1ff:fe23:4567:890a'], ['12:30:45', '::1', 'a::b::c']],
  ['aws_access_key', ['AKIAIOSFODNN7EXAMPLE'], ['AKIA-not-a-key', 'AKIAshort']],
  ['aws_secret_key', ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'], ['aws docs secret page']],
  ['github_token', ['ghp_0123456789abcdefghijklmnopqrstuvwxyzAB', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnop'], ['ghp_short']],
  ['slack_token', ['xoxb-123456789012-abcdefghij', 'https://hooks.slack.com/services/T000/B000/XXXX'], ['xox-nothing']],
  ['stripe_key', ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'pk_test_TYooMQauvdEDq54NiTphI7jx'], ['sk_live_']],
  ['google_api_key', ['AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY'], ['AIza short']],
  ['jwt', ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'], ['eyJ.only']],
  ['bearer_token', ['Authorization: Bearer abcdef0123456789abcdef'], ['Bearer short', 'the bearer of news']],
  ['secret_assignment', ['api_key=zaCELgL0imfnc8mVLWwsAawjYr4Rx', 'password: hunter2hunter2', 'my password is hunter2', 'AccountKey=abcd1234abcd1234abcd=='],
    ['password reset link', 'token economy', 'password is required', 'the password was changed']],
  ['private_key', ['-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq\n-----END RSA PRIVATE KEY-----', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA'],
    ['-----BEGIN PUBLIC KEY-----', 'private key rotation policy']],
  ['vendor_token', ['sk-proj-4fGh7Jk9LmNoPqRsTuVwXyZ0123456789abcdef', 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-abc',
    'npm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789', 'glpat-AbCdEfGhIjKlMnOpQrSt', 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567',
    'SG.abcdefghijklmnopqrstuv.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq', 'SK0123456789abcdef0123456789abcdef'],
    ['sk-fading-circle-animation-container', 'npm_modules', 'hf_small', 'SK-II skincare']],
  ['url_userinfo', ['postgres://admin:S3cretPass@db.internal:5432/prod', 'git clone https://bob:tok3n@git.example.org/x.git'],
    ['https://example.com/a:b', 'mailto:ann', 'ftp://files.example.com/pub']],
  ['labelled_id', ['CVV: 123', 'PIN 4821', 'Date of birth: 04/12/1987', 'DOB 1987-12-04', 'Passport No: X12345678',
    "Driver's license D1234567", 'Account number 12345678', 'sort code 12-34-56', 'Routing number: 021000021'],
    ['PIN code sent to your phone', 'passport photo', 'Account number required', 'security code expired', 'pin 2 items']],
  ['street_address', ['ship to 221 Baker Street, London', '1600 Pennsylvania Avenue', 'flat at 221B Baker Street'], ['Chapter 221 of the book', '3 Items']],
];

describe.each(TABLE)('%s', (rule, positives, negatives) => {
  it.each(positives)('finds %s', (text) => expect(rulesIn(text)).toContain(rule));
  it.each(negatives)('leaves %s', (text) => expect(rulesIn(text)).not.toContain(rule));
});

// The shortest forms each rule takes, beside the table's positives: the gates below must never hide one.
const SHORTEST: [rule: string, text: string][] = [
  ['email', 'a@b.io'], ['ipv4', '8.8.8.8'], ['ipv6', 'a::'], ['labelled_id', 'pin123'], ['labelled_id', 'dob 1/2'], ['street_address', '1 Ab St'],
  ['credit_card', '4222222222222'], ['credit_card', 'cc501864667909'], ['ssn', '123-45-6789'], ['ssn', 'SSN123456789'], ['secret_assignment', 'pin is 1a2b'], ['secret_assignment', 'pwd=abcdefgh'],
  ['slack_token', 'xoxb-0123456789'], ['url_userinfo', 'ab://c:d@'],
];

describe('length and digit gates', () => {
  // Each pattern skips text shorter than its minLength, or without a digit when it needs one. Run the raw
  // patterns over every positive: each match must be at least that long and hold a digit where one is needed.
  const examples = [...TABLE.flatMap(([rule, positives]) => positives.map((text) => [rule, text] as const)), ...SHORTEST];
  it.each(BUILTIN_RECOGNIZERS.map((r, i) => [`${r.name}#${i}`, r] as const))('%s is a true lower bound', (_, r) => {
    const texts = examples.filter(([rule]) => rule === r.name).map(([, text]) => text);
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
  it.each(SHORTEST)('%s still finds its shortest form %s', (rule, text) => expect(rulesIn(text)).toContain(rule));
});

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
