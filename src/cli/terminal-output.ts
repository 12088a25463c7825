// What the CLI prints holds names and messages from the zips it reads: no escape sequence reaches the terminal.
import { terminalText } from '../core/safe-text';

export const print = (text: string): void => console.log(terminalText(text, true));
export const printError = (text: string): void => console.error(terminalText(text, true));
