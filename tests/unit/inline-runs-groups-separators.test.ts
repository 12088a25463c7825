// @vitest-environment happy-dom
// The groups pass (inline_run_group) and the marks pages write between a value's groups. A split value written with
// a middle dot or a bullet between its groups ('+49·30·1234·5678', '030 • 1234 • 5678'), a dash of another width
// ('030–1234'), a comma between digits ('4111,1111'), or followed by a list's comma or a sentence's stop
// ('… 5678, today', '… 0130 00.') had its groups read as words, which end the chain: the half the page left whole was
// stored. What pages put between two things (a bar, a comma and a space) still ends it, and the punctuation
// closing a group is no part of it.
import { describe, expect, it } from 'vitest';
import { scrubRun } from '../../src/core/scrub/inline-runs';
import { draftOfDocument, scrubber, stored } from './observed-page';

describe('a value whose groups a middle dot, a bullet or a dash of any width joins', () => {
  it.each([
    ['a phone number in middle dots', ['Call +49·30', ' <REDACTED> today'], ['Call <REDACTED>', ' <REDACTED> today']],
    ['a phone number, a middle dot before the redaction', ['Call +49·30·', '<REDACTED> today'], ['Call <REDACTED>·', '<REDACTED> today']],
    ['a phone number in bullets', ['Call 030•1234', ' <REDACTED>'], ['Call <REDACTED>', ' <REDACTED>']],
    ['a bullet standing alone between groups', ['Call <REDACTED>', ' • 5678 today'], ['Call <REDACTED>', ' • <REDACTED> today']],
    ['an en dash between groups', ['Call 030–1234', ' <REDACTED>'], ['Call <REDACTED>', ' <REDACTED>']],
    ['an em dash standing alone', ['Call <REDACTED>', ' — 1234 5678'], ['Call <REDACTED>', ' — <REDACTED>']],
    ['a middle dot glued to the next element\'s group', ['Call <REDACTED>', '·5678 today'], ['Call <REDACTED>', '<REDACTED> today']],
    ['a card in commas', ['Card 4111,1111', ' <REDACTED>'], ['Card <REDACTED>', ' <REDACTED>']],
  ])('%s: every group goes with the redaction', (_name, pieces, out) => {
    expect(scrubRun(pieces, scrubber)).toEqual(out);
  });
});

describe('a value a list\'s comma or a sentence\'s stop closes', () => {
  it.each([
    ['a comma after the last group', ['Card <REDACTED>', ' 1111, thanks'], ['Card <REDACTED>', ' <REDACTED>, thanks']],
    ['a full stop after the last group', ['IBAN <REDACTED>', ' 0130 00.'], ['IBAN <REDACTED>', ' <REDACTED>.']],
    ['a semicolon after the last group', ['Call <REDACTED>', ' 5678; or write'], ['Call <REDACTED>', ' <REDACTED>; or write']],
    ['a bracket closing around the value', ['(call <REDACTED>', ' 5678).'], ['(call <REDACTED>', ' <REDACTED>).']],
    ['a phone number\'s own brackets', ['Call (415)', ' <REDACTED>, today'], ['Call <REDACTED>', ' <REDACTED>, today']],
  ])('%s: the group goes, the punctuation stays', (_name, pieces, out) => {
    expect(scrubRun(pieces, scrubber)).toEqual(out);
  });

  it('the list goes on after the comma and keeps its items: the chain ends at it', () => {
    expect(scrubRun(['Call <REDACTED>', ' 5678, 1234 more, Paris, London'], scrubber)).toEqual(['Call <REDACTED>', ' <REDACTED>, 1234 more, Paris, London']);
  });

  it('a comma and a space before a redaction end the chain too: the item before it stays', () => {
    expect(scrubRun(['Rooms 12 and 1234,', ' <REDACTED>'], scrubber)).toBeNull();
  });
});

describe('what ends a chain between two things', () => {
  it.each([
    ['a bar', ['Ref <REDACTED>', ' | 2024']],
    ['a comma standing alone', ['Ref <REDACTED>', ' , 2024']],
    ['a word of letters', ['Ref <REDACTED>', ' Order 2024']],
  ])('%s: the group after it stays', (_name, pieces) => {
    expect(scrubRun(pieces, scrubber)).toBeNull();
  });
});

describe('through the path a real observation takes', () => {
  // The page's scrub cuts the first half (a phone number, a labelled card) and keeps the second whole.
  it.each([
    ['a phone number, its last group after a middle dot', 'Call', '+49 30 1234', '·5678 today', /\+49|1234|5678/],
    ['a card, a comma closing it', 'Card', '4000 0025', ' 0000 3155, thanks', /4000|0025|3155/],
    ['a phone number, a comma closing it', 'Call', '+49 30 1234', ' 5678, today', /\+49|1234|5678/],
  ])('%s: no group stored, the words and the punctuation around it are', (_name, label, a, b, leak) => {
    document.body.innerHTML = `<p>${label} <span>${a}</span><span>${b}</span></p>`;
    for (const o of stored(draftOfDocument())) {
      expect(o.dom_tree, o.dom_tree).not.toMatch(leak);
      expect(o.axtree ?? '', o.axtree).not.toMatch(leak);
      expect(o.dom_tree).toContain(`>${label} <`);
      expect(o.dom_tree).toMatch(/ today<|, thanks<|, today</);
    }
  });
});
