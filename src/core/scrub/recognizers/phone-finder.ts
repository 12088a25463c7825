// Phone numbers, national and international, parsed by libphonenumber-js
// rather than hand-written per-country patterns. A candidate is a run of
// digit groups; it is a phone number if:
// - it starts with + or 00 and libphonenumber accepts it as a possible
//   number of its country code; or
// - it is written in groups (spaces, dashes, dots, brackets), is not a date,
//   a time, an IP address or a version, and is a possible national number of
//   one of the countries below; or
// - it is a bare digit run right after a phone cue in any supported language.
// An order number or a price has none of these shapes.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { CUES, cueAlternation, L } from '../cues';
import { NO_SPANS, columnHeader, textBefore, type Span, type SpanFinder } from '../finder';

const COUNTRIES: CountryCode[] = ['US', 'GB', 'DE', 'FR', 'ES', 'IT', 'PT', 'BR', 'NL', 'BE', 'CH', 'AT', 'JP', 'PL', 'SE', 'TR', 'IN', 'CA', 'AU', 'MX', 'IE', 'DK', 'NO', 'FI'];

// Bounded groups and a left guard: a match can only start where a number starts, so long digit runs stay linear.
// It never ends at an hour ("2024-05-17 14:32" is a date and a time, not a number in groups).
// A "+" may follow a comma ("…-Office,+41 …"); a label may be glued on with a dash ("082 490 1693-Office"); a middle
// dot joins groups as a dot does.
const CANDIDATE = /(?:(?<![\w+\-./,·])|(?<=,)(?=\+))(?:(?:\+|00)\d{1,3}[\s.·-]?)?(?:\(\d{1,5}\)[\s.·-]?)?\d{1,15}(?:(?:[ .·\-/]|\s?[-–]\s?)\d{1,8}){0,6}(?:\s?(?:x|ext\.?|extension|poste|durchwahl)\s?\d{1,5})?(?!\w|-(?!(?:office|fax|mobile|cell|home|work|tel|phone|direct|desk)\b)|[.,/:]\d)/giu;
const EXTENSION = /\s?(?:x|ext\.?|extension|poste|durchwahl)\s?\d{1,5}$/i;
const CUE = new RegExp(`(?:^|[^${L}])(?:${cueAlternation(CUES.phone)})\\.?\\s*(?:no\\.?|nr\\.?|number|nummer|numéro|número|numero)?\\s*[:#]?\\s*$`, 'iu');

/** Never a phone number, cue or not. */
function looksLikeOtherNumber(s: string): boolean {
  const t = s.trim();
  if (/^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/.test(t)) return true; // a date
  if (/^\d{1,2}\/\d{2}(?:\d{2})?$/.test(t)) return true; // a month and year (a card's expiry), a day and month
  if (/^(?:\d{1,3}\.){3}\d{1,3}$/.test(t)) return true; // an IPv4 address
  // A version (1.2.10); not a number in 2–4 digit groups, nor a trunk 0 and five pairs (France: 01.84.17.61.18).
  if (/^\d+(?:\.\d+){2,}$/.test(t) && !/^\d{2,4}\.\d{2,4}\.\d{2,4}(?:\.\d{2,4})?$/.test(t) && !/^0\d(?:\.\d{2}){4}$/.test(t)) return true;
  if (/^\d{1,2}:\d{2}/.test(t)) return true;
  if (/^\d+\.\d+$/.test(t)) return true; // a decimal (a coordinate, a measure)
  if (/^97[89][- ]\d/.test(t) && t.replace(/\D/g, '').length === 13) return true; // an ISBN-13
  return false;
}

/** A part between spaces that is a date, a time, a version…: the number it is in is not one phone number. */
function holdsOtherNumber(s: string): boolean {
  return s.trim().split(/\s+/).some((part) => /\d\D+\d/.test(part) && looksLikeOtherNumber(part));
}

/** Shapes no numbering plan writes, as a whole: a list, a count in thousands, 4-digit groups. */
function countOrList(s: string): boolean {
  const t = s.trim().replace(/^(?:\+|00)\d{1,3}[\s.-]?/, '');
  // A bracketed trunk 0 ("+46 (0)8 …") is no lone digit.
  if ((t.replace(/\(\d+\)/g, '').match(/(?<!\d)\d(?!\d)/g) ?? []).length >= 2) return true; // two lone digits: a list, an ISBN-10 (0-306-40615-2)
  if (/^[1-9]\d{3}(?:([ .-])\d{4})(?:\1\d{4})+$/.test(t)) return true; // 4-4-4 groups: a tracking number, part of a card
  if (/^\d{1,2}(?: \d{3}){3,}$/.test(t)) return true; // thousands in groups: 1 234 567 890
  return false;
}

/** Shapes only a phone label makes a phone number. */
function unlikelyWithoutCue(s: string): boolean {
  // A lone lead digit is a count or a row number; only NANP's 1 leads a national number.
  // A lead of seven digits or more before other groups is a number of its own (an ID, an order number).
  return countOrList(s) || /^[2-9]\s/.test(s.trim()) || /^\d{7,}[\s./-]+\d/.test(s.trim());
}

function possible(candidate: string, country?: CountryCode): boolean {
  try {
    return parsePhoneNumberFromString(candidate, country)?.isPossible() === true;
  } catch {
    return false;
  }
}

/** A digit group of a candidate, with what joins it to the one before (offsets in the candidate). */
interface Group { start: number; end: number; sep: string }

function groupsOf(number: string): Group[] {
  const groups: Group[] = [];
  let last = 0;
  for (const m of number.matchAll(/\+?\(?\d+\)?/g)) {
    groups.push({ start: m.index, end: m.index + m[0].length, sep: number.slice(last, m.index) });
    last = m.index + m[0].length;
  }
  return groups;
}

/**
 * A lead that is a number of its own: one lone digit, or two digits before a
 * run joined by one other separator ("#12 415-555-2671"). Two digits before
 * more spaced groups are an area code ("44 596 21 28").
 */
function leadApart(number: string, groups: Group[]): boolean {
  const lead = number.slice(groups[0]!.start, groups[0]!.end);
  if (/^\d$/.test(lead)) return true;
  const seps = new Set(groups.slice(2).map((g) => g.sep));
  return /^\d{2}$/.test(lead) && groups.length > 2 && seps.size === 1 && !/\s/.test([...seps][0]!);
}

/**
 * Where inside a candidate a phone number may start, most likely first: at
 * a group that opens a number (+, 00, a bracket, a trunk 0) or follows one
 * too long to lead a grouped number (an order number); after a lead that
 * is a number of its own (a row number, a quantity); and at the
 * candidate's start, first when it opens a number itself, else last.
 */
function startsIn(number: string, groups: Group[]): number[] {
  const text = (g: Group): string => number.slice(g.start, g.end);
  const opens = (g: Group): boolean => /^(?:\+|\()/.test(text(g)) || (/^0/.test(text(g)) && digitsFrom(g) >= 10);
  // Two 4-digit groups side by side are one run (a card, a tracking number): no number starts between them.
  const midRun = (i: number): boolean => text(groups[i - 1]!).length === 4 && text(groups[i]!).length === 4;
  // A trunk 0 opens a number only with a whole national number after it: in "22 080 12 48" 080 is a subscriber's.
  const digitsFrom = (g: Group): number => number.slice(g.start).replace(/\D/g, '').length;
  const inner: number[] = [];
  for (let i = 1; i < groups.length; i++) {
    const g = groups[i]!;
    if (!/\s/.test(g.sep)) continue;
    if ((opens(g) && !midRun(i)) || groups[i - 1]!.end - groups[i - 1]!.start >= 7) inner.push(i);
    else if (i === 1 && leadApart(number, groups)) inner.push(i);
  }
  return opens(groups[0]!) ? [0, ...inner] : [...inner, 0];
}

export function findPhones(text: string): readonly Span[] {
  if (!/\d(?:[^\d\n]{0,3}\d){6}/.test(text)) return NO_SPANS;
  const spans: Span[] = [];
  const cues = new Map<number, boolean>();
  const cuedAt = (at: number): boolean => {
    let cued = cues.get(at);
    if (cued === undefined) cues.set(at, cued = CUE.test(textBefore(text, at, 48)) || CUE.test(columnHeader(text, at)));
    return cued;
  };
  /** Is `number`, at `at` in the text, a phone number? Cheap shape checks first; the cue and libphonenumber last. */
  const isPhone = (number: string, at: number): boolean => {
    const digits = number.replace(/\D/g, '').length;
    if (digits < 6 || digits > 15) return false;
    const international = /^(?:\+|00)/.test(number);
    if (!international && (looksLikeOtherNumber(number) || holdsOtherNumber(number))) return false;
    const cued = cuedAt(at);
    if (digits < 7 && !cued) return false;
    if (international) return cued || possible(number.replace(/^00/, '+'));
    // After a phone label any 7–15 digit number is one, even off its country's plan (a typo is still a number).
    if (cued) return true;
    if (unlikelyWithoutCue(number)) return false;
    return /[\s.\-/()]/.test(number) && COUNTRIES.some((c) => possible(number, c));
  };
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    // A middle dot joins groups as a dot does ("+49·30·1234·5678"): read as one, so every shape check and
    // libphonenumber see the number as written with dots (same length: offsets hold).
    const raw = m[0].replace(/·/g, '.');
    const number = raw.replace(EXTENSION, '');
    const groups = groupsOf(number);
    const starts = startsIn(number, groups);
    // A count in thousands or a list of small numbers is that whole, not a phone number after a lead.
    if (starts.length > 1 && !/^(?:\+|00)/.test(number) && (looksLikeOtherNumber(number) || (countOrList(number) && !cuedAt(m.index)))) continue;
    // Candidates, then validation: the first start (in the order above) with a phone number; it runs to the
    // candidate's end, or, when it opens with + or a bracket (a phone's own shape), may drop groups after a space.
    // Then the groups after it, in case a second number follows.
    let from = 0;
    while (from < groups.length) {
      let found: { first: number; last: number } | undefined;
      for (const first of starts.filter((i) => i >= from)) {
        const s = groups[first]!.start;
        const shrinks = /^(?:\+|00|\()/.test(number.slice(s));
        for (let last = groups.length - 1; last >= first && !found; last = shrinks ? last - 1 : first - 1) {
          if (last + 1 < groups.length && !/\s/.test(groups[last + 1]!.sep)) continue;
          if (isPhone(number.slice(s, groups[last]!.end), m.index + s)) found = { first, last };
        }
        if (found) break;
      }
      if (!found) break;
      const end = found.last === groups.length - 1 ? raw.length : groups[found.last]!.end;
      spans.push({ start: m.index + groups[found.first]!.start, end: m.index + end });
      from = found.last + 1;
    }
  }
  return spans;
}

export const phoneFinder: SpanFinder = { name: 'phone', tag: 'PHONE', find: findPhones };
