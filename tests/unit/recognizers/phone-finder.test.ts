// phone-finder.ts (src/core/scrub/recognizers/), through the whole scrubber with NER on: moved from tests/unit/recognisers.test.ts.
import { describe, expect, it } from 'vitest';
import { findPhones } from '../../../src/core/scrub/recognizers/phone-finder';
import { goneEach } from './scrubbed';

describe('phones (libphonenumber-js)', () => {
  goneEach([
    ['Téléphone : 01 42 68 53 00', '01 42 68 53 00', 'Téléphone'],
    ['Teléfono 912 345 678', '912 345 678', 'Teléfono'],
    ['電話 03-1234-5678', '03-1234-5678', '電話'],
    ['Telefon: +49 30 901820', '+49 30 901820', 'Telefon'],
    ['call me at (415) 555-2671 tonight', '(415) 555-2671', 'tonight'],
    ['Tel. 0612345678', '0612345678', 'Tel.'],
  ]);

  it.each(['Order 123-4567890-1234567 shipped', 'ISBN 978-1-922-58607-8', 'born 21/11/1985 in', 'Version 1.2.10', 'Coordinates 48.8566, 2.3522', 'Order #123456789012'])(
    'leaves "%s" alone', (text) => expect(findPhones(text)).toEqual([]));
});

// A middle dot joins a phone's groups as a dot does: "+49·30·1234·5678" was read as no number at all.
describe('phones joined by middle dots', () => {
  goneEach([
    ['Call +49·30·1234·5678 today', '+49·30·1234·5678', ['Call', 'today']],
    ['Tel. 030·1234·5678', '030·1234·5678', 'Tel.'],
    ['Tel +33·1·84·17·61·18', '+33·1·84·17·61·18', 'Tel'],
  ], { group: 2 });
  it.each(['Track 1234·5678·9012·3456', 'Price 12·99', 'v1·2·10', 'Filed 12·03·2024 at 14:32'])('keeps %s', (text) => {
    expect(findPhones(text)).toEqual([]);
  });
});
