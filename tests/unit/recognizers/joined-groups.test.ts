// Long numbers written in groups joined by dashes or dots, after a label or alone: every group goes, the last
// two-digit one too. A length cap in labelled_value and labelled_id once left the tail ("IBAN <REDACTED>00"), and
// the IBAN pattern took only spaces between groups.
import { describe } from 'vitest';
import { goneEach } from './scrubbed';

describe('a long grouped number loses every group', () => {
  goneEach([
    ['IBAN DE89-3704-0044-0532-0130-00', 'DE89-3704-0044-0532-0130-00', 'IBAN'],
    ['IBAN: DE89.3704.0044.0532.0130.00 (Girokonto)', 'DE89.3704.0044.0532.0130.00', ['IBAN:', '(Girokonto)']],
    ['Pay to GB82-WEST-1234-5698-7654-32 by Friday', 'GB82-WEST-1234-5698-7654-32', ['Pay to', 'by Friday']],
    ['IBAN MT84 MALT 0110 0001 2345 MTLC AST0 01S', 'MT84 MALT 0110 0001 2345 MTLC AST0 01S', 'IBAN'],
    ['Account no: 1234-5678-9012-3456-7890-1234-99', '1234-5678-9012-3456-7890-1234-99', 'Account no:'],
    ['Account number 12345678901234567890123456789.', '12345678901234567890123456789', ['Account number', '.']],
    ['Passport: X1234-5678-9012-3456-7890-12345 issued 2019', 'X1234-5678-9012-3456-7890-12345', ['Passport:', 'issued']],
    ['Steuer-ID 1234 5678 9012 3456 7890 1234 5678 99 gültig', '1234 5678 9012 3456 7890 1234 5678 99', ['Steuer-ID', 'gültig']],
  ], { group: 2 });
});
