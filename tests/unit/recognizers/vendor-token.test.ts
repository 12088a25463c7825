// vendor_token: values it must find, look-alikes it must leave (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('vendor_token', ['sk-proj-4fGh7Jk9LmNoPqRsTuVwXyZ0123456789abcdef', 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-abc',
    'npm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789', 'glpat-AbCdEfGhIjKlMnOpQrSt', 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567',
    'SG.abcdefghijklmnopqrstuv.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq', 'SK0123456789abcdef0123456789abcdef'],
  ['sk-fading-circle-animation-container', 'npm_modules', 'hf_small', 'SK-II skincare']);
