// @vitest-environment happy-dom
// A hostile page's split values against the groups pass (inline_run_group): a phone number whose trunk prefix is
// written in brackets inside a group ('+49 (0)30' + ' 1234 5678') kept its country and area code, '(0)30' being
// read as a word that ends the chain.
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
