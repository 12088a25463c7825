// Text from an input (a zip someone else made, a file name) on its way into
// Markdown that a dataset hub renders, or onto a terminal: it must come out
// as that text and nothing else. No HTML element, link, image or emphasis in
// Markdown; no escape sequence or line break on a terminal. Values that
// should be hashes are checked as hashes rather than escaped.

/** Characters that make Markdown (CommonMark, GFM tables and strikethrough) out of text, backslash-escaped. */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]|~]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;
// Bidirectional overrides and isolates reorder what a reader sees (a name that reads as another).
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Inline Markdown (prose or a table cell) that renders as `text`: HTML's `& < >` as entities, so no tag or
 * autolink (`<javascript:…>`) can form; the punctuation of emphasis, code, links, images and tables
 * backslash-escaped, so `[x](javascript:…)` stays text; line breaks and control characters as spaces, so a
 * value cannot end a table row or start a block.
 */
export function markdownText(text: string): string {
  return text
    .replace(CONTROL, ' ')
    .replace(BIDI, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`);
}

/**
 * Text for a terminal: control characters (ESC and the rest, which move the cursor, recolour or retitle a
 * terminal) and bidirectional overrides shown as `\u{…}`; line breaks too unless `lines` keeps them.
 */
export function terminalText(text: string, lines = false): string {
  const show = (c: string): string => `\\u{${c.codePointAt(0)!.toString(16)}}`;
  return text.replace(CONTROL, (c) => (lines && c === '\n' ? c : show(c))).replace(BIDI, show);
}

/** A hash as this project writes them (config hashes: 16 hex digits; SHA-256: 64): hex digits only. */
export function isHash(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{16,128}$/i.test(value);
}
