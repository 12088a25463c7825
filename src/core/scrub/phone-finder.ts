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
import { CUES, cueAlternation, L } from './cues';
import { NO_SPANS, columnHeader, textBefore, type Span, type SpanFinder } from './finder';

const COUNTRIES: CountryCode[] = ['US', 'GB', 'DE', 'FR', 'ES', 'IT', 'PT', 'BR', 'NL', 'BE', 'CH', 'AT', 'JP', 'PL', 'SE', 'TR', 'IN', 'CA', 'AU', 'MX', 'IE', 'DK', 'NO', 'FI'];

// Bounded groups and a left guard: a match can only start where a number starts, so long digit runs stay linear.
const CANDIDATE = /(?<![\w+\-./,])(?:(?:\+|00)\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{1,15}(?:(?:[ .\-/]|\s?[-–]\s?)\d{1,8}){0,6}(?:\s?(?:x|ext\.?|extension|poste|durchwahl)\s?\d{1,5})?(?![\w-]|[.,/]\d)/giu;
const CUE = new RegExp(`(?:^|[^${L}])(?:${cueAlternation(CUES.phone)})\\.?\\s*(?:no\\.?|nr\\.?|number|nummer|numéro|número|numero)?\\s*[:#]?\\s*$`, 'iu');

function looksLikeOtherNumber(s: string): boolean {
  const t = s.trim();
  if (/^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/.test(t)) return true; // a date
  if (/^(?:\d{1,3}\.){3}\d{1,3}$/.test(t)) return true; // an IPv4 address
  if (/^\d+(?:\.\d+){2,}$/.test(t) && !/^\d{2,4}\.\d{2,4}\.\d{2,4}(?:\.\d{2,4})?$/.test(t)) return true; // a version (1.2.10)
  if (/^\d{1,2}:\d{2}/.test(t)) return true;
  if (/^\d+\.\d+$/.test(t)) return true; // a decimal (a coordinate, a measure)
  if (/^97[89][- ]\d/.test(t) && t.replace(/\D/g, '').length === 13) return true; // an ISBN-13
  return false;
}

function possible(candidate: string, country?: CountryCode): boolean {
  try {
    return parsePhoneNumberFromString(candidate, country)?.isPossible() === true;
  } catch {
    return false;
  }
}

export function findPhones(text: string): readonly Span[] {
  if (!/\d(?:[^\d\n]{0,3}\d){6}/.test(text)) return NO_SPANS;
  const spans: Span[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const raw = m[0];
    const number = raw.replace(/\s?(?:x|ext\.?|extension|poste|durchwahl)\s?\d{1,5}$/i, '');
    const digits = number.replace(/\D/g, '').length;
    if (digits < 6 || digits > 15) continue;
    const international = /^(?:\+|00)/.test(number);
    if (digits < 7 && !(CUE.test(textBefore(text, m.index, 48)) || CUE.test(columnHeader(text, m.index)))) continue;
    const grouped = /[\s.\-/()]/.test(number.replace(/^(?:\+|00)\d{1,3}/, ''));
    const cued = CUE.test(textBefore(text, m.index, 48)) || CUE.test(columnHeader(text, m.index));
    let ok = false;
    if (international) ok = cued || possible(number.replace(/^00/, '+'));
    // After a phone label any 7–15 digit number is one, even off its country's plan (a typo is still a number).
    else if (grouped && !looksLikeOtherNumber(number)) ok = cued || COUNTRIES.some((c) => possible(number, c));
    else if (cued) ok = !looksLikeOtherNumber(number);
    if (ok) spans.push({ start: m.index, end: m.index + raw.length });
  }
  return spans;
}

export const phoneFinder: SpanFinder = { name: 'phone', tag: 'PHONE', find: findPhones };
