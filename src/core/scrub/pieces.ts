// Text a page shows in pieces (a button's text nodes, a field's labels) and a
// step holds joined: a target's name and text. Scrubbing only the joined text
// lets a piece's neighbour hide a secret the dom_tree, which scrubs node by
// node, caught ("ID" + "<b>4111111111111111</b>" reads "ID4111…", glued to a
// word, so no card). Scrubbing only the pieces misses a secret split across
// them, and redacting one piece first can leave the rest of a split secret
// readable ("DE89 3704" + "<b>0044 0532 0130 00</b>"). So the spans found in
// each piece and in the joined text are united and replaced at once; the cut
// comes last (see cut).
import type { RedactionSpan, Redactor } from '../redactor';
import { cutScrubbed } from './cut';

/** Whitespace runs collapsed, ends trimmed: the pieces as one text. */
export function joinText(parts: readonly string[]): string {
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Spans merged where they touch or overlap, so no part of either secret survives. */
function union(spans: RedactionSpan[]): RedactionSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: RedactionSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/**
 * The pieces with whitespace runs made single spaces, across their joins too ("4111 1111 " + " 1111 1111" would
 * hold two spaces, which no card pattern spans), and no space leading the text.
 */
function spacedOnce(parts: readonly string[]): string[] {
  const out: string[] = [];
  let afterSpace = true;
  for (const part of parts) {
    let piece = part.replace(/\s+/g, ' ');
    if (afterSpace && piece.startsWith(' ')) piece = piece.slice(1);
    if (!piece) continue;
    out.push(piece);
    afterSpace = piece.endsWith(' ');
  }
  return out;
}

/** The pieces joined, with every span found in a piece or in the whole replaced, cut to `max` after. */
export function scrubPieces(parts: readonly string[], redactor: Redactor, max: number): string {
  const pieces = spacedOnce(parts);
  const raw = pieces.join('');
  const spans = [...redactor.redact(raw).spans];
  let at = 0;
  for (const part of pieces) {
    // A piece that is the whole text was just scrubbed as the whole.
    if (part.trim() && part.length < raw.length) for (const s of redactor.redact(part).spans) spans.push({ ...s, start: s.start + at, end: s.end + at });
    at += part.length;
  }
  let out = '';
  let from = 0;
  for (const s of union(spans)) {
    out += raw.slice(from, s.start) + (redactor.replacementFor?.(s.rule) ?? '<REDACTED>');
    from = s.end;
  }
  return cutScrubbed(joinText([out + raw.slice(from)]), max);
}
