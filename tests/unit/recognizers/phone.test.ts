// phone: values it must find, look-alikes it must leave (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('phone', ['call +1 415 555 2671', '+44 20 7946 0958', '(415) 555-2671', '415-555-2671', '030 1234 5678', '+49 (30) 901820', 'Phone: 2125550123', 'mobile no. 07700900123'],
  ['order 12345678', 'Order 2125550123', 'SKU 2024-11-25', 'v1.2.3', 'total 1,234.56', 'room 404']);
