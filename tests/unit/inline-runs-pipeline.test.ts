// @vitest-environment happy-dom
// Split secrets through the path a real observation takes: the page's snapshot (each text node scrubbed alone),
// its trees assembled, then the worker's boundary, for a step (buildStep) and a final state (buildFinal) alike.
// Hand-written trees (inline-runs.test.ts) hold text no page sends: the page has scrubbed every node already.
import { describe, expect, it } from 'vitest';
import { ElementIds } from '../../src/content/element-ids';
import { buildStep } from '../../src/core/build-step';
import { stepDraft } from './fixtures';
import { pageDraft, scrubber, stored } from './observed-page';

describe('a split secret through snapshot, assembly and the boundary', () => {
  it.each([
    // Each half the one text line of an element that keeps its axtree line: no sibling text lines to join.
    ['token in two <output>s', '<p>Key: <output>ghp_Zq8RkT2vLm9X</output><output>wN4pYs7HjC3bQx1Ae5Uo6Ii0</output></p>', /ghp_|wN4pYs7/],
    ['token in two role="note" spans', '<p><span role="note">ghp_Zq8RkT2vLm9X</span><span role="note">wN4pYs7HjC3bQx1Ae5Uo6Ii0</span></p>', /ghp_|wN4pYs7/],
    ['token in a link and its sibling', '<p>Key: <a href="/k">ghp_Zq8RkT2vLm9X</a><b>wN4pYs7HjC3bQx1Ae5Uo6Ii0</b></p>', /ghp_|wN4pYs7/],
    ['token in two <b>s', '<p>Token <b>ghp_Zq8RkT2vLm9X</b><b>wN4pYs7HjC3bQx1Ae5Uo6Ii0</b></p>', /ghp_|wN4pYs7/],
    // The page's scrub of "@example.com today" leaves "<REDACTED> today": no address across the join any more.
    ['e-mail whose local part is a link', '<p>Write <a href="/p">jane.doe</a>@example.com today</p>', /jane\.doe|example\.com/],
    ['e-mail whose local part is in <em>', '<p>Write to <em>jane.doe</em>@example.com today</p>', /jane\.doe|example\.com/],
    ['e-mail whose domain is a link', '<p>Write jane.doe@<a href="/d">example.com</a> today</p>', /jane\.doe|example\.com/],
    ['card in two spans', '<p><span>4111 1111</span><span> 1111 1111</span></p>', /4111|1111 1111/],
  ])('%s: neither half in the step or the final, dom_tree or axtree', (_name, html, leak) => {
    const observations = stored(pageDraft(html));
    for (const o of observations) {
      expect(o.dom_tree).not.toMatch(leak);
      expect(o.axtree ?? '').not.toMatch(leak);
      expect(o.axtree).toMatch(/REDACTED/);
    }
    // The step and the final state are the same observation of one draft: stored the same.
    expect(observations[1]).toEqual(observations[0]);
  });

  it('a click on the half in a link: the target\'s name and text and the thought lose it too', () => {
    const ids = new ElementIds();
    const draft = pageDraft('<p>Write <a href="/p">jane.doe</a>@example.com today</p>', ids);
    const link = ids.idOf(document.querySelector('a')!);
    // The page names the link by its own text, which alone is no address: its scrub leaves it.
    const target = { ...draft.target!, element_id: link, tag: 'a', role: 'link', name: 'jane.doe', text: 'jane.doe' };
    const { step } = buildStep({ draft: { ...draft, target }, seq: 1, tabId: 1, frameId: 0, image: null, scrubber });
    expect(JSON.stringify(step)).not.toMatch(/jane|example\.com/);
    expect(step.target!.name).toContain('REDACTED');
    // Another element's text is not its: the same draft targeting the paragraph keeps "Write".
    const p = ids.idOf(document.querySelector('p')!);
    const other = buildStep({ draft: { ...draft, target: { ...target, element_id: p, name: 'Write', text: 'Write' } }, seq: 1, tabId: 1, frameId: 0, image: null, scrubber });
    expect(other.step.target!.name).toBe('Write');
  });

  it('text beside a redaction, apart from it, stays', () => {
    const [o] = stored(pageDraft('<p>Write to <a href="/p">our desk</a> or jane.doe@example.com today</p>'));
    expect(o!.dom_tree).toContain('our desk');
    expect(o!.axtree).toContain("link 'our desk'");
    expect(o!.dom_tree).not.toMatch(/jane|example/);
    // axtree's text lines are trimmed: words a space kept apart from a redaction in the page stay apart.
    const [card] = stored(pageDraft('<p>Your card <b>4111 1111 1111 1111</b> is on file</p>'));
    expect(card!.axtree).toMatch(/'Your card'/);
    expect(card!.axtree).toMatch(/'is on file'/);
    expect(card!.dom_tree).toMatch(/Your card .*is on file/);
  });

  it('a label in its own element, a space before the value, stays: the space between two elements is kept', () => {
    for (const html of ['<p><b>Contact</b> <a href="/m">jane.doe@example.com</a></p>', '<p><strong>Card</strong> <span>4111 1111 1111 1111</span></p>']) {
      const [o] = stored(pageDraft(html));
      expect(o!.dom_tree, o!.dom_tree).toMatch(/>(Contact|Card)</);
      expect(o!.dom_tree).not.toMatch(/jane|example|4111/);
    }
  });

  it('a card split across sibling spans is redacted in the step and the final alike (the tree as the page sent it)', () => {
    const tree = '<p id="1"><span id="2">4111 1111</span><span id="3"> 1111 1111</span></p>';
    for (const o of stored(stepDraft({ domTree: tree }))) {
      expect(o.dom_tree).not.toMatch(/4111|1111 1111/);
      expect(o.dom_tree).toContain('&lt;REDACTED&gt;');
    }
  });
});
