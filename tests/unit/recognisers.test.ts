// The recognisers added for text no one here wrote (issue 14): each test
// scrubs through createScrubber with the shipped config and the shipped
// entity recogniser, as the extension and the CLI do, and checks that the
// whole value is gone and that the words around it stay.
import { describe, expect, it } from 'vitest';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultEntityRecognizer } from '../../src/core/scrub/cued-entities';
import { defaultConfig } from '../../src/core/scrub/default-config';
import { findPhones } from '../../src/core/scrub/recognizers/phone-finder';
import { urlSecretSpans } from '../../src/core/scrub/recognizers/url-secret-finder';
import { shannonEntropy } from '../../src/core/scrub/recognizers/vendor-secret-finder';

const scrubber = createScrubber(defaultConfig(), defaultEntityRecognizer());
const R = '<REDACTED>';

/** `value` must vanish whole from `text`, and `kept` must survive. */
function expectGone(text: string, value: string, kept: string[] = []): void {
  const out = scrubber.redact(text).text;
  expect(out, `"${value}" survived in ${JSON.stringify(out)}`).not.toContain(value);
  for (const piece of value.split(/[\s,./-]+/).filter((p) => p.length >= 3)) expect(out, `part "${piece}" of "${value}" survived: ${out}`).not.toContain(piece);
  for (const k of kept) expect(out, `"${k}" was removed: ${out}`).toContain(k);
}
const unchanged = (text: string): void => expect(scrubber.redact(text).text).toBe(text);

describe('phones (libphonenumber-js)', () => {
  it.each([
    ['Téléphone : 01 42 68 53 00', '01 42 68 53 00', 'Téléphone'],
    ['Teléfono 912 345 678', '912 345 678', 'Teléfono'],
    ['電話 03-1234-5678', '03-1234-5678', '電話'],
    ['Telefon: +49 30 901820', '+49 30 901820', 'Telefon'],
    ['call me at (415) 555-2671 tonight', '(415) 555-2671', 'tonight'],
    ['Tel. 0612345678', '0612345678', 'Tel.'],
  ])('%s', (text, value, kept) => expectGone(text, value, [kept]));

  it.each(['Order 123-4567890-1234567 shipped', 'ISBN 978-1-922-58607-8', 'born 21/11/1985 in', 'Version 1.2.10', 'Coordinates 48.8566, 2.3522', 'Order #123456789012'])(
    'leaves "%s" alone', (text) => expect(findPhones(text)).toEqual([]));
});

describe('vendor tokens (gitleaks rules + own prefixes)', () => {
  it.each([
    ['Use this token to access the HTTP API: 7510083904:AAGN7o04kfWB9pxNja692BTt2NXBgevMarP', '7510083904:AAGN7o04kfWB9pxNja692BTt2NXBgevMarP'],
    ['STRIPE_WEBHOOK_SECRET=whsec_abcdefghijklmnopqrstuvwxyz012345', 'whsec_abcdefghijklmnopqrstuvwxyz012345'],
    ['DD_API_KEY=0123456789abcdef0123456789abcdef', '0123456789abcdef0123456789abcdef'],
    ['key: glpat-AbCdEfGhIjKlMnOpQrSt', 'glpat-AbCdEfGhIjKlMnOpQrSt'],
  ])('%s', (text, value) => expectGone(text, value));

  it('measures entropy as gitleaks does', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });
});

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

describe('birth dates after a cue, in any supported language (chrono-node)', () => {
  it.each([
    ['DOB 3 Feb 1987', '3 Feb 1987', 'DOB'],
    ['Date of birth: March 9, 1990', 'March 9, 1990', 'Date of birth'],
    ['born 21/11/1985 in Leeds', '21/11/1985', 'born'],
    ['Geburtsdatum: 3. Februar 1987', '3. Februar 1987', 'Geburtsdatum'],
    ['Date de naissance : 21 novembre 1985', '21 novembre 1985', 'Date de naissance'],
    ['Fecha de nacimiento: 4 de marzo de 1960', '4 de marzo de 1960', 'Fecha de nacimiento'],
    ['Data di nascita 12/03/1971', '12/03/1971', 'Data di nascita'],
    ['生年月日 1990年3月9日', '1990年3月9日', '生年月日'],
  ])('%s', (text, value, kept) => expectGone(text, value, [kept]));

  it('leaves other dates', () => {
    unchanged('Delivered on 2025-03-04');
    unchanged('Lieferung am 3. März 2026');
  });
});

describe('document numbers after their label', () => {
  it.each([
    ['Reisepass-Nr. C01X00T47', 'C01X00T47', 'Reisepass-Nr.'],
    ['Numéro de passeport : 12AB34567', '12AB34567', 'passeport'],
    ['Pasaporte: PAB123456', 'PAB123456', 'Pasaporte'],
    ['CPF: 123.456.789-09', '123.456.789-09', 'CPF'],
    ['Steuer-ID 12345678901', '12345678901', 'Steuer-ID'],
  ])('%s', (text, value, kept) => expectGone(text, value, [kept]));
  it('needs a value that looks like a number', () => unchanged('Upload a passport photo (max 5 MB)'));
});

describe('usernames and handles', () => {
  it.each([
    ['Follow @jane_doe for updates', '@jane_doe'],
    ['posted by u/throwaway_42 · 3h', 'u/throwaway_42'],
    ['$ ssh deploy@10.20.30.40', 'deploy'],
    ["login failed for user 'svc_backup' (attempt 3)", 'svc_backup'],
    ['Benutzername: k.mueller', 'k.mueller'],
    ['Signed in as ana.lima', 'ana.lima'],
  ])('%s', (text, value) => expectGone(text, value));
  it('keeps e-mail a rule of its own and CSS at-rules alone', () => {
    expect(scrubber.find('write to jane@example.com').map((s) => s.rule)).toEqual(['email']);
    unchanged('@media print');
    unchanged('login failed, try again');
  });
  // A field's text is held while it is typed (background/held-edits), so a half-typed address is scrubbed too.
  it('takes an address whose last label is still being typed, and leaves package versions', () => {
    expectGone('usb cable for jane.doe@example.c', 'jane.doe@example.c', ['usb cable for']);
    unchanged('npm i preact@10.29.8');
  });
});

describe('postal addresses, whole', () => {
  it.each([
    ['Adresse: Hauptstraße 12, 10115 Berlin', 'Hauptstraße 12, 10115 Berlin', 'Adresse'],
    ['Livraison : 12 rue de la Paix, 75002 Paris', '12 rue de la Paix, 75002 Paris', 'Livraison'],
    ['Ship to: 350 Fifth Avenue, New York, NY 10118', '350 Fifth Avenue, New York, NY 10118', 'Ship to'],
    ['Dirección: Calle Mayor 5, 28013 Madrid', 'Calle Mayor 5, 28013 Madrid', 'Dirección'],
    ['Anna Berg\nKerkstraat 12\n1017 GC Amsterdam', 'Kerkstraat 12\n1017 GC Amsterdam', ''],
    ['〒100-0001 東京都千代田区千代田1-1', '〒100-0001 東京都千代田区千代田1-1', ''],
  ])('%s', (text, value, kept) => expectGone(text, value, kept ? [kept] : []));
  it('a postcode alone is not an address', () => {
    unchanged('Total: 1234 EUR');
    unchanged('16 GB RAM, 1024 GB SSD');
  });
});

describe('names, whole, with titles kept and products left alone', () => {
  it.each([
    ['Reviewed by Dr. Jane van der Berg on Monday', 'Jane van der Berg', 'Dr.'],
    ['Bonjour Léa,', 'Léa', 'Bonjour'],
    ['Sehr geehrter Herr Oberhuber,', 'Oberhuber', 'Herr'],
    ['CUSTOMER: JOHN SMITH', 'JOHN SMITH', 'CUSTOMER'],
    ['assigned to maria gonzalez', 'maria gonzalez', 'assigned to'],
    ['Kunde: Jürgen Schäfer-Lindqvist', 'Jürgen Schäfer-Lindqvist', 'Kunde'],
    ['Travaille chez Dupont et Fils SARL', 'Dupont et Fils SARL', 'Travaille chez'],
  ])('%s', (text, value, kept) => expectGone(text, value, [kept]));

  it.each(['Granny Smith apples, 1 kg — $3.99', 'Tom Collins cocktail', 'Earl Grey tea, 100 g', 'Adidas Stan Smith (450 reviews)', 'Madison Avenue 3-seat sofa', 'Remember me on this device', 'Google Maps is not available in your region'])(
    'leaves "%s" alone', (text) => unchanged(text));

  it('reads a table copied as text by its header', () => {
    expectGone('Customer\tTotal\nOna Vilkaitė\t€12.00', 'Ona Vilkaitė', ['Customer', '€12.00']);
  });
});

describe('a label from the page structure', () => {
  it('makes a bare value in a Customer column a name, and leaves other columns', () => {
    expect(scrubber.redact('Ona Vilkaitė', 'Customer').text).toBe(R);
    expect(scrubber.redact('Blue', 'Colour').text).toBe('Blue');
    expect(scrubber.redact('0612345678', 'Phone').text).toBe(R);
  });
  it('never outputs the label, and spans index the value', () => {
    const r = scrubber.redact('Ana Lima', 'Name');
    expect(r.text).toBe(R);
    expect(r.spans[0]).toMatchObject({ start: 0, end: 8 });
  });
});

describe('labels that stand alone', () => {
  it('takes a street line after an address label, without a postcode', () => {
    expectGone('Lieferadresse: Am Markt 3a', 'Am Markt 3a', ['Lieferadresse']);
    unchanged('Address: see below');
  });
  it('takes a bank account number after its label', () => expectGone('Kontonummer: 1234567890', '1234567890', ['Kontonummer']));
});
