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
