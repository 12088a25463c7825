// The labelled_id recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { PatternSpec } from './pattern';

export const labelledId: readonly PatternSpec[] = [
  {
    // Short identifiers that only a label tells apart: card security codes, PINs, dates of birth, passport,
    // licence, account, routing and tax numbers. The value is its groups joined by dots, dashes or slashes that
    // hold a digit (a letter prefix may lead: "X-1234567"), however many: a cap left the tail of a long one beside
    // its redaction ("<REDACTED>-7890-1234-99"); a word joined after it stays ("PIN 1234-and-then", "DOB
    // 1990-01-01/Berlin"). Each group's digit is looked for once, within the group: linear on a long token.
    tag: 'ID', minLength: 6, needsDigit: true,
    pattern: /\b(?:cvv2?|cvc2?|csc|card (?:security|verification) code|security code|pin(?: code| number)?|date of birth|d\.?o\.?b\.?|birth ?date|passport(?: no\.?| number| #)?|driver'?s? licen[cs]e(?: no\.?| number| #)?|licen[cs]e (?:no\.?|number|#)|national (?:id|insurance) (?:no\.?|number)|tax (?:id|number)|(?:bank )?account (?:no\.?|number|#)|sort code|routing (?:no\.?|number)|member (?:id|no\.?|number))\s*[:#]?\s*(?:(?:is|was|=)\s+)?((?=[A-Za-z0-9./-]{3})(?:[A-Za-z]+[./-])?(?=[A-Za-z0-9]*\d)[A-Za-z0-9]+(?:[./-](?=[A-Za-z0-9]*\d)[A-Za-z0-9]+)*)(?![A-Za-z0-9])/gi, group: 1,
  },
];
