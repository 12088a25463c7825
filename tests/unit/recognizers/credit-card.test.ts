// credit_card: values it must find, look-alikes it must leave, and its shortest forms (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('credit_card', ['4111 1111 1111 1111', '5500-0000-0000-0004', '378282246310005', '4111.1111.1111.1111'], ['ISBN 978-4-301-83624-3', 'order 4111 1111 1111 1112', '1234567812345678', 'tracking 1Z999AA10123456784'], ['4222222222222', 'cc501864667909']);
