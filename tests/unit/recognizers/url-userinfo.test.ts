// url_userinfo: values it must find, look-alikes it must leave, and its shortest forms (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('url_userinfo', ['postgres://admin:S3cretPass@db.internal:5432/prod', 'git clone https://bob:tok3n@git.example.org/x.git'],
  ['https://example.com/a:b', 'mailto:ann', 'ftp://files.example.com/pub'], ['ab://c:d@']);
