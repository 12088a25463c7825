// The recognisers added for text no one here wrote (issue 14): each test
// scrubs through createScrubber with the shipped config and the shipped
// entity recogniser, as the extension and the CLI do, and checks that the
// whole value is gone and that the words around it stay. Names and labels
// here; the code finders' tests are beside them in tests/unit/recognizers/.
import { describe, expect, it } from 'vitest';
import { scrubber, R, expectGone, unchanged, goneEach, aloneEach } from './recognizers/scrubbed';

describe('names, whole, with titles kept and products left alone', () => {
  goneEach([
    ['Reviewed by Dr. Jane van der Berg on Monday', 'Jane van der Berg', 'Dr.'],
    ['Bonjour Léa,', 'Léa', 'Bonjour'],
    ['Sehr geehrter Herr Oberhuber,', 'Oberhuber', 'Herr'],
    ['CUSTOMER: JOHN SMITH', 'JOHN SMITH', 'CUSTOMER'],
    ['assigned to maria gonzalez', 'maria gonzalez', 'assigned to'],
    ['Kunde: Jürgen Schäfer-Lindqvist', 'Jürgen Schäfer-Lindqvist', 'Kunde'],
    ['Travaille chez Dupont et Fils SARL', 'Dupont et Fils SARL', 'Travaille chez'],
  ]);

  aloneEach(['Granny Smith apples, 1 kg — $3.99', 'Tom Collins cocktail', 'Earl Grey tea, 100 g', 'Adidas Stan Smith (450 reviews)', 'Madison Avenue 3-seat sofa', 'Remember me on this device', 'Google Maps is not available in your region']);

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
