// CSS escapes, undone for the rules to read. A selector must escape an id's
// leading digit, so the id "4111111111111111" is written `#\34 111111111111111`
// and no rule saw the card in it. The scrubber reads such text a second time
// unescaped and maps what it finds back onto the escaped text.
// (CSS Syntax Level 3, 4.3.7 "consume an escaped code point".)

export interface Unescaped {
  text: string;
  /** For each UTF-16 unit of `text`, where it starts in the escaped text; one more entry for the end. */
  at: number[];
}

// A hex escape (1–6 digits, one whitespace after it belongs to it), or an escaped punctuation mark (`\:`, `\.`, `\#`).
const ESCAPE = /\\(?:([0-9a-fA-F]{1,6})(?:\r\n|[ \t\n\r\f])?|([^0-9a-zA-Z\r\n\f]))/g;
const HAS_HEX_ESCAPE = /\\[0-9a-fA-F]/;

/** The text with its CSS escapes undone, or null when it holds no hex escape (nothing to read twice). */
export function cssUnescape(raw: string): Unescaped | null {
  if (!HAS_HEX_ESCAPE.test(raw)) return null;
  let text = '';
  const at: number[] = [];
  let last = 0;
  const copy = (from: number, to: number): void => {
    for (let i = from; i < to; i++) at.push(i);
    text += raw.slice(from, to);
  };
  ESCAPE.lastIndex = 0;
  for (let m = ESCAPE.exec(raw); m; m = ESCAPE.exec(raw)) {
    copy(last, m.index);
    let ch = m[2] ?? '';
    if (m[1] !== undefined) {
      const cp = parseInt(m[1], 16);
      ch = cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\ufffd' : String.fromCodePoint(cp);
    }
    for (let i = 0; i < ch.length; i++) at.push(m.index);
    text += ch;
    last = m.index + m[0].length;
  }
  copy(last, raw.length);
  at.push(raw.length);
  return { text, at };
}
