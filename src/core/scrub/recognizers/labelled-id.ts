// The labelled_id recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { PatternSpec } from './pattern';

export const labelledId: readonly PatternSpec[] = [
  {
    // Short identifiers that only a label tells apart: card security codes, PINs, dates of birth, passport,
    // licence, account, routing and tax numbers. The value must hold a digit, and is taken to its
    // end however long: a cap left the tail of a long one beside its redaction ("<REDACTED>-7890-1234-99").
    tag: 'ID', minLength: 6, needsDigit: true,
    pattern: /\b(?:cvv2?|cvc2?|csc|card (?:security|verification) code|security code|pin(?: code| number)?|date of birth|d\.?o\.?b\.?|birth ?date|passport(?: no\.?| number| #)?|driver'?s? licen[cs]e(?: no\.?| number| #)?|licen[cs]e (?:no\.?|number|#)|national (?:id|insurance) (?:no\.?|number)|tax (?:id|number)|(?:bank )?account (?:no\.?|number|#)|sort code|routing (?:no\.?|number)|member (?:id|no\.?|number))\s*[:#]?\s*(?:(?:is|was|=)\s+)?((?=[A-Za-z0-9./-]*\d)[A-Za-z0-9][A-Za-z0-9./-]+[A-Za-z0-9])(?![A-Za-z0-9]|[./-][A-Za-z0-9])/gi, group: 1,
  },
];
