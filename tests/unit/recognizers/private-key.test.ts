// private_key: values it must find, look-alikes it must leave (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('private_key', ['-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq\n-----END RSA PRIVATE KEY-----', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA'],
  ['-----BEGIN PUBLIC KEY-----', 'private key rotation policy']);
