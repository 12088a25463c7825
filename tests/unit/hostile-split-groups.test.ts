// @vitest-environment happy-dom
// A hostile page's split values against the groups pass (inline_run_group): a phone number whose trunk prefix is
// written in brackets inside a group ('+49 (0)30' + ' 1234 5678') kept its country and area code, '(0)30' being
// read as a word that ends the chain; a dash or a slash standing alone between groups ('+49 30' + ' / 1234 5678',
// '030' + ' - 1234 5678', 'DE89 3704 0044' + ' - 0532 0130 00') ended it too, and the half the page left whole was stored.
import { describe, expect, it } from 'vitest';
import { scrubRun } from '../../src/core/scrub/inline-runs';
import { draftOfDocument, scrubber, stored } from './observed-page';

describe('a split phone number with its trunk prefix in brackets', () => {
  it('no group of it is stored, the words around it are', () => {
    document.body.innerHTML = '<p>Call <span>+49 (0)30</span><span> 1234 5678</span> today</p>';
    for (const o of stored(draftOfDocument())) {
      expect(o.dom_tree, o.dom_tree).not.toMatch(/\+49|\(0\)|30</);
      expect(o.dom_tree).toMatch(/>Call </);
      expect(o.dom_tree).toMatch(/ today</);
    }
  });

  it('the run pass takes it beside a redaction across the join', () => {
    expect(scrubRun(['Call +49 (0)30', ' <REDACTED> today'], scrubber)).toEqual(['Call <REDACTED>', ' <REDACTED> today']);
  });
});

describe('a split value whose groups a lone dash or slash parts', () => {
  it.each([
    ['a phone number, its area code apart by a slash', 'Call', '+49 30', ' / 1234 5678', /\+49|30 |1234|5678/],
    ['a phone number, its area code apart by a dash', 'Call', '030', ' - 1234 5678', /030|1234|5678/],
    ['a phone number, the dash in the first half', 'Call', '+49 30 -', ' 1234 5678', /\+49|30 |1234|5678/],
    ['an IBAN, its halves apart by a dash', 'IBAN', 'DE89 3704 0044', ' - 0532 0130 00', /DE89|3704|0044|0532|0130/],
  ])('%s: no group of it is stored, the words around it are', (_name, label, a, b, leak) => {
    document.body.innerHTML = `<p>${label} <span>${a}</span><span>${b}</span> today</p>`;
    for (const o of stored(draftOfDocument())) {
      expect(o.dom_tree, o.dom_tree).not.toMatch(leak);
      expect(o.dom_tree).toContain(`>${label} <`);
      expect(o.dom_tree).toMatch(/ today</);
    }
  });

  it('a dash between words and a redaction is no group: the words stay', () => {
    document.body.innerHTML = '<p><span>Contact - </span><span>jane.doe@example.com</span> today</p>';
    expect(stored(draftOfDocument())[0]!.dom_tree).toMatch(/>Contact - </);
  });
});
