// What the recogniser tests scrub with (tests/unit/recognisers.test.ts, the finders' tests beside this file, the
// generalising, candidate and URL tables): the shipped config and the shipped entity recogniser, through
// createScrubber, as the extension and the CLI do; and the table helpers they share.
import { expect, it } from 'vitest';
import { createScrubber } from '../../../src/core/scrub/scrubber';
import { defaultEntityRecognizer } from '../../../src/core/scrub/cued-entities';
import { defaultConfig } from '../../../src/core/scrub/default-config';

export const scrubber = createScrubber(defaultConfig(), defaultEntityRecognizer());
export const R = '<REDACTED>';

const list = (x: string | readonly string[] | undefined): readonly string[] => (x === undefined ? [] : typeof x === 'string' ? (x ? [x] : []) : x);

/** The shortest piece of a value checked: a word (split at spaces and commas), a group (split at dots, slashes and dashes too). */
export interface Pieces { word?: number; group?: number }

/**
 * Each of `values` must vanish from `text`: whole, every word of it of `word` characters or more (an initial's "D."
 * at 2) and every group of it of `group` characters or more (a card's or an ID's digit groups); 3 by default, so a
 * value's "de" may stand in its label "Fecha de nacimiento". Each of `kept` must survive.
 */
export function expectGone(text: string, values: string | readonly string[], kept: string | readonly string[] = [], { word = 3, group = 3 }: Pieces = {}): void {
  const out = scrubber.redact(text).text;
  for (const value of list(values)) {
    expect(out, `"${value}" survived in ${JSON.stringify(out)}`).not.toContain(value);
    const pieces = new Set([...value.split(/[\s,]+/).filter((p) => p.length >= word), ...value.split(/[\s,./-]+/).filter((p) => p.length >= group)]);
    for (const piece of pieces) expect(out, `part "${piece}" of "${value}" survived: ${JSON.stringify(out)}`).not.toContain(piece);
  }
  for (const k of list(kept)) expect(out, `"${k}" was removed: ${JSON.stringify(out)}`).toContain(k);
}
export const unchanged = (text: string): void => expect(scrubber.redact(text).text).toBe(text);

/** A row of a table: the text, what must vanish from it, and what must stay ('' or nothing: no words to keep). */
export type GoneRow = readonly [text: string, values: string | readonly string[], kept?: string | readonly string[]];

/** One test per row, named by its text: its values gone, its kept words there (pieces: see expectGone). */
export function goneEach(rows: readonly GoneRow[], pieces: Pieces = {}): void {
  it.each(rows.map((row) => [row[0], row] as const))('%s', (_text, [text, values, kept]) => expectGone(text, values, kept, pieces));
}

/** What a text or a URL field becomes: the whole scrubber's redact() and redactUrl(). */
export const inText = (text: string): string => scrubber.redact(text).text;
export const asUrl = (url: string): string => scrubber.redactUrl(url).text;

/** One test per [input, expected] row: `redact` (inText by default) turns the input into the expected text. */
export function becomesEach(rows: readonly (readonly [string, string])[], title = '%s', redact: (text: string) => string = inText): void {
  it.each(rows.map((r) => [...r]))(title, (input, expected) => expect(redact(input)).toBe(expected));
}

/** One test per text: `redact` (inText by default) returns it as it was. */
export function aloneEach(texts: readonly string[], title = 'leaves "%s" alone', redact: (text: string) => string = inText): void {
  it.each(texts)(title, (text) => expect(redact(text)).toBe(text));
}
