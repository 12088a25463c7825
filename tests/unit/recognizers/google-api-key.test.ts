// google_api_key: values it must find, look-alikes it must leave (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('google_api_key', ['AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY'], ['AIza short']);
