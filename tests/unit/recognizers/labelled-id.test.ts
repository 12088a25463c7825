// labelled_id: values it must find, look-alikes it must leave, and its shortest forms (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('labelled_id', ['CVV: 123', 'PIN 4821', 'Date of birth: 04/12/1987', 'DOB 1987-12-04', 'Passport No: X12345678',
    "Driver's license D1234567", 'Account number 12345678', 'sort code 12-34-56', 'Routing number: 021000021'],
  ['PIN code sent to your phone', 'passport photo', 'Account number required', 'security code expired', 'pin 2 items'], ['pin123', 'dob 1/2']);
