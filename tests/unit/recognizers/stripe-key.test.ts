// stripe_key: values it must find, look-alikes it must leave (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('stripe_key', ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'pk_test_TYooMQauvdEDq54NiTphI7jx'], ['sk_live_']);
