// github_token: values it must find, look-alikes it must leave (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('github_token', ['ghp_0123456789abcdefghijklmnopqrstuvwxyzAB', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnop'], ['ghp_short']);
