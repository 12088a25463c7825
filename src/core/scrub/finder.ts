// A recogniser that is code rather than one pattern: it returns the spans of
// `text` it is sure of. The scrubber merges them with the pattern rules'.
export interface Span { start: number; end: number }

/** What a finder returns when it finds nothing: one shared empty list, so 12k page strings allocate none. */
export const NO_SPANS: readonly Span[] = Object.freeze([]);

export interface SpanFinder {
  /** The config key under `rules:` that turns it off. */
  readonly name: string;
  /** The typed replacement tag: <PHONE>, <ADDRESS>, … */
  readonly tag: string;
  find(text: string): readonly Span[];
}

/** Where the cue before `at` ends: the text just before a value, lowercased, at most `window` characters. */
export function textBefore(text: string, at: number, window = 40): string {
  return text.slice(Math.max(0, at - window), at).toLowerCase();
}

/**
 * In text laid out as a table (cells split by tabs or " | ", rows by line
 * breaks, as pages' tables are copied), the header cell above `at`, else ''.
 */
export function columnHeader(text: string, at: number): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  const whole = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const sep = whole.includes('\t') ? '\t' : whole.includes(' | ') ? ' | ' : null;
  if (!sep || lineStart === 0) return '';
  const column = text.slice(lineStart, at).split(sep).length - 1;
  // The header is the first line of the block of lines that have as many cells.
  let header = '';
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const row = text.slice(start, end);
    if (!row.includes(sep)) break;
    header = row;
    end = start - 1;
    if (start === 0) break;
  }
  return (header.split(sep)[column] ?? '').trim().toLowerCase();
}
