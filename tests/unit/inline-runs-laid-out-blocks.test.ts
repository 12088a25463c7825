// @vitest-environment happy-dom
// A block tag a stylesheet lays out in the line, between the halves of a secret, through the path a real observation
// takes (the page's snapshot, each text node scrubbed alone, the trees assembled, the worker's boundary). The run
// pass read "inline" from tags, so `<div class="i">4111 1111</div><div class="i">1111 1111</div>` with
// `.i { display: inline }` (a chip, a display:contents wrapper, the inline-block digit boxes of a card widget) kept
// both halves of the card in dom_tree and axtree. The snapshot now marks such a block (inline="true") and the run
// pass reads across it; a block laid out as a block still separates the words on either side.
import { describe, expect, it } from 'vitest';
import { ElementIds } from '../../src/content/element-ids';
import { withAssembledTree } from '../../src/core/dom-tree-parts';
import { stepDraft } from './fixtures';
import { draftOfDocument, scrubber, stored } from './observed-page';
import { startSnapshotter } from './started-snapshotter';

const STYLE = `<style>
  .i { display: inline } .ib { display: inline-block } .c { display: contents } .chip { display: inline-flex }
  .g { display: inline-grid }
</style>`;

function observed(html: string): ReturnType<typeof stored> {
  document.body.innerHTML = STYLE + html;
  return stored(draftOfDocument());
}

/** Nothing `leak` matches in the step or the final state, dom_tree or axtree; the step and the final agree. */
function noneStored(html: string, leak: RegExp): ReturnType<typeof stored> {
  const observations = observed(html);
  for (const o of observations) {
    expect(o.dom_tree, o.dom_tree).not.toMatch(leak);
    expect(o.axtree ?? '', o.axtree).not.toMatch(leak);
  }
  expect(observations[1]).toEqual(observations[0]);
  return observations;
}

describe('a secret split across blocks laid out in the line', () => {
  it.each([
    ['a card in two display:inline <div>s', '<div>Card: <div class="i">4111 1111</div><div class="i">1111 1111</div> on file</div>', /4111|1111 1111/],
    ['a card in four inline-block digit boxes', '<div>Card: <div class="ib">4111</div><div class="ib">1111</div><div class="ib">1111</div><div class="ib">1111</div></div>', /4111|1111/],
    ['an email in two inline <p>s', '<div>Mail <p class="i">jane.doe</p><p class="i">@example.com</p></div>', /jane|example/],
    ['an email in two inline-flex chips', '<div>To <div class="chip">jane.doe</div><div class="chip">@example.com</div></div>', /jane|example/],
    ['an IBAN in inline <li>s', '<ul>IBAN <li class="i">DE89370400</li><li class="i">440532013000</li></ul>', /DE89|0532/],
    ['a phone number in inline-grid <div>s', '<div>Call <div class="g">+1 415 555</div><div class="g">0132</div> today</div>', /415|555|0132/],
    ['a card half in a display:contents wrapper', '<div>Card <span>4111 1111</span><div class="c"><span> 1111 1111</span></div></div>', /4111|1111 1111/],
    ['display:contents wrappers around each half', '<div>Card <section class="c"><span>4111 1111</span></section><section class="c"><span> 1111 1111</span></section></div>', /4111|1111 1111/],
    ['a wrapper, the only child of an inline <div>', '<div>Card <div class="i"><div class="c">4111 1111</div></div><div class="i"> 1111 1111</div></div>', /4111|1111 1111/],
    ['a block-tag only child of a <span>', '<div>Card <span>4111 1111</span><span><div class="ib"> 1111 1111</div></span></div>', /4111|1111 1111/],
    ['an empty inline-block spacer <div>', '<div>Ship to <span>742 Evergreen</span><div class="ib"></div><span> Terrace</span></div>', /Evergreen|Terrace/],
  ])('%s: neither half stored', (_name, html, leak) => {
    const [step] = noneStored(html, leak);
    expect(step!.dom_tree).toContain(' inline="true"');
    expect(step!.dom_tree).toMatch(/REDACTED/);
  });

  it('keeps the words around the run', () => {
    const [step] = noneStored('<div>Card: <div class="i">4111 1111</div><div class="i">1111 1111</div> on file</div>', /4111|1111 1111/);
    expect(step!.dom_tree).toMatch(/Card: /);
    expect(step!.dom_tree).toMatch(/ on file/);
  });
});

describe('a block laid out as a block still separates', () => {
  it('"Card" in a block of its own is no part of the card in the next block', () => {
    // Glued to a redaction in the line (no space between inline boxes) "Card" would go with it (inline_run_edge).
    const [apart] = observed('<div><div>Card</div><div>4111 1111 1111 1111</div></div>');
    expect(apart!.dom_tree).toMatch(/>Card</);
    expect(apart!.dom_tree).not.toMatch(/4111/);
    expect(apart!.dom_tree).not.toContain(' inline="true"');
    // The same blocks laid out in the line: read as a reader sees them, "Card4111…", one word.
    const [inline] = observed('<div><div class="i">Card</div><div class="i">4111 1111 1111 1111</div></div>');
    expect(inline!.dom_tree).not.toMatch(/Card|4111/);
  });

  it('a block styled with another display (flex, grid, list-item, table) is not marked', () => {
    document.body.innerHTML = `<style>.f { display: flex } .gr { display: grid } .li { display: list-item } .tb { display: table }</style>
      <div>x<div class="f">a</div><div class="gr">b</div><div class="li">c</div><div class="tb">d</div></div>`;
    const [step] = stored(draftOfDocument());
    expect(step!.dom_tree).not.toContain(' inline="true"');
  });

  it('an element of an inline tag is not marked, and a wrapper that cannot join anything is not asked', () => {
    // The only child of a block starts and ends where its parent does: its display changes no run.
    document.body.innerHTML = `${STYLE}<span class="i">a</span><div><div id="only" class="i">only child</div></div>`;
    // Its display is what is not read (other parts of the snapshot read other properties of its style).
    let asked = 0;
    const own = window.getComputedStyle.bind(window);
    window.getComputedStyle = ((el: Element, pseudo?: string | null) => {
      const style = own(el, pseudo);
      if (el.id !== 'only' || pseudo) return style;
      return new Proxy(style, {
        get(target, key) {
          if (key === 'display') asked++;
          const value: unknown = Reflect.get(target, key, target);
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    }) as typeof window.getComputedStyle;
    try {
      const [step] = stored(draftOfDocument());
      expect(step!.dom_tree).not.toContain(' inline="true"');
    } finally {
      window.getComputedStyle = own;
    }
    expect(asked).toBe(0);
  });
});

describe('an element the hidden attribute hides that a stylesheet shows', () => {
  it('is in the tree and its half of a secret is read with the other', () => {
    document.body.innerHTML = `<style>[hidden].s { display: inline }</style><div>Card <span>4111 1111</span><span hidden class="s"> 1111 1111</span></div>`;
    // happy-dom lays nothing out: the shown element gets the box a browser gives it.
    const shown = document.querySelector('.s')!;
    shown.getBoundingClientRect = () => ({ x: 80, y: 10, left: 80, top: 10, right: 160, bottom: 26, width: 80, height: 16, toJSON: () => ({}) });
    const observations = stored(draftOfDocument());
    for (const o of observations) {
      expect(o.dom_tree, o.dom_tree).not.toMatch(/4111|1111 1111/);
      expect(o.axtree ?? '', o.axtree).not.toMatch(/4111|1111 1111/);
    }
    expect(observations[0]!.dom_tree).toMatch(/Card/);
    expect(observations[0]!.dom_tree.match(/REDACTED/g)?.length).toBe(2);
  });

  it('one the stylesheet leaves hidden, or hidden="until-found", stays out', () => {
    document.body.innerHTML = `<style>.u { display: inline }</style><div>Keep <span hidden>gone</span><span hidden="until-found" class="u">found</span></div>`;
    for (const el of Array.from(document.querySelectorAll('[hidden]'))) {
      el.getBoundingClientRect = () => ({ x: 0, y: 0, left: 0, top: 0, right: 40, bottom: 16, width: 40, height: 16, toJSON: () => ({}) });
    }
    const [step] = stored(draftOfDocument());
    expect(step!.dom_tree).toMatch(/Keep/);
    expect(step!.dom_tree).not.toMatch(/found/);
  });
});

describe('a hostile page against the inline mark', () => {
  it('an attribute the page writes is never read as the mark: its blocks still separate', () => {
    // No stylesheet lays these out inline; the page writes the mark's own text in every way an attribute can carry it.
    const attrs = `inline="true" aria-x=' inline="true"' data-testid='" inline="true' title=' inline="true"'`;
    const [step] = observed(`<div><div ${attrs}>Card</div><div ${attrs}>4111 1111 1111 1111</div></div>`);
    expect(step!.dom_tree).not.toMatch(/ inline="true"/);
    expect(step!.dom_tree).toMatch(/>Card</);
    expect(step!.dom_tree).not.toMatch(/4111/);
  });
});

describe('a page that changes after its blocks were built', () => {
  /** One snapshotter across the change, as on a recorded page: what was built before is cached. */
  function afterChange(html: string, change: () => void): ReturnType<typeof stored> {
    document.body.innerHTML = STYLE + html;
    const snap = startSnapshotter(document, new ElementIds(), scrubber);
    snap.snapshot(null);
    change();
    const s = snap.snapshot(null);
    return stored(withAssembledTree({ ...stepDraft(), domTree: '', domParts: s.parts, axParts: s.axParts }));
  }

  it('an inline chip built as an only child is read again when a second chip comes beside it', () => {
    const observations = afterChange('<div>To</div><div id="chips"><div class="chip">jane.doe</div></div>', () => {
      document.getElementById('chips')!.insertAdjacentHTML('beforeend', '<div class="chip">@example.com</div>');
    });
    for (const o of observations) expect(o.dom_tree, o.dom_tree).not.toMatch(/jane|example/);
  });

  it('the only child of a block that a class lays out inline later is read again', () => {
    const observations = afterChange('<div>To <span>jane.doe</span><div id="box"><div class="ib">@example.com</div></div></div>', () => {
      document.getElementById('box')!.className = 'i';
    });
    for (const o of observations) expect(o.dom_tree, o.dom_tree).not.toMatch(/jane|example/);
  });
});
