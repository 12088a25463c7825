// street_address: values it must find, look-alikes it must leave, and its shortest forms (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('street_address', ['ship to 221 Baker Street, London', '1600 Pennsylvania Avenue', 'flat at 221B Baker Street'], ['Chapter 221 of the book', '3 Items'], ['1 Ab St']);
