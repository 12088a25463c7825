// aws_access_key: values it must find, look-alikes it must leave (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('aws_access_key', ['AKIAIOSFODNN7EXAMPLE'], ['AKIA-not-a-key', 'AKIAshort']);
