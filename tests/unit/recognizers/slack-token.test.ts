// slack_token: values it must find, look-alikes it must leave, and its shortest forms (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('slack_token', ['xoxb-123456789012-abcdefghij', 'https://hooks.slack.com/services/T000/B000/XXXX'], ['xox-nothing'], ['xoxb-0123456789']);
