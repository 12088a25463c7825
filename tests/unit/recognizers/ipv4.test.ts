// ipv4: values it must find, look-alikes it must leave, and its shortest forms (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('ipv4', ['server 192.168.1.20 down', '8.8.8.8'], ['127.0.0.1', 'version 1.2.3', '999.1.1.1', '1.2.3.4.5'], ['8.8.8.8']);
