// Postal addresses, whole: from the house number to the postcode and the
// city beside it, in the forms of the supported countries:
//   10414 Reinhold Tunnel, Lillianport, KS 45731      (US: city, state ZIP)
//   34 Torphy Crescent, Hackettham ML2 4VA            (UK: city postcode)
//   Karl-Jaspers-Str. 862, 46773 Bad Jonteland       (DE, FR, ES, IT, …: postcode city)
//   Travessa Melo, 769, 75978-800 Breno do Sul        (BR), 1017 GC Amsterdam (NL), 00-950 Warszawa (PL)
//   〒546-2806 鳥取県和彦村3丁目7番4号                  (JP: the rest of the line)
// The anchor is the postcode with its city; the street is the part of the
// same line before it (after a "Label:" if any), or the line above when the
// postcode starts its own line, and it must hold a house number. A postcode
// alone ("Total 1234 EUR") is never an address. Labels stay.
import { NO_SPANS, type Span, type SpanFinder } from './finder';
import { CUES, cueAlternation, cueGate, L } from './cues';

// A capitalised word, not an all-caps unit ("GB SSD"): L'Aquila, Saint-Maur, Bad Jonteland.
const WORD = "\\p{Lu}(?:[\\p{Ll}\\p{M}]|['’.]\\p{L})[\\p{L}\\p{M}'’.-]*";
const PARTICLE = '(?:an der|am|an|auf|bei|de la|de|del|des|do|da|dos|das|di|du|a|al|en|sur|sous|upon|on|le|la|les|im|in|aan|den|op|ob|y|e|i)';
// A city: capitalised words, with particles and lowercase tails faker and real places have ("Alessi a mare"), on one line.
const CITY = `${WORD}(?:[ \\t]+(?:${PARTICLE}[ \\t]+)?[\\p{L}][\\p{L}\\p{M}'’.-]*){0,4}(?:[ \\t]*\\([^)\\n]{1,30}\\))?`;
const POSTAL = [
  `(?<city1>${CITY}),?[ \\t]+[A-Z]{2}[ \\t]+\\d{5}(?:-\\d{4})?`, // US
  `(?<city2>${CITY})[ \\t]+[A-Z]{1,2}\\d[A-Z\\d]?[ \\t]?\\d[A-Z\\d]{2}`, // UK, CA-like
  `\\d{5}(?:-\\d{3,4})?[ \\t]+${CITY}`, // DE FR ES IT US-ZIP-first BR
  `\\d{4}[ \\t]?[A-Z]{2}[ \\t]+${CITY}`, // NL
  `\\d{2}-\\d{3}[ \\t]+${CITY}`, // PL
  `\\d{3}[ \\t]?\\d{2}[ \\t]+${CITY}`, // SE
  `\\d{4}[ \\t]+${CITY}`, // AT CH BE DK NO PT(old)
  `\\d{4}-\\d{3}[ \\t]+${CITY}`, // PT
];
// After a comma (or at a line start, for the line-above form): a page writes an address that way.
const ANCHOR = new RegExp(`(?<lead>,[ \\t]*|^[ \\t]*)(?<postal>${POSTAL.join('|')})(?=[ \\t]*(?:$|[,;.)\\]|]|\\t))`, 'gmu');
const JAPAN = /〒?\d{3}-\d{4}[ \t]*[^\n]{2,60}/gu;
/** A street part: letters and a house number word (12, 12a, 12-14, 3º B), no label colon. */
const STREET = /^(?=[^:#@\n]*\p{L}{3})(?=.*(?:(?:^|[\s,])\d{1,5}[A-Za-z]?(?:[-/]\d{1,5})?(?:[\s,º°ª]|$)|\bs\/n\b))[^:#@\n]{4,80}$/u;

// "Adresse: Hauptstraße 12", "Ship to: 221B Baker Street": after an address label, a street line even without a postcode.
const LABELLED = new RegExp(`(?<![${L}])(?:${cueAlternation(CUES.address)})[ \\t]*[:：][ \\t]*([^\\n]{4,80})`, 'giu');
const mayHaveLabel = cueGate(CUES.address);

function streetStart(text: string, lineStart: number, anchorStart: number): number | null {
  // The same line, after a label ("Address: ", "Dirección: ") if there is one.
  let start = lineStart;
  const before = text.slice(lineStart, anchorStart);
  const colon = before.lastIndexOf(': ');
  if (colon >= 0 && !/\d/.test(before.slice(0, colon))) start = lineStart + colon + 2;
  while (/\s/.test(text[start] ?? '')) start++;
  const street = text.slice(start, anchorStart).replace(/[\s,]+$/, '');
  return street && STREET.test(street) ? start : null;
}

export function findAddresses(text: string): readonly Span[] {
  // An address holds a postcode (2+ digits), letters, and a comma or a line break before its postcode.
  if (text.length < 10 || !/\d/.test(text) || !/\p{L}{3}/u.test(text)) return NO_SPANS;
  const spans: Span[] = [];
  ANCHOR.lastIndex = 0;
  for (let m = /\d\d/.test(text) && /[,\n]/.test(text) ? ANCHOR.exec(text) : null; m; m = ANCHOR.exec(text)) {
    const lead = m.groups!.lead!;
    const postalStart = m.index + lead.length;
    const end = m.index + m[0].length;
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    if (lead.startsWith(',')) {
      const start = streetStart(text, lineStart, m.index);
      if (start !== null) spans.push({ start, end });
    } else if (lineStart >= 2) {
      // "12345 City" starts its line: the street is the line above.
      const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
      const prev = text.slice(prevStart, lineStart - 1).trim();
      if (STREET.test(prev)) spans.push({ start: prevStart + text.slice(prevStart).search(/\S/), end });
    }
    if (end === postalStart) ANCHOR.lastIndex++;
  }
  if (mayHaveLabel(text)) {
    LABELLED.lastIndex = 0;
    for (let m = LABELLED.exec(text); m; m = LABELLED.exec(text)) {
      const line = m[1]!.replace(/[\s,;.]+$/, '');
      if (STREET.test(line)) spans.push({ start: m.index + m[0].length - m[1]!.length, end: m.index + m[0].length - m[1]!.length + line.length });
    }
  }
  JAPAN.lastIndex = 0;
  for (let m = JAPAN.exec(text); m; m = JAPAN.exec(text)) {
    if (m[0].startsWith('〒') || /[\p{Script=Han}]/u.test(m[0])) spans.push({ start: m.index, end: m.index + m[0].trimEnd().length });
  }
  return spans;
}

export const addressFinder: SpanFinder = { name: 'postal_address', tag: 'ADDRESS', find: findAddresses };
