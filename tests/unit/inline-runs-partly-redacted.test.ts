// @vitest-environment happy-dom
// A value written in groups, split across inline elements, whose pieces the page's own scrub already cut in part,
// through the path a real observation takes (the page's snapshot, each text node scrubbed alone, the trees
// assembled, the worker's boundary). `DE89 3704 0044` alone looks like a number and becomes `DE89 <REDACTED>`,
// ` 0532 0130 00` becomes ` <REDACTED>`: joined, "DE89 <REDACTED> <REDACTED>" is no IBAN any more, and `DE89` was
// stored; `GB29 NWBK 6016` + ` 1331 9268 19` kept its first half whole. The run pass now reads a redaction as a
// wildcard: groups beside it in a chain that crosses a join go with it (inline_run_group).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScrubConfig } from '../../src/core/scrub/config';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { scrubDomTreeRuns, scrubRun } from '../../src/core/scrub/inline-runs';
import { ElementIds } from '../../src/content/element-ids';
import { buildStep } from '../../src/core/build-step';
import { draftOfDocument, pageDraft, scrubber, stored } from './observed-page';

const STYLE = '<style>.i { display: inline }</style>';

/** The two halves of a value in two spans, or in two blocks a stylesheet lays out in the line. */
const LAYOUTS: [string, (label: string, a: string, b: string, tail: string) => string][] = [
  ['spans', (label, a, b, tail) => `<p>${label} <span>${a}</span><span>${b}</span> ${tail}</p>`],
  ['inline divs', (label, a, b, tail) => `<div>${label} <div class="i">${a}</div><div class="i">${b}</div> ${tail}</div>`],
];

/** [what, label, first half, second half, any piece of the value]: each half cut in part by the page's scrub, or not at all. */
const PARTLY_CUT: [string, string, string, string, RegExp][] = [
  ['a German IBAN', 'IBAN', 'DE89 3704 0044', ' 0532 0130 00', /DE89|3704|0044|0532|0130/],
  ['a British IBAN (a bank code of letters)', 'IBAN', 'GB29 NWBK 6016', ' 1331 9268 19', /GB29|NWBK|6016|1331|9268/],
  ['a French IBAN (a letter in a group)', 'IBAN', 'FR14 2004 1010', ' 0505 0001 3M02 606', /FR14|2004|1010|0505|3M02|606/],
  ['a Dutch IBAN (a bank code of letters)', 'IBAN', 'NL91 ABNA', ' 0417 1643 00', /NL91|ABNA|0417|1643/],
  ['a card split 8+8', 'Card', '4000 0025', ' 0000 3155', /4000|0025|3155/],
  ['a card split 4+12', 'Card', '5500', ' 0055 5555 5559', /5500|0055|5559/],
  ['a phone number split in two', 'Call', '+49 30', ' 1234 5678', /\+49|1234|5678/],
  ['a phone number with its area code in brackets', 'Call', '(415)', ' 555 2671', /415|2671/],
];

/** Nothing of the value in the step or the final state, dom_tree or axtree; the words around it stay. */
function noPieceStored(html: string, leak: RegExp, label: string, tail: string): void {
  document.body.innerHTML = STYLE + html;
  const observations = stored(draftOfDocument());
  for (const o of observations) {
    expect(o.dom_tree, o.dom_tree).not.toMatch(leak);
    expect(o.axtree ?? '', o.axtree).not.toMatch(leak);
    expect(o.dom_tree).toMatch(/REDACTED/);
    expect(o.dom_tree).toContain(`>${label} <`);
    expect(o.dom_tree).toContain(` ${tail}<`);
    expect(o.axtree).toContain(`text '${label}'`);
    expect(o.axtree).toContain(`text '${tail}'`);
  }
  expect(observations[1]).toEqual(observations[0]);
}

describe('a value the page already cut in part, split across inline elements', () => {
  for (const [layout, html] of LAYOUTS) {
    it.each(PARTLY_CUT)(`%s, across ${layout}: no group stored`, (_name, label, a, b, leak) => {
      noPieceStored(html(label, a, b, 'on file'), leak, label, 'on file');
    });

    // No space in an address: the token glued to the page's redaction goes with it (glueCuts). Kept as guards.
    it.each([
      ['an e-mail split at the @', 'jane.doe', '@example.com'],
      ['an e-mail split inside its local part', 'jane.', 'doe@example.com'],
    ])(`%s, across ${layout}: no half stored`, (_name, a, b) => {
      noPieceStored(html('Write to', a, b, 'today'), /jane|doe|example/, 'Write to', 'today');
    });
  }
});

describe('a single digit beside a redaction across a join', () => {
  // 'Row 7' on a button whose card number sits in a <b>: a lone digit tells nothing of a value and is a row's
  // number; taking it wrote the button's name as 'Row <REDACTED> <REDACTED>' (tests/e2e/text-leaks.test.ts).
  it.each([
    ['a row number before a card in a <b>', '<p><button>Row 7 <b>5555 5555 5555 4444</b></button></p>', /Row 7 </],
    ['a step number before a redacted e-mail in a link', '<p>Step 2 <a href="/m">jane.doe@example.com</a> today</p>', /Step 2 </],
  ])('%s: the digit stays', (_name, html, kept) => {
    document.body.innerHTML = html;
    for (const o of stored(draftOfDocument())) {
      expect(o.dom_tree, o.dom_tree).toMatch(kept);
      expect(o.dom_tree, o.dom_tree).not.toMatch(/5555|jane|example/);
    }
  });
});

describe('a click on a half the page left whole', () => {
  it('the target\'s name and text and the thought lose its groups too', () => {
    const ids = new ElementIds();
    const draft = pageDraft('<p>IBAN <a href="/a">GB29 NWBK 6016</a><span> 1331 9268 19</span></p>', ids);
    const link = ids.idOf(document.querySelector('a')!);
    // The page names the link by its own text, which alone is no IBAN: its scrub leaves it.
    const target = { ...draft.target!, element_id: link, tag: 'a', role: 'link', name: 'GB29 NWBK 6016', text: 'GB29 NWBK 6016' };
    const { step } = buildStep({ draft: { ...draft, target }, seq: 1, tabId: 1, frameId: 0, image: null, scrubber });
    expect(JSON.stringify(step)).not.toMatch(/GB29|NWBK|6016|1331/);
    expect(step.target!.name).toBe('<REDACTED>');
    expect(step.observation.axtree).toMatch(/link '<REDACTED>'/);
  });
});

describe('what a redaction across a join does not take', () => {
  const dom = (html: string): string => {
    document.body.innerHTML = html;
    return stored(draftOfDocument())[0]!.dom_tree;
  };

  it('words beside a redaction in a neighbouring element stay', () => {
    expect(dom('<p>Your card <b>4111 1111 1111 1111</b> is on file</p>')).toMatch(/Your card <b[^>]*>&lt;REDACTED&gt;<\/b> is on file/);
    expect(dom('<p><strong>Card</strong> <span>4111 1111 1111 1111</span></p>')).toMatch(/>Card</);
  });

  it('a label of capitals at the chain\'s end stays: only capitals between groups are a value\'s', () => {
    const out = dom('<p><b>IBAN</b> <span>GB29 NWBK 6016</span><span> 1331 9268 19</span></p>');
    expect(out).toMatch(/>IBAN</);
    expect(out).not.toMatch(/GB29|NWBK|6016|1331/);
  });

  it('a group beside a redaction in one piece is that piece\'s own scrub\'s', () => {
    const out = dom('<p><span>Room 12 jane.doe@example.com</span><b> today</b></p>');
    expect(out).toContain('>Room 12 &lt;REDACTED&gt;<');
  });

  it('a word between a group and the redaction ends the chain', () => {
    const out = dom('<p><span>Order 1234 for</span><span> jane.doe@example.com</span></p>');
    expect(out).toContain('>Order 1234 for<');
  });
});

describe('the run pass on trees the page scrubbed', () => {
  it('typed placeholders: each piece\'s part of the value becomes the placeholder in it, or the nearest one', () => {
    const parsed = parseScrubConfig(readFileSync(join(__dirname, '../../config/scrubber.yaml'), 'utf8').replace('style: generic', 'style: typed'));
    if (!parsed.ok) throw new Error('config');
    const typed = createScrubber(parsed.config, null);
    const out = scrubDomTreeRuns('<p id="1"><span id="2">DE89 &lt;PHONE&gt;</span><span id="3"> &lt;PHONE&gt; 0130 00</span></p>', typed);
    expect(out).toBe('<p id="1"><span id="2">&lt;PHONE&gt;</span><span id="3"> &lt;PHONE&gt;</span></p>');
    expect(scrubRun(['GB29 NWBK 6016', ' <ID>'], typed)).toEqual(['<ID>', ' <ID>']);
  });

  it('counted once per value, under inline_run_group', () => {
    const counts: Record<string, number> = {};
    scrubDomTreeRuns('<p id="1"><span id="2">DE89 &lt;REDACTED&gt;</span><span id="3"> &lt;REDACTED&gt;</span></p>', scrubber, counts);
    expect(counts).toEqual({ inline_run_group: 1 });
  });

  it('axtree\'s sibling text lines alone take no group: they may be blocks, and the dom_tree pass carries the cut', () => {
    // Two blocks are two sibling text lines in axtree as well: "Order 1234" is no part of a redacted name below it.
    expect(scrubRun(['Order 1234', '<REDACTED>'], scrubber, undefined, false)).toBeNull();
  });
});
