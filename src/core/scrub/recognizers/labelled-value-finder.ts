// Values that only their label identifies, in every supported language:
// a birth date after "Geburtsdatum" / "né le" / "born" (read by chrono-node,
// so "3 Feb 1987", "9 de março de 1990" and "21/11/1985" all end where the
// date ends), and passport, ID, tax and bank account numbers after their label. The label
// stays; only the value goes.
import { en } from 'chrono-node';
import * as de from 'chrono-node/de';
import * as fr from 'chrono-node/fr';
import * as es from 'chrono-node/es';
import * as it from 'chrono-node/it';
import * as pt from 'chrono-node/pt';
import * as nl from 'chrono-node/nl';
import * as ja from 'chrono-node/ja';
import * as sv from 'chrono-node/sv';
import { CUES, cueAlternation, cueGate, L } from '../cues';
import { NO_SPANS, type Span, type SpanFinder } from '../finder';

// Label, then what may sit between label and value: ":", "#", "No.", "Nr.", "le", "am", "el", "il", "em", "op", "on".
const JOIN = `\\.?\\s*(?:(?:no|nr|n°|nº|n\\.º|num|number|nummer|numéro|número|numero)\\.?\\s*)?(?:[:#]|\\s-\\s)?\\s*(?:(?:le|am|el|il|em|op|on|den|the)\\s+)?`;
const cue = (words: readonly string[]): RegExp => new RegExp(`(?<![${L}])(?:${cueAlternation(words)})${JOIN}`, 'giu');
const BIRTH = cue(CUES.birth_date);
const DOCUMENT = cue([...CUES.passport, ...CUES.id_number, ...CUES.tax_id, ...CUES.iban]);

const mayHaveCue = cueGate([...CUES.birth_date, ...CUES.passport, ...CUES.id_number, ...CUES.tax_id, ...CUES.iban]);

const PARSERS = [en, de, fr, es, it, pt, nl, ja, sv];
const NUMERIC_DATE = /^(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{4}年\s?\d{1,2}月\s?\d{1,2}日|\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4})/u;

/** Length of the date that `after` starts with, or 0. */
function dateLength(after: string): number {
  const numeric = NUMERIC_DATE.exec(after);
  if (numeric) return numeric[0].length;
  if (!/^\d|^[\p{L}]/u.test(after)) return 0;
  let best = 0;
  for (const parser of PARSERS) {
    for (const r of parser.parse(after, new Date(0), { forwardDate: false })) {
      if (r.index === 0 && r.start.isCertain('year')) best = Math.max(best, r.text.length);
    }
  }
  return best;
}

// A document number: letters and digits, maybe in groups (123.456.789-01, AB 12 34 56 C), holding 4+ digits.
// An IBAN in groups is the longest (34 characters and 8 joints).
const DOC_VALUE = /^[A-Za-z0-9](?:[A-Za-z0-9]|[ ./-](?=[A-Za-z0-9])){3,47}/;
// What a value cut at that length still runs on with: glued characters and joined groups that hold a digit. Taken
// whole, so no tail of a long number is left beside its redaction ("IBAN <REDACTED>00").
const VALUE_TAIL = /^(?:[A-Za-z0-9]+|[./-][A-Za-z0-9]+| (?=[A-Za-z]*\d)[A-Za-z0-9]+)*/;

export function findLabelledValues(text: string): readonly Span[] {
  // A date or a document number holds 4+ digits.
  // ...and a label, which is a word: "$12.99" and "12.03.2024" hold none, and the cue scan is the costly test.
  if (text.length < 6 || !/\d(?:\D*\d){3}/.test(text) || !/\p{L}\p{M}*\p{L}/u.test(text) || !mayHaveCue(text)) return NO_SPANS;
  const spans: Span[] = [];
  BIRTH.lastIndex = 0;
  for (let m = BIRTH.exec(text); m; m = BIRTH.exec(text)) {
    const at = m.index + m[0].length;
    const n = dateLength(text.slice(at, at + 48));
    if (n) spans.push({ start: at, end: at + n });
  }
  DOCUMENT.lastIndex = 0;
  for (let m = DOCUMENT.exec(text); m; m = DOCUMENT.exec(text)) {
    const at = m.index + m[0].length;
    const v = DOC_VALUE.exec(text.slice(at, at + 49));
    if (!v) continue;
    const cut = v[0].length === 48 ? VALUE_TAIL.exec(text.slice(at + 48, at + 48 + 256))![0] : '';
    // The number ends at the first word after it ("X12345678 issued 2019"), capital ones too: every one read after
    // it goes back ("… 0130 00 BIC COBADEFFXXX", "123 456 789 USA NEW YORK"), not only the last. A long first group
    // is the whole number, and a group after a space is another one ("12345678901 2024").
    let value = (v[0] + cut).replace(/[ ./-][A-Za-z]*[a-z][A-Za-z]*(?:[ ./-].*)?$/, '').replace(/(?:[ ./-][A-Za-z]{3,})+$/, '');
    const first = /^[A-Za-z0-9]{7,}(?= )/.exec(value);
    if (first) value = first[0];
    // Its first group holds a digit or is a short capital prefix (CX1234567, AB 12 34 56 C), not a word ("is 0612…").
    const head = /^[A-Za-z0-9]+/.exec(value)?.[0] ?? '';
    if (!/\d/.test(head) && !/^[A-Z]{1,3}$/.test(head)) continue;
    if ((value.match(/\d/g) ?? []).length >= 4) spans.push({ start: at, end: at + value.length });
  }
  return spans;
}

export const labelledValueFinder: SpanFinder = { name: 'labelled_value', tag: 'ID', find: findLabelledValues };
