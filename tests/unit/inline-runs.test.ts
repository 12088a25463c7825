import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScrubConfig } from '../../src/core/scrub/config';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { scrubAxTreeRuns, scrubDomTreeRuns, scrubRun } from '../../src/core/scrub/inline-runs';
import { finishStep } from '../../src/core/scrub/step-boundary';
import { scrubStepFields } from '../../src/core/scrub/step-fields';
import { step } from './fixtures';

const config = parseScrubConfig(readFileSync(join(__dirname, '../../config/scrubber.yaml'), 'utf8'));
if (!config.ok) throw new Error('config');
const scrubber = createScrubber(config.config, null);

describe('a secret split across inline elements', () => {
  it.each([
    ['card in two spans', '<p id="1"><span id="2">4111 1111</span><span id="3"> 1111 1111</span></p>', ['4111', '1111 1111']],
    ['card whose space was a dropped text node', '<div id="1"><span id="2">Card 4111 1111</span><span id="3">1111 1111</span></div>', ['4111']],
    ['token in two <b>s', '<td id="1"><b id="2">ghp_Zq8RkT2vLm9X</b><b id="3">wN4pYs7HjC3bQ8RkT2vLm9XwN4pYs7</b></td>', ['ghp_', 'wN4pYs7']],
    ['IBAN across a link', '<li id="1">IBAN <a id="2">DE89 3704 0044</a> 0532 0130 00</li>', ['3704', '0532']],
    ['e-mail across <em>', '<p id="1">Write to <em id="2">jane.doe</em>@example.com today</p>', ['jane.doe', 'example.com']],
    // A hostile page's splits: what lies between the halves is no block, so the halves read as one line.
    ['card across an empty <span/>', '<p id="1"><span id="2">4111 1111</span><span id="3"/><span id="4"> 1111 1111</span></p>', ['4111', '1111 1111']],
    ['card across an icon <i/>', '<p id="1">Card 4111 1111<i id="2"/>1111 1111</p>', ['4111']],
    ['e-mail across a <wbr/>', '<p id="1">Mail jane.doe<wbr id="2"/>@example.com now</p>', ['jane.doe', 'example.com']],
    ['card in custom elements', '<div id="1"><x-digits id="2">4111 1111</x-digits><x-digits id="3"> 1111 1111</x-digits></div>', ['4111', '1111 1111']],
  ])('%s', (_name, xml, gone) => {
    const out = scrubDomTreeRuns(xml, scrubber);
    for (const g of gone) expect(out).not.toContain(g);
    expect(out).toContain('&lt;REDACTED&gt;');
    // The markup stays: every tag as it was.
    expect(out.match(/<[^>]+>/g)).toEqual(xml.match(/<[^>]+>/g));
  });

  it.each([
    ['block elements do not join', '<ul id="1"><li id="2">4111 1111</li><li id="3">1111 1111</li></ul>'],
    ['a <br/> ends the run', '<p id="1"><span id="2">4111 1111</span><br id="3"/><span id="4">1111 1111</span></p>'],
    ['an <img/> ends the run', '<p id="1"><span id="2">4111 1111</span><img id="3"/><span id="4">1111 1111</span></p>'],
    ['prices and labels beside each other', '<div id="1"><span id="2">Item 4.1</span><b id="3">$12.99</b><i id="4">Buy</i></div>'],
    ['a secret inside one piece is that piece’s own', '<p id="1"><span id="2">Total</span><span id="3"> 4111 1111 1111 1111</span></p>'],
  ])('%s: unchanged', (_name, xml) => expect(scrubDomTreeRuns(xml, scrubber)).toBe(xml));

  it('axtree: sibling text lines read joined, other lines alone', () => {
    const ax = "[1] document\n  [2] paragraph\n    text '4111 1111'\n    text '1111 1111'\n  [3] list\n    text 'Item 1'\n  text '1111 1111'";
    const out = scrubAxTreeRuns(ax, scrubber);
    expect(out).not.toContain('4111');
    expect(out.split('\n').slice(0, 2)).toEqual(ax.split('\n').slice(0, 2));
    expect(out.split('\n').slice(4)).toEqual(ax.split('\n').slice(4));
  });

  it('a run of one piece, or with nothing across a join, is left alone', () => {
    expect(scrubRun(['4111 1111 1111 1111'], scrubber)).toBeNull();
    expect(scrubRun(['Hello ', 'world'], scrubber)).toBeNull();
  });

  it('linear: 20,000 inline pieces in one run are scrubbed as one joined text, twice at most', () => {
    const pieces = Array.from({ length: 20000 }, (_v, i) => `w${i} `);
    const xml = `<p id="1">${pieces.map((p, i) => `<span id="${i + 2}">${p}</span>`).join('')}</p>`;
    const joined = pieces.join('').length;
    const redact = vi.spyOn(scrubber, 'redact');
    try {
      scrubDomTreeRuns(xml, scrubber);
      // A scrub per join, or of each growing prefix, reads the run's text thousands of times over.
      expect(redact.mock.calls.length).toBeLessThanOrEqual(2);
      expect(redact.mock.calls.reduce((n, [text]) => n + text.length, 0)).toBeLessThanOrEqual(2 * (joined + pieces.length));
    } finally {
      redact.mockRestore();
    }
  });

  it('a stored step: dom_tree and axtree both read their runs joined, at the boundary and in re-scrub', () => {
    const { thought_trace: _t, ...rest } = step(1);
    const dom = '<html id="1"><body id="2"><p id="3">Token <b id="4">ghp_Zq8RkT2vLm9X</b><b id="5">wN4pYs7HjC3bQx1Ae5Uo6Ii0</b></p></body></html>';
    const axtree = "[1] document\n  [3] paragraph\n    text 'Token'\n    text 'ghp_Zq8RkT2vLm9X'\n    text 'wN4pYs7HjC3bQx1Ae5Uo6Ii0'";
    const draft = { ...rest, observation: { ...rest.observation, dom_tree: dom, axtree } };
    const counts: Record<string, number> = {};
    const out = finishStep(draft, scrubber, counts);
    expect(out.observation.dom_tree).not.toMatch(/ghp_|wN4pYs7/);
    expect(out.observation.axtree).not.toMatch(/ghp_|wN4pYs7/);
    expect(Object.values(counts).reduce((a, b) => a + b, 0), JSON.stringify(counts)).toBe(2);
    const again = scrubStepFields(step(1, { observation: draft.observation }), scrubber, {});
    expect(again.observation.dom_tree).not.toMatch(/ghp_|wN4pYs7/);
    expect(again.observation.axtree).not.toMatch(/ghp_|wN4pYs7/);
  });
});
