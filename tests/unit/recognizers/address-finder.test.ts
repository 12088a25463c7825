// address-finder.ts (src/core/scrub/recognizers/), through the whole scrubber with NER on: moved from tests/unit/recognisers.test.ts.
import { describe, it } from 'vitest';
import { goneEach, unchanged } from './scrubbed';

describe('postal addresses, whole', () => {
  goneEach([
    ['Adresse: Hauptstraße 12, 10115 Berlin', 'Hauptstraße 12, 10115 Berlin', 'Adresse'],
    ['Livraison : 12 rue de la Paix, 75002 Paris', '12 rue de la Paix, 75002 Paris', 'Livraison'],
    ['Ship to: 350 Fifth Avenue, New York, NY 10118', '350 Fifth Avenue, New York, NY 10118', 'Ship to'],
    ['Dirección: Calle Mayor 5, 28013 Madrid', 'Calle Mayor 5, 28013 Madrid', 'Dirección'],
    ['Anna Berg\nKerkstraat 12\n1017 GC Amsterdam', 'Kerkstraat 12\n1017 GC Amsterdam', ''],
    ['〒100-0001 東京都千代田区千代田1-1', '〒100-0001 東京都千代田区千代田1-1', ''],
  ]);
  it('a postcode alone is not an address', () => {
    unchanged('Total: 1234 EUR');
    unchanged('16 GB RAM, 1024 GB SSD');
  });
});
