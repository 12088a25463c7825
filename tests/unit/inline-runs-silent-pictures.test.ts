// @vitest-environment happy-dom
// A picture that paints nothing between two halves of a secret, through the path a real observation takes (the
// page's snapshot, each text node scrubbed alone; the trees assembled; the worker's boundary). Every <img> ended an
// inline run, so a zero-size or 1x1 spacer, a tracking pixel or a picture a stylesheet hides, put between
// "742 Evergreen" and " Terrace", kept the address's first half in the step. The snapshot now marks a replaced
// element that paints nothing, and the run pass reads across it; a picture the page shows still separates the
// words on either side, as a reader sees them.
import { describe, expect, it } from 'vitest';
import { scrubDomTreeRuns } from '../../src/core/scrub/inline-runs';
import { stepDraft } from './fixtures';
import { draftOfDocument, scrubber, stored } from './observed-page';

/** A 1x1 transparent GIF, the usual tracking pixel and spacer. */
const PIXEL = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

type Layout = { width: number; height: number; loaded?: boolean };

/** The page's draft of `html`, the pictures laid out as `layout` says (happy-dom lays nothing out), as the content script sends it. */
function pageDraft(html: string, layout?: Layout): ReturnType<typeof stepDraft> {
  document.body.innerHTML = html;
  if (layout) {
    for (const img of Array.from(document.querySelectorAll('img'))) {
      img.getBoundingClientRect = () => ({ x: 10, y: 10, left: 10, top: 10, right: 10 + layout.width, bottom: 10 + layout.height, width: layout.width, height: layout.height, toJSON: () => ({}) });
      Object.defineProperty(img, 'naturalWidth', { value: layout.width || 1 });
      Object.defineProperty(img, 'complete', { value: layout.loaded ?? true });
    }
  }
  return draftOfDocument();
}

const ADDRESS = (between: string): string => `<p>Ship to <span>742 Evergreen</span>${between}<span> Terrace</span>, Springfield</p>`;
const CARD = (between: string): string => `<p>Card <span>4111 1111</span>${between}<span> 1111 1111</span> on file</p>`;

describe('a picture that paints nothing inside a split secret', () => {
  it.each([
    ['a zero-size <img> (attributes)', ADDRESS(`<img src="${PIXEL}" width="0" height="0">`), undefined],
    ['a 1x1 <img> (attributes)', ADDRESS(`<img src="${PIXEL}" width="1" height="1">`), undefined],
    ['an <img> of width 0 only', ADDRESS('<img src="/t.gif" width="0">'), undefined],
    ['an <img> of inline opacity:0', ADDRESS('<img src="/t.gif" style="opacity: 0">'), undefined],
    ['an <img> of inline width:0', ADDRESS('<img src="/t.gif" style="width:0;height:12px">'), undefined],
    ['an <img> a stylesheet hides', `<style>.px { display: none }</style>${ADDRESS('<img class="px" src="/t.gif">')}`, undefined],
    ['an <img> of display:none (inline)', ADDRESS('<img src="/t.gif" style="display:none">'), undefined],
    ['a loaded 1x1 transparent <img>, no size attributes', ADDRESS(`<img src="${PIXEL}">`), { width: 1, height: 1 }],
    ['a loaded <img> laid out at zero size', ADDRESS('<img src="/logo.png" alt="">'), { width: 0, height: 0 }],
    ['an <img> that never finishes loading, no size', ADDRESS('<img src="/stalled.png" alt="">'), { width: 0, height: 0, loaded: false }],
    ['a zero-size <svg>', ADDRESS('<svg width="0" height="0"></svg>'), undefined],
    ['a <wbr>', ADDRESS('<wbr>'), undefined],
    ['an empty inline element', ADDRESS('<i class="icon"></i>'), undefined],
    ['a zero-size <img> in a card', CARD('<img src="/t.gif" width="0" height="0">'), undefined],
    ['a 1x1 transparent <img> in a card', CARD(`<img src="${PIXEL}">`), { width: 1, height: 1 }],
  ] as [string, string, Layout | undefined][])('%s: neither half in the step or the final, dom_tree or axtree', (_name, html, layout) => {
    const observations = stored(pageDraft(html, layout));
    for (const o of observations) {
      expect(o.dom_tree, o.dom_tree).not.toMatch(/742|Evergreen|Terrace|4111|1111 1111/);
      expect(o.axtree ?? '', o.axtree).not.toMatch(/742|Evergreen|Terrace|4111|1111 1111/);
      expect(o.dom_tree).toMatch(/REDACTED/);
    }
    expect(observations[1]).toEqual(observations[0]);
    // The words around the run stay: only the secret is cut.
    expect(observations[0]!.dom_tree).toMatch(/Ship to|Card /);
  });

  it('a picture the page shows still separates the words on either side, as a reader sees them', () => {
    // The page redacts the address in the link; the word glued to a redaction goes with it (inline_run_edge), so
    // reading across a picture the page shows would take the label "Contact" beside its icon for part of the address.
    const label = (between: string): string => `<p><b>Contact</b>${between}<a href="/m">jane.doe@example.com</a></p>`;
    for (const [between, layout] of [
      ['<img src="/mail.png" width="16" height="16" alt="">', undefined],
      ['<img src="/mail.png" alt="">', { width: 16, height: 16 }],
      // A placeholder's size attributes, the stylesheet's size laid out: the box it paints decides.
      ['<img src="/mail.png" width="1" height="1" alt="">', { width: 16, height: 16 }],
    ] as [string, Layout | undefined][]) {
      const [o] = stored(pageDraft(label(between), layout));
      expect(o!.dom_tree, between).toMatch(/>Contact</);
      expect(o!.dom_tree).not.toMatch(/jane|example/);
      expect(o!.dom_tree).not.toContain('hidden="true"');
    }
    // The same picture painting nothing: "Contact" is glued to the address as a reader sees it, and goes with it.
    const [glued] = stored(pageDraft(label('<img src="/mail.png" width="0" height="0" alt="">')));
    expect(glued!.dom_tree).not.toMatch(/Contact|jane|example/);
    // So is one still loading with no size yet: it paints nothing now, and a page may keep it loading for ever
    // to split a secret around it (its load re-reads it). Over-redaction of the label, never a half kept.
    const [loading] = stored(pageDraft(label('<img src="/mail.png" alt="">'), { width: 0, height: 0, loaded: false }));
    expect(loading!.dom_tree).not.toMatch(/Contact|jane|example/);
  });

  it('an icon sized in another unit than pixels is not taken for a pixel', () => {
    const [o] = stored(pageDraft('<p><b>Contact</b><svg width="1em" height="1em" viewBox="0 0 24 24"></svg><a href="/m">jane.doe@example.com</a></p>'));
    expect(o!.dom_tree).toMatch(/>Contact</);
    expect(o!.dom_tree).not.toContain('hidden="true"');
  });

  it('the mark is on the picture that paints nothing, and only there', () => {
    const [o] = stored(pageDraft(`<p><img src="/a.png" width="40" height="40" alt="Logo"><span>Hello</span><img src="${PIXEL}" width="1" height="1"></p>`));
    expect(o!.dom_tree).toMatch(/<img id="\d+" src="\/a\.png" alt="Logo"\/>/);
    expect(o!.dom_tree).toMatch(/<img id="\d+" src="data:image\/gif;base64,…" hidden="true"\/>/);
    expect(o!.dom_tree).toContain('Hello');
  });
});

describe('the run pass on a tree with marked pictures', () => {
  it('reads across a marked picture with content, its closing tag too, and stops at an unmarked one', () => {
    const joined = scrubDomTreeRuns('<p id="1"><span id="2">4111 1111</span><picture id="3" hidden="true"><img id="4" hidden="true"/></picture><span id="5"> 1111 1111</span></p>', scrubber);
    expect(joined).not.toMatch(/4111|1111 1111/);
    const apart = scrubDomTreeRuns('<p id="1"><span id="2">4111 1111</span><picture id="3"><img id="4"/></picture><span id="5"> 1111 1111</span></p>', scrubber);
    expect(apart).toContain('>4111 1111<');
    // The mark counts only on a picture: a block that says it (no snapshot writes one) still ends the run.
    const block = scrubDomTreeRuns('<p id="1"><span id="2">4111 1111</span><div id="3" hidden="true"></div><span id="5"> 1111 1111</span></p>', scrubber);
    expect(block).toContain('>4111 1111<');
  });
});

describe('other breaks that paint nothing', () => {
  it.each([
    ['a <br> a stylesheet hides', `<style>.nb { display: none }</style>${ADDRESS('<br class="nb">')}`],
    ['a picture out of the line (absolutely positioned)', ADDRESS('<img src="/b.png" width="16" height="16" style="position:absolute; left:-9999px">')],
    ['a zero-size <iframe>', ADDRESS('<iframe width="0" height="0"></iframe>')],
    ['a <picture> around a zero-size <img>', ADDRESS('<picture><img src="/t.gif" width="0" height="0"></picture>')],
  ])('%s: no half stored', (_name, html) => {
    for (const o of stored(pageDraft(html))) {
      expect(o.dom_tree, o.dom_tree).not.toMatch(/Evergreen|Terrace/);
      expect(o.axtree ?? '', o.axtree).not.toMatch(/Evergreen|Terrace/);
    }
  });

  it('an icon component whose shadow root holds no text is no break; one with text and a slot still is', () => {
    const host = (inside: string, light = ''): void => {
      document.body.innerHTML = ADDRESS(`<x-icon>${light}</x-icon>`);
      document.querySelector('x-icon')!.attachShadow({ mode: 'open' }).innerHTML = inside;
    };
    host('<style>:host { display: inline }</style><span></span>');
    for (const o of stored(draftOfDocument())) expect(o.dom_tree, o.dom_tree).not.toMatch(/Evergreen|Terrace/);
    // A slot lays out light children inside the root's text, so the tree's order is not the line's: a break (when
    // the host has light children; an empty slot moves nothing, hostile-empty-slots.test.ts).
    host('<b>Home</b><slot></slot>', '<i>icon</i>');
    const [apart] = stored(draftOfDocument());
    expect(apart!.dom_tree).toContain('>742 Evergreen<');
    // With no slot, the root's text is in the line at its host, in the tree's order, as a <b>Home</b> there would
    // be: read joined ('742 EvergreenHome Terrace' is one address to a reader too). It was a break until two
    // components each rendering half of an e-mail address kept both halves (hostile-inline-marks-shadow.test.ts).
    host('<b>Home</b>');
    for (const o of stored(draftOfDocument())) expect(o.dom_tree, o.dom_tree).not.toMatch(/Evergreen|Terrace/);
  });

  it('a word glued between a word and a redaction takes the chain with it, as a reader reads one word', () => {
    const [o] = stored(pageDraft('<p>Write <span>jane.doe</span><span>zz</span>@example.com today</p>'));
    expect(o!.dom_tree).not.toMatch(/jane|zz|example/);
    expect(o!.dom_tree).toMatch(/Write /);
    expect(o!.dom_tree).toMatch(/ today/);
  });
});
