// secret_assignment: values it must find, look-alikes it must leave, and its shortest forms (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('secret_assignment', ['api_key=zaCELgL0imfnc8mVLWwsAawjYr4Rx', 'password: hunter2hunter2', 'my password is hunter2', 'AccountKey=abcd1234abcd1234abcd=='],
  ['password reset link', 'token economy', 'password is required', 'the password was changed'], ['pin is 1a2b', 'pwd=abcdefgh']);
