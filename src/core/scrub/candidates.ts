// Candidates, then validation. A pattern over digit runs and separators
// swallows its neighbours: in "15.03.2024 4111 1111 1111 1111" the card
// pattern matches from the date, the Luhn check fails on the whole, and the
// card was lost. So when a validator refuses a match, the value is looked for
// inside it: at each place a value can start (the match's start, then every
// token start in it) the pattern runs again, anchored there, so it may reach
// past the refused match; what it matches is then shrunk from the right one
// separator-delimited group at a time. Both ends move. The work per match is
// bounded: the pattern's own length limits (19 digits for a card), and at
// most eight starts.
import type { Span } from './finder';

/** Is the value `value`, starting at `start` in the text, one to keep? */
export type Accept = (start: number, value: string) => boolean;

/** The longest prefix of `value`, cut before a separator, that `accept` takes. */
export function shrinkRight(value: string, accept: (prefix: string) => boolean): string | undefined {
  for (let cut = value.search(/[ .-][^ .-]*$/); cut > 0; cut = value.slice(0, cut).search(/[ .-][^ .-]*$/)) {
    const prefix = value.slice(0, cut);
    if (accept(prefix)) return prefix;
  }
  return undefined;
}

const WORD = /[\p{L}\p{N}]/u;
const MAX_STARTS = 8;

/** The next position after `at` and before `to` where a token starts (a letter or digit after anything else), else `to`. */
function nextTokenStart(text: string, at: number, to: number): number {
  for (let i = at + 1; i < to; i++) if (WORD.test(text[i]!) && !WORD.test(text[i - 1]!)) return i;
  return to;
}

/**
 * The first value `accept` takes inside the refused match [from, to): from
 * each token start, the pattern anchored there (`sticky` has the y flag),
 * then its prefixes.
 */
export function validInside(text: string, from: number, to: number, sticky: RegExp, accept: Accept): Span | undefined {
  // A value sits after a few other numbers at most; on "1 1 1 1 …" every start would be tried, each shrunk.
  let tries = MAX_STARTS;
  for (let at = from; at < to && tries-- > 0; at = nextTokenStart(text, at, to)) {
    sticky.lastIndex = at;
    const m = sticky.exec(text);
    if (!m || m[0].length === 0) continue;
    if (accept(at, m[0])) return { start: at, end: at + m[0].length };
    const prefix = shrinkRight(m[0], (v) => accept(at, v));
    if (prefix) return { start: at, end: at + prefix.length };
  }
  return undefined;
}
