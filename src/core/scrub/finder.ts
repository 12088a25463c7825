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

/** A line longer than this is prose or a blob, not a table row: the header search never reads past it. */
const MAX_ROW = 4000;

// The header found for each block of rows, for the last text asked about: a table's rows share one header,
// so each row is read once per text however many values it holds (a 10,000-row table was quadratic).
let memoText = '';
const headerOfRow = new Map<string, string>();

/**
 * In text laid out as a table (cells split by tabs or " | ", rows by line
 * breaks, as pages' tables are copied), the header cell above `at`, else ''.
 */
export function columnHeader(text: string, at: number): string {
  const from = Math.max(0, at - MAX_ROW);
  const before = text.slice(from, at).lastIndexOf('\n');
  if (before < 0 && from > 0) return '';
  const lineStart = before < 0 ? 0 : from + before + 1;
  const after = text.slice(at, at + MAX_ROW).indexOf('\n');
  if (after < 0 && at + MAX_ROW < text.length) return '';
  const whole = text.slice(lineStart, after < 0 ? text.length : at + after);
  const sep = whole.includes('\t') ? '\t' : whole.includes(' | ') ? ' | ' : null;
  if (!sep || lineStart === 0) return '';
  const column = text.slice(lineStart, at).split(sep).length - 1;
  if (memoText !== text) {
    memoText = text;
    headerOfRow.clear();
  }
  // The header is the first line of the block of lines that have as many cells.
  const visited: string[] = [];
  let header = '';
  let end = lineStart - 1;
  while (end > 0) {
    const key = `${sep}${end}`;
    const known = headerOfRow.get(key);
    if (known !== undefined) {
      header = known || header;
      break;
    }
    const rowFrom = Math.max(0, end - MAX_ROW);
    const nl = text.slice(rowFrom, end).lastIndexOf('\n');
    const start = nl < 0 ? rowFrom : rowFrom + nl + 1;
    const row = text.slice(start, end);
    if ((nl < 0 && rowFrom > 0) || !row.includes(sep)) {
      headerOfRow.set(key, '');
      break;
    }
    visited.push(key);
    header = row;
    end = start - 1;
  }
  for (const key of visited) headerOfRow.set(key, header);
  return (header.split(sep)[column] ?? '').trim().toLowerCase();
}
