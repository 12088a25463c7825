// jwt: values it must find, look-alikes it must leave (recognizerTable, table.ts).
import { recognizerTable } from './table';

recognizerTable('jwt', ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'], ['eyJ.only']);
