// bearer_token: values it must find, look-alikes it must leave (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('bearer_token', ['Authorization: Bearer abcdef0123456789abcdef'], ['Bearer short', 'the bearer of news']);
