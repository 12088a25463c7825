// labelled-value-finder.ts (src/core/scrub/recognizers/), through the whole scrubber with NER on: moved from tests/unit/recognisers.test.ts.
import { describe, it } from 'vitest';
import { goneEach, unchanged } from './scrubbed';

describe('birth dates after a cue, in any supported language (chrono-node)', () => {
  goneEach([
    ['DOB 3 Feb 1987', '3 Feb 1987', 'DOB'],
    ['Date of birth: March 9, 1990', 'March 9, 1990', 'Date of birth'],
    ['born 21/11/1985 in Leeds', '21/11/1985', 'born'],
    ['Geburtsdatum: 3. Februar 1987', '3. Februar 1987', 'Geburtsdatum'],
    ['Date de naissance : 21 novembre 1985', '21 novembre 1985', 'Date de naissance'],
    ['Fecha de nacimiento: 4 de marzo de 1960', '4 de marzo de 1960', 'Fecha de nacimiento'],
    ['Data di nascita 12/03/1971', '12/03/1971', 'Data di nascita'],
    ['生年月日 1990年3月9日', '1990年3月9日', '生年月日'],
  ]);

  it('leaves other dates', () => {
    unchanged('Delivered on 2025-03-04');
    unchanged('Lieferung am 3. März 2026');
  });
});

describe('document numbers after their label', () => {
  goneEach([
    ['Reisepass-Nr. C01X00T47', 'C01X00T47', 'Reisepass-Nr.'],
    ['Numéro de passeport : 12AB34567', '12AB34567', 'passeport'],
    ['Pasaporte: PAB123456', 'PAB123456', 'Pasaporte'],
    ['CPF: 123.456.789-09', '123.456.789-09', 'CPF'],
    ['Steuer-ID 12345678901', '12345678901', 'Steuer-ID'],
  ]);
  it('needs a value that looks like a number', () => unchanged('Upload a passport photo (max 5 MB)'));
});
