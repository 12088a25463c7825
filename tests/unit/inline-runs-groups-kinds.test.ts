// @vitest-environment happy-dom
// The groups pass (inline_run_group) beside a redaction of a kind never written in digit groups. A redacted e-mail
// or name in one inline element took the price, the date, the quantity or the order number in the next one:
// "<REDACTED>" + " 12/03/2024" was stored as two placeholders. A typed placeholder tells its kind (`<EMAIL>` takes no
// group; `<PHONE>`, `<IBAN>`, `<CARD>`, `<ID>` do); the generic one does not, and beside it only a word that may be a
// value's group goes: a date, an amount, a word with a lowercase letter (a unit, an ordinal, a quantity) is none.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScrubConfig } from '../../src/core/scrub/config';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { scrubDomTreeRuns, scrubRun } from '../../src/core/scrub/inline-runs';
import { draftOfDocument, scrubber, stored } from './observed-page';

const parsed = parseScrubConfig(readFileSync(join(__dirname, '../../config/scrubber.yaml'), 'utf8').replace('style: generic', 'style: typed'));
if (!parsed.ok) throw new Error('config');
const typed = createScrubber(parsed.config, null);

describe('beside a redaction of unknown kind (the generic placeholder): words no value is written with', () => {
  it.each([
    ['a date with slashes', ' 12/03/2024'],
    ['a date with dots', ' 03.12.2024 today'],
    ['an ISO date', ' 2024-03-12'],
    ['a US date with a short year', ' 3/12/24'],
    ['a price', ' 12.99 EUR'],
    ['a price with thousands', ' 1,234.50'],
    ['a European price', ' 1.234,50 €'],
    ['a count of thousands', ' 1,234 reviews'],
    ['a quantity', ' 2 items'],
    ['a day and a month', ' 3 May 2024'],
    ['a quantity written with a sign', ' x3'],
    ['a weight', ' 10kg'],
    ['an ordinal', ' 2nd floor'],
  ])('%s after it stays', (_name, after) => {
    expect(scrubRun(['Sent to <REDACTED>', after], scrubber)).toBeNull();
  });

  it.each([
    ['a date', 'Since 12/03/2024'],
    ['a price', 'Paid 12.99'],
    ['a quantity', 'x3'],
  ])('%s before it stays', (_name, before) => {
    expect(scrubRun([before, ' <REDACTED>'], scrubber)).toBeNull();
  });

  it.each([
    ['a card\'s last group before words', [' 1111 is on file'], [' <REDACTED> is on file']],
    ['a phone number\'s last pair, its leading zero', [' 00 today'], [' <REDACTED> today']],
    ['a phone number\'s last groups before a word', [' 67 89 today'], [' <REDACTED> today']],
    ['an IBAN\'s last pair before a word', [' 19 today'], [' <REDACTED> today']],
    ['an IBAN\'s last three before a word', [' 606 today'], [' <REDACTED> today']],
    ['an IBAN\'s last groups', [' 0532 0130 00'], [' <REDACTED>']],
  ])('%s still goes: a value\'s group may be written so', (_name, after, out) => {
    expect(scrubRun(['Ref <REDACTED>', ...after], scrubber)).toEqual(['Ref <REDACTED>', ...out]);
  });
});

describe('beside a typed redaction', () => {
  it.each([
    ['an e-mail address', '<EMAIL>', ' 12345678'],
    ['a person\'s name', '<PERSON>', ' 2024'],
    ['a username', '<USERNAME>', ' 4711 0815'],
    ['an API key', '<API_KEY>', ' 1234'],
    ['a place', '<PLACE>', ' 10115'],
  ])('%s takes no group', (_name, placeholder, after) => {
    expect(scrubRun([`To ${placeholder}`, after], typed)).toBeNull();
    expect(scrubRun([after.trim(), ` ${placeholder}`], typed)).toBeNull();
  });

  it.each([
    ['a phone number', '<PHONE>', ' 67 89 today', ' <PHONE> today'],
    ['a phone number, a count-like last group', '<PHONE>', ' 12 items', ' <PHONE> items'],
    ['an IBAN', '<IBAN>', ' 0130 00', ' <IBAN>'],
    ['a card', '<CARD>', ' 1111, thanks', ' <CARD>, thanks'],
    ['an account number', '<ID>', ' 4711', ' <ID>'],
  ])('%s takes the groups beside it', (_name, placeholder, after, out) => {
    expect(scrubRun([`Ref ${placeholder}`, after], typed)).toEqual([`Ref ${placeholder}`, out]);
  });

  it('a group between a name and a phone number goes with the phone number only', () => {
    const out = scrubDomTreeRuns('<p id="1"><span id="2">&lt;PERSON&gt; 030</span><span id="3"> &lt;PHONE&gt;</span></p>', typed);
    expect(out).toBe('<p id="1"><span id="2">&lt;PERSON&gt; &lt;PHONE&gt;</span><span id="3"> &lt;PHONE&gt;</span></p>');
  });
  it('a date beside a phone number is no part of it', () => {
    expect(scrubRun(['Call <PHONE>', ' 12/03/2024'], typed)).toBeNull();
  });
});

describe('through the path a real observation takes', () => {
  it.each([
    ['a date', ' 12/03/2024', '12/03/2024'],
    ['a price', ' 12.99 EUR', '12.99 EUR'],
    ['a quantity', ' 2 items', '2 items'],
    ['a quantity with a sign', ' x12', 'x12'],
    ['a day and a month', ' 3 May 2024', '3 May 2024'],
  ])('%s beside a redacted e-mail in a link stays', (_name, after, kept) => {
    document.body.innerHTML = `<p>Sent to <a href="/m">jane.doe@example.com</a><span>${after}</span></p>`;
    for (const o of stored(draftOfDocument())) {
      expect(o.dom_tree, o.dom_tree).not.toMatch(/jane|example/);
      expect(o.dom_tree, o.dom_tree).toContain(kept);
      expect(o.axtree ?? '', o.axtree).toContain(kept);
    }
  });
});
