// iban: values it must find, look-alikes it must leave (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('iban', ['DE89 3704 0044 0532 0130 00', 'GB82WEST12345698765432', 'iban gb82 west 1234 5698 7654 32'], ['de89 3704 0044 0532 0130 01', 'DE89 3704 0044 0532 0130 01', 'AB12 CDEF GHIJ KLMN']);
