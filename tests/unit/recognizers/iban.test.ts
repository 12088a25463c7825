// iban: values it must find, look-alikes it must leave (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('iban', ['DE89 3704 0044 0532 0130 00', 'GB82WEST12345698765432', 'iban gb82 west 1234 5698 7654 32',
    'DE89-3704-0044-0532-0130-00', 'FR14.2004.1010.0505.0001.3M02.606', 'MT84-MALT-0110-0001-2345-MTLC-AST0-01S'],
  ['de89 3704 0044 0532 0130 01', 'DE89 3704 0044 0532 0130 01', 'AB12 CDEF GHIJ KLMN',
    // Dashed: a checksum alone passes one code in 97, so the country's length must hold too; and one kind of joint.
    'DE89-3704-0044-0532-0130-01', 'DE89-3704.0044-0532-0130-00', 'DE89-3704-0044-0532-0130-0', 'ZZ00-0000-0000-0000-0000-000']);
