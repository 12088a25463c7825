// Characters that split a secret without showing: a card written with no-break or thin spaces between its groups
// ("4111&nbsp;1111&nbsp;…", as formatted pages and French number formatting write it), or with zero-width
// spaces, soft hyphens or word joiners inside it, or in fullwidth digits, reads as the card to a person and to
// no pattern. The scrubber reads such text a second time with spaces made plain, the invisible ones dropped and
// fullwidth forms made ASCII, and maps what it finds back onto the text as written (as css-escape does).
import type { Unescaped } from './css-escape';

// No-break, en/em/thin/hair/figure/punctuation spaces, narrow no-break, medium math, ideographic space.
const SPACE_LIKE = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/;
// Zero-width space/non-joiner/joiner, word joiner, invisible operators, BOM, soft hyphen.
const INVISIBLE = /[\u200b-\u200d\u2060-\u2064\ufeff\u00ad]/;
const FULLWIDTH = /[\uff01-\uff5e]/;
const ANY = /[\u00a0\u2000-\u200d\u202f\u205f\u2060-\u2064\u3000\ufeff\u00ad\uff01-\uff5e]/;

/** The text as the rules should read it, or null when it holds none of those characters. */
export function plainForm(raw: string): Unescaped | null {
  if (!ANY.test(raw)) return null;
  let text = '';
  const at: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (INVISIBLE.test(ch)) continue;
    at.push(i);
    if (SPACE_LIKE.test(ch)) text += ' ';
    else if (FULLWIDTH.test(ch)) text += String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
    else text += ch;
  }
  at.push(raw.length);
  return { text, at };
}
