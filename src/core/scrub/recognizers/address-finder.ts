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
import { NO_SPANS, type Span, type SpanFinder } from '../finder';
import { CUES, cueAlternation, cueGate, L } from '../cues';

// A capitalised word, not an all-caps unit ("GB SSD"): L'Aquila, Saint-Maur, Bad Jonteland.
// ALL CAPS from four letters (a shipping label's "ÖREBRO", "OULU"); shorter capitals are units ("GB", "SSD").
const WORD = "\\p{Lu}(?:[\\p{Ll}\\p{M}]|['’.]\\p{L}|\\p{Lu}{3})[\\p{L}\\p{M}'’.-]*";
const PARTICLE = '(?:an der|am|an|auf|bei|de la|de|del|des|do|da|dos|das|di|du|a|al|en|sur|sous|upon|on|le|la|les|im|in|aan|den|op|ob|y|e|i)';
// A city: capitalised words, with particles and lowercase tails faker and real places have ("Alessi a mare"), on one line.
const CITY = `${WORD}(?:[/-]${WORD})?(?:[ \\t]+(?:${PARTICLE}[ \\t]+)?[\\p{L}][\\p{L}\\p{M}'’./-]*){0,4}(?:[ \\t]+\\d{1,2}(?![\\d-]))?(?:[ \\t]*\\([^)\\n]{1,30}\\))?`;
const POSTAL = [
  `(?<city1>${CITY}),?[ \\t]+[A-Z]{2}[ \\t]+\\d{5}(?:-\\d{4})?`, // US
  `(?<city2>${CITY}),?[ \\t]+[A-Z]{1,2}\\d[A-Z\\d]?[ \\t]?\\d[A-Z\\d]{2}`, // UK, CA-like
  `${CITY},?[ \\t]+(?:[A-Z]{2}[ \\t]+)?[A-Z]\\d[A-Z][ \\t]?\\d[A-Z]\\d`, // CA: Montréal QC H2Z 1J1
  `${CITY},?[ \\t]+[AC-FHKNPRTV-Y]\\d{2}[ \\t]?[AC-FHKNPRTV-Y\\d]{4}`, // IE Eircode: Co. Galway H91 E2K3
  `${CITY},?[ \\t]+(?:VIC|NSW|QLD|WA|SA|TAS|ACT|NT)[ \\t]+\\d{4}`, // AU: Fitzroy VIC 3065
  `${CITY}(?:,[ \\t]*${CITY})?[ \\t]+〒?\\d{3}-\\d{4}`, // JP romanised: Kita-ku, Osaka 530-0001
  `${CITY}[ \\t]+\\d{6}`, // IN: Mumbai 400069
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
const STREET_RE = /^(?=[^:#@\n]*\p{L}{3})(?=.*(?:(?:^|[\s,])\d{1,5}[A-Za-z]?(?:[-/]\d{1,5}){0,3}(?:[\s,º°ª.]|$)|\bs\/n\b))[^:#@\n]{4,80}$/u;
/** "Kazım Karabekir Sokak No: 52b D: 12": a house number's own label is no label colon. */
const STREET = { test: (line: string): boolean => STREET_RE.test(line.replace(/\b(?:No|NO|Nr|NR|Nº|D|Daire|Kat|Apt|Whg)\.?:[ ]?/g, '')) };

// "Adresse: Hauptstraße 12", "Ship to: 221B Baker Street": after an address label, a street line even without a postcode.
// The value may stand on the line under its label ("Address:\n0645 Reyes Católicos 17 …").
const LABELLED = new RegExp(`(?<![${L}])(?:${cueAlternation(CUES.address)})[ \\t]*[:：][ \\t]*\\n?[ \\t]*([^\\n]{4,80})`, 'giu');
// In prose, after the words that say where someone lives, meets or sends things: "lives at 172 Maneeži 75, Saareküla",
// "send a new one to 609 P.O. Box 186 Apt. 561, ALT-DIETMANNS", "the bus station is on C. Beerninckstraat 88". The
// value runs to the end of its clause and must hold a house number and a word.
const PROSE = /(?<![\p{L}])(?:lives?|lived|living|resides?|residing|located|situated|based|offices?(?: are| is)?|meet (?:me|you|us)|meeting|sent|send(?: it| them| a new one| the \w+)?|ship(?:ped)?(?: it)?|deliver(?:ed)?(?: it)?|taxi|drops? (?:you|me) off|stop|moved|station is|staying|address is|address:|new address|is located|arrived|restaurant is|shop is|office is|store is|card|account|(?:it|this|that) is)[ \t]+(?:at|on|to|in|is)[ \t]+((?:the corner of )?[\p{L}\p{N}](?:[^\n.?!;:]|(?<=\b(?:Apt|St|Str|Ave|Rd|Dr|Blvd|No|Nr|ul|al|os|pl|Co|Mt|Ft|rkp|u|P\.O|O|[A-Z]))\.){2,90}?)(?=[ \t]*(?:(?<!\b(?:Apt|St|Str|Ave|Rd|Dr|Blvd|No|Nr|ul|al|os|pl|Co|Mt|Ft|rkp|u|O|[A-Z]))[.?!;](?:\s|$)|$|\n| (?:for|after|before|last|in case|if|when|please|so|but|because|tomorrow|tonight|today|next|this|street)\b))/giu;
const mayHaveProse = /\b(?:live|living|reside|located|situated|based|office|meet|sent|send|ship|deliver|taxi|drops? (?:you|me) off|stop|moved|station|staying|address|arrived|restaurant|shop|store|card|account|it is|this is|that is)/i;
const mayHaveLabel = cueGate(CUES.address);

/**
 * In prose the street starts after the words that introduce it: "Meet me at 7943 Prospect St, …", "my new address
 * is 68954 Geddingmoor 24, …", "send a new one to 14 Crown Street …". The length of that lead, else 0.
 */
function proseLead(line: string): number {
  const re = /(?<=^|[\s,])(?:at|is|to|in|on|from|address|with|near|by|for|of|are|was|were|me|it's|its|here|there|->|=>)[ \t]+(?=\S)/giu;
  let lead = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const rest = line.slice(m.index + m[0].length);
    // "the corner of Bygget 64 and …" keeps "the corner of" out too; a lead must come before the house number,
    // and one right before a number leads to it whatever numbers came earlier ("card 4111 … send it to 14 Crown St").
    if (!/\d/.test(line.slice(0, m.index + m[0].length)) || /^\D*$/.test(line.slice(0, m.index)) || /^\d/.test(rest)) lead = m.index + m[0].length;
    if (/^\d/.test(rest)) break;
  }
  return lead;
}

function streetStart(text: string, lineStart: number, anchorStart: number): number | null {
  // The same line, after a label ("Address: ", "Dirección: ") if there is one.
  let start = lineStart;
  const before = text.slice(lineStart, anchorStart);
  const colon = before.replace(/\b(?:No|NO|Nr|NR|Nº|D|Daire|Kat|Apt|Whg)\.?: /g, (m) => '_'.repeat(m.length)).lastIndexOf(': ');
  if (colon >= 0 && !/\d/.test(before.slice(0, colon))) start = lineStart + colon + 2;
  start += proseLead(text.slice(start, anchorStart));
  while (/\s/.test(text[start] ?? '')) start++;
  const street = text.slice(start, anchorStart).replace(/[\s,]+$/, '');
  return street && STREET.test(street) ? start : null;
}

// Addresses as blocks: a street line, then lines of their own for the unit, the locality, the region and the
// postcode, as letters, labels and quoted mails lay them out in any country:
//   6750 Koskikatu 25 Apt. 864 / Artilleros / , CO / Uruguay 64677
//   141 Gorse Lane / Truro / TR1 3HJ        Avenida Paulista, 210 - Apto 136 / São Paulo - SP / 04117-000
//   > 077 Mellemstræde 74 / > Apt. 316 / > Vordingborg / > Denmark 29587
// The block must end in a line holding a postcode, or hold a unit line and a locality: lists of numbered lines
// (release notes, timetables, catalogues) hold neither.
/** A prefix that quoting adds to each line: "> ", "??? ", spaces. */
const QUOTE = /^[ \t]*(?:(?:>|\?{2,3}|\|)[ \t]*)*/;
const UNIT_LINE = /^(?:apt\.?|apartment|suite|ste\.?|unit|flat|floor|fl\.?|room|rm\.?|(?:p\.? ?o\.? )?box|postfach|bldg\.?|building|dept\.?|c\/o|haus|etage|piso|bus|boîte|interno|int\.?|scala|esc\.?|puerta|lgh|lägenhet|bte|appt?\.?|app\.?|wohnung|whg\.?)[ \t]*[\w-]+(?:[ \t,]+[\p{L}\d.-]+){0,3}$/iu;
/** A postcode in any of the supported forms, with up to four words (city, region, country) around it. */
const POSTCODE = '(?:\\d{4,6}|\\d{3}[ ]\\d{2}|\\d{2}-\\d{3}|\\d{4}-\\d{3}|\\d{5}-\\d{3,4}|[A-Z]{1,2}\\d[A-Z\\d]?[ ]?\\d[A-Z]{2}|[A-Z]\\d[A-Z][ ]?\\d[A-Z]\\d|[AC-FHKNPRTV-Y]\\d{2}[ ]?[AC-FHKNPRTV-Y\\d]{4}|\\d{4}[ ]?[A-Z]{2}|〒?\\d{3}-\\d{4})';
const AREA_WORD = "[\\p{L}][\\p{L}\\p{M}'’./-]*";
// After the postcode only capitalised words (the city: "28008 Madrid", "602 00 BRNO"), never prose ("… for this card").
const POSTAL_LINE = new RegExp(`^,?[ \\t]*(?:${AREA_WORD}[ ,-]*){0,4}${POSTCODE}(?:[ ,-]+\\p{Lu}[\\p{L}\\p{M}'’./-]*){0,4}\\.?$`, 'u');
const LOCALITY_LINE = new RegExp(`^,?[ \\t]*${AREA_WORD}(?:[ ,]+(?:-[ ])?${AREA_WORD}){0,4}\\.?$`, 'u');
/** A line that is a street: a house number and a word, not a label, a list item, a price or a time. */
const STREET_LINE = (line: string): boolean => line.length <= 80 && !/\t|[$€£¥@]|\d:\d|^[-*•]|\bv?\d+\.\d+\.\d/.test(line) && (STREET.test(line) || /^(?:p\.? ?o\.? box|psc|unit|box|uss|usns|usnv|uscgc)\b/i.test(line));
const CONTACT_LINE = /^(?:phone|tel|telefon|téléphone|teléfono|telefono|telefone|telefoon|mobile?|mobil|mob|cell|fax|e-?mail|e-?post|e-?posta|correo|gsm|handy|tfn|denwa|web|website|url|m|t|f|p)\b\.?/iu;
/** A postcode line that prose goes on after ("APO AP 99241 for this card"): the length of its address part, else 0. */
const POSTAL_HEAD = new RegExp(`^,?[ \\t]*(?:${AREA_WORD}[ ,-]*){0,4}${POSTCODE}(?=[ ,.;:?!)]|$)`, 'u');

function findBlocks(text: string, spans: Span[]): void {
  const lines: { start: number; end: number; body: string; bodyStart: number }[] = [];
  for (let at = 0; at <= text.length;) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(at, end);
    const q = QUOTE.exec(raw)![0].length;
    lines.push({ start: at, end, body: raw.slice(q).trimEnd(), bodyStart: at + q });
    if (nl < 0) break;
    at = nl + 1;
  }
  for (let i = 0; i < lines.length - 1; i++) {
    const first = lines[i]!;
    // The street part of the first line: after a label ("User: ", "Address: ") and the words that introduce it.
    const colon = first.body.replace(/\b(?:No|NO|Nr|NR|Nº|D|Daire|Kat|Apt|Whg)\.?: /g, (m) => '_'.repeat(m.length)).lastIndexOf(': ');
    const from = colon >= 0 ? colon + 2 : 0;
    const lead = from + proseLead(first.body.slice(from));
    if (!STREET_LINE(first.body.slice(lead))) continue;
    let last = i;
    let cut = -1;
    let postal = false;
    let unit = false;
    let locality = false;
    for (let j = i + 1; j < lines.length && j <= i + 6; j++) {
      const body = lines[j]!.body;
      if (body === '') {
        // One blank line inside a block, when a postcode line follows it.
        const next = lines[j + 1]?.body ?? '';
        if (POSTAL_LINE.test(next) && !postal) continue;
        break;
      }
      // A contact line ends the block: "Phone 01102 839231" and "Teléfono 918 03 75 67" hold no postcode.
      if (CONTACT_LINE.test(body)) break;
      if (POSTAL_LINE.test(body)) {
        postal = true;
        last = j;
        break;
      }
      const head = POSTAL_HEAD.exec(body);
      if (head) {
        postal = true;
        last = j;
        cut = head[0].length;
        break;
      }
      if (UNIT_LINE.test(body)) unit = true;
      else if (LOCALITY_LINE.test(body) && body.length <= 40) locality = true;
      else break;
      last = j;
    }
    if (last === i || !(postal || (unit && locality))) continue;
    const start = first.bodyStart + lead;
    // One span per line, so the quoting of a mail ("> ") and the line breaks stay.
    for (let j = i; j <= last; j++) {
      const line = lines[j]!;
      const a = j === i ? start : line.bodyStart;
      let b = line.bodyStart + (j === last && cut >= 0 ? cut : line.body.length);
      if (j === last && text[b - 1] === '.') b--;
      if (b > a) spans.push({ start: a, end: b });
    }
    i = last;
  }
}

// A postcode after its own label ("ZIP: 3520", "my zip code is 35350", "Postcode: SW1A 1AA", "PLZ 10115"): the label
// says what the number is. A bare "ZIP" needs a colon or "is" ("zip 2024 archive" is a file).
const POSTCODE_LABEL = new RegExp(`(?<![${L}])(?:(?:zip|postal|post)[ ]?codes?|postcodes?|plz|code postal|c[óo]digo postal|codice postale|postnummer|postinumero|kod pocztowy|psč|posta kodu|zip(?=[ \t]*(?:[:#]|is\\b)))(?:[ \t]+(?:is|was|=))?[ \t]*[:#]?[ \t]*(${POSTCODE}|\\d{3})(?![\\p{L}\\d])`, 'giu');
const mayHavePostcodeLabel = /zip|post|plz|c[óo]d|psč/i;

// A street with a unit after it, wherever it stands in prose: "4880 Betburweg 74 Suite 967 Apt. 267, Lascano, Uruguay
// 80694", "416 Kiannonkatu 98 Apt. 934 OULU NO", "0912 P.O. Box 287 Apt. 051, Tallinn". The unit (Apt., Suite) after a
// house number and capitalised words is the address's own mark; the city, region and postcode after it are taken while
// they are capitalised words or a postcode.
const STREET_WORD = "(?:\\p{Lu}[\\p{L}\\p{M}'’.-]*|\\d{1,5}[A-Za-z]?\\.?|\\p{Ll}{1,3}\\.?|\\p{Ll}{4}\\.)";
const UNIT_WORD = '(?:Apt\\.?|Apartment|Suite|Ste\\.)';
const AREA_TAIL = `(?:,?[ ]+(?:(?:de|del|la|di|du|v|u|am|an|der|sur|upon)[ ]+)?(?:\\p{Lu}[\\p{L}\\p{M}'’.-]*[\\p{L}\\p{M}](?:[ ]\\([\\p{L} ]{1,20}\\))?|${POSTCODE})){0,6}`;
const UNIT_STREET = new RegExp(`(?<![\\p{L}\\p{N}.])\\d{1,6}[A-Za-z]?(?:[ ]${STREET_WORD}){1,6}?(?:[ ]${UNIT_WORD}[ ]?\\d{1,5}[A-Za-z]?){1,2}(?![\\p{L}\\d])${AREA_TAIL}`, 'gu');

export function findAddresses(text: string): readonly Span[] {
  // An address holds a postcode (2+ digits), letters, and a comma or a line break before its postcode.
  if (text.length < 7 || !/\d/.test(text) || !/\p{L}{3}/u.test(text)) return NO_SPANS;
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
      // The line above may start in prose ("I'd like to call a taxi to 180 Sahantie 72"): the street starts after its lead.
      if (STREET.test(prev)) {
        const at = prevStart + text.slice(prevStart).search(/\S/);
        spans.push({ start: at + proseLead(text.slice(at, lineStart - 1)), end });
      }
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
  if (text.includes('\n') && /\d/.test(text)) findBlocks(text, spans);
  if (mayHaveProse.test(text)) {
    PROSE.lastIndex = 0;
    for (let m = PROSE.exec(text); m; m = PROSE.exec(text)) {
      // A new sentence ends the address even after an abbreviation's dot ("… OULU NO. Now we live …").
      const value = m[1]!.replace(/\. (?=\p{Lu}\p{Ll}+ \p{Ll})[^]*$/u, '').replace(/[\s,]+$/, '');
      if (!STREET.test(value.replace(/^the corner of /i, ''))) continue;
      const start = m.index + m[0].length - m[1]!.length;
      spans.push({ start, end: start + value.length });
    }
  }
  if (/corner of /i.test(text)) {
    CORNER.lastIndex = 0;
    for (let m = CORNER.exec(text); m; m = CORNER.exec(text)) {
      // Two streets, one with a house number: "the corner of Bygget 64 and Komel Club"; not "of the table and the wall".
      if (!/\d/.test(m[1]! + m[2]!)) continue;
      spans.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  if (mayHavePostcodeLabel.test(text)) {
    POSTCODE_LABEL.lastIndex = 0;
    for (let m = POSTCODE_LABEL.exec(text); m; m = POSTCODE_LABEL.exec(text)) {
      const start = m.index + m[0].length - m[1]!.length;
      spans.push({ start, end: start + m[1]!.length });
    }
  }
  if (/\b(?:Apt|Apartment|Suite|Ste)\b/.test(text)) {
    UNIT_STREET.lastIndex = 0;
    for (let m = UNIT_STREET.exec(text); m; m = UNIT_STREET.exec(text)) {
      // A street holds a capitalised word: "3 rooms in Suite 200" names none.
      if (!/\p{Lu}\p{L}/u.test(m[0].replace(/(?:Apt|Apartment|Suite|Ste)\b.*/su, ''))) continue;
      const value = m[0].replace(/[\s,.]+$/, '');
      spans.push({ start: m.index, end: m.index + value.length });
    }
  }
  JAPAN.lastIndex = 0;
  // A Japanese postcode is 3 digits, a dash, 4 digits: most strings have no dash.
  for (let m = text.includes('-') ? JAPAN.exec(text) : null; m; m = JAPAN.exec(text)) {
    if (m[0].startsWith('〒') || /[\p{Script=Han}]/u.test(m[0])) spans.push({ start: m.index, end: m.index + m[0].trimEnd().length });
  }
  return spans;
}

/**
 * A street corner whole, both streets: "the corner of Postbox 21 and Elisabeth Parks", "the corner of 25 Dili
 * Gianni Street and King Forges" (the prose rule took the first street only). The first street is at most 60
 * characters of its line before " and ", the second capitalised words (no i flag, which lets \p{Lu} match any letter), a number or an ordinal first ("5th Avenue").
 */
const CORNER = /(?<![\p{L}])[Tt]he corner of ([^\n]{1,60}?) and ((?:\d{1,5}(?:st|nd|rd|th)?[ ])?\p{Lu}[\p{L}\p{M}'’-]*\.?(?:[ ](?:\p{Lu}[\p{L}\p{M}'’-]*\.?|\d{1,5}))*)/gu;

export const addressFinder: SpanFinder = { name: 'postal_address', tag: 'ADDRESS', find: findAddresses };
