// email: values it must find, look-alikes it must leave, and its shortest forms (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('email', ['mail jane.doe+shop@example.co.uk now', 'x@y.io', '/reset?email=jane%40example.com'], ['@mention', 'user@localhost', 'price 3@5'], ['a@b.io']);
