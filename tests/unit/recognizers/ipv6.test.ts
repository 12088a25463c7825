// ipv6: values it must find, look-alikes it must leave, and its shortest forms (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('ipv6', ['2001:db8:85a3::8a2e:370:7334', 'fe80::1ff:fe23:4567:890a'], ['12:30:45', '::1', 'a::b::c'], ['a::']);
