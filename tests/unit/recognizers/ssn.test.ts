// ssn: values it must find, look-alikes it must leave, and its shortest forms (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('ssn', ['SSN 123-45-6789', 'ssn: 123 45 6789', 'SSN: 123456789', 'Social security number 078051120'], ['id 123456789', '000-12-3456', '666-12-3456', '123-00-4567', 'ISBN 978-3-16'], ['123-45-6789', 'SSN123456789']);
