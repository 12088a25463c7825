// @vitest-environment happy-dom
// Block-tag items a flex row or a grid of columns lays out side by side: a reader sees one line across them (a chip
// row, the boxes of a code input or a masked-card widget), yet each item's display is a block's (the container
// blockifies it), so `<div class="row"><div>4012</div><div>8888 8888 1881</div></div>` kept both halves of the
// card, each in its own run. The snapshot now marks such an item inline="true" as it does an inline-block, through
// the path a real observation takes; a column flex, a one-column grid and an item out of flow still end runs, and the
// blocks inside an item do too.
import { afterEach, describe, expect, it } from 'vitest';
import { ElementIds } from '../../src/content/element-ids';
import { withAssembledTree } from '../../src/core/dom-tree-parts';
import { stepDraft } from './fixtures';
import { draftOfDocument, scrubber, stored } from './observed-page';
import { startSnapshotter } from './started-snapshotter';

const STYLE = `<style>
  .flex { display: flex } .iflex { display: inline-flex } .wrap { display: flex; flex-wrap: wrap }
  .rrev { display: flex; flex-direction: row-reverse } .col { display: flex; flex-direction: column }
  .colrev { display: flex; flex-direction: column-reverse }
  .g2 { display: grid; grid-template-columns: 1fr 1fr } .grep { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)) }
  .gnamed { display: grid; grid-template-columns: [start] 120px [middle] 120px [end] }
  .gfill { display: inline-grid; grid-template-columns: repeat(auto-fill, minmax(80px, 1fr)) }
  .g1 { display: grid; grid-template-columns: 1fr } .gnone { display: grid }
  .abs { position: absolute } .c { display: contents }
</style>`;

// Each half alone is no secret to the page's node-by-node scrub (eight digits in two groups are a phone number, an
// address's domain alone is redacted): only a run read across the items finds the card.
const FIRST = '4012';
const SECOND = '8888 8888 1881';
const HALVES = (cls: string, item = 'div'): string =>
  `<div>Card on file</div><div class="${cls}"><${item}>${FIRST}</${item}><${item}>${SECOND}</${item}></div><div>today</div>`;
const LEAK = /4012|8888/;

function observed(html: string): ReturnType<typeof stored> {
  document.head.innerHTML = '';
  document.body.innerHTML = STYLE + html;
  return stored(draftOfDocument());
}

describe('items a container lays out side by side', () => {
  it.each([
    ['a flex row', HALVES('flex')],
    ['an inline flex row', HALVES('iflex')],
    ['a wrapping flex row', HALVES('wrap')],
    ['a reversed flex row', HALVES('rrev')],
    ['a flex row of <li>s', `<div>Card on file</div><ul class="flex"><li>${FIRST}</li><li>${SECOND}</li></ul>`],
    ['a flex row of <p>s with text beside them', `<div class="flex">Card <p>${FIRST}</p><p>${SECOND}</p></div>`],
    ['a grid of two columns', HALVES('g2')],
    ['a grid of repeat(2, …) columns', HALVES('grep')],
    ['a grid of named lines', HALVES('gnamed')],
    ['an auto-fill grid', HALVES('gfill')],
    ['the items of a flex row through a display:contents wrapper', `<div class="flex"><section class="c"><div>${FIRST}</div><div>${SECOND}</div></section></div>`],
  ])('%s: neither half stored', (_name, html) => {
    const observations = observed(html);
    for (const o of observations) {
      expect(o.dom_tree, o.dom_tree).not.toMatch(LEAK);
      expect(o.axtree ?? '', o.axtree).not.toMatch(LEAK);
    }
    expect(observations[0]!.dom_tree).toContain(' inline="true"');
    expect(observations[0]!.dom_tree).toMatch(/REDACTED/);
  });

  it.each([
    ['a column flex', HALVES('col')],
    ['a reversed column flex', HALVES('colrev')],
    ['a one-column grid', HALVES('g1')],
    ['a grid of no column template', HALVES('gnone')],
    ['a block', HALVES('plain')],
  ])('%s stacks them: each half is a line of its own, and kept', (_name, html) => {
    // This is the premise of the cases above too: neither half alone is redacted.
    const [step] = observed(html);
    expect(step!.dom_tree).toContain(FIRST);
    expect(step!.dom_tree).toContain(SECOND);
    expect(step!.dom_tree).not.toContain(' inline="true"');
  });

  it('an item taken out of flow is no item: it still ends the run', () => {
    const [step] = observed(`<div class="flex"><div>${FIRST}</div><div class="abs">${SECOND}</div></div>`);
    expect(step!.dom_tree).toContain(FIRST);
    expect(step!.dom_tree).toContain(SECOND);
  });

  it('the blocks inside an item still end runs', () => {
    // The first item is in the line; its own two blocks are stacked in it, so the first half ends its run there.
    const [step] = observed(`<div class="flex"><div><div>Card</div><div>${FIRST}</div></div><div>${SECOND}</div></div>`);
    expect(step!.dom_tree).toContain(FIRST);
    expect(step!.dom_tree).toContain(SECOND);
    expect(step!.dom_tree.match(/ inline="true"/g)?.length).toBe(2);
  });

  it('the items of a shadow root whose host is a flex row', () => {
    document.head.innerHTML = '';
    document.body.innerHTML = '<div>Card on file</div><div id="host" style="display: flex"></div>';
    document.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML = `<div>${FIRST}</div><div>${SECOND}</div>`;
    for (const o of stored(draftOfDocument())) expect(o.dom_tree, o.dom_tree).not.toMatch(LEAK);
  });
});

describe('the parent\'s style, read once', () => {
  const own = window.getComputedStyle.bind(window);
  afterEach(() => {
    window.getComputedStyle = own;
  });

  /** How many times the row's own computed style is read in one snapshot of a flex row of `n` chips. */
  function rowReads(n: number): number {
    document.head.innerHTML = '';
    document.body.innerHTML = `${STYLE}<div id="row" class="flex">${'<div>chip</div>'.repeat(n)}</div>`;
    const row = document.getElementById('row')!;
    let reads = 0;
    window.getComputedStyle = ((el: Element, pseudo?: string | null) => {
      if (el === row) reads++;
      return own(el, pseudo);
    }) as typeof window.getComputedStyle;
    const [step] = stored(draftOfDocument());
    window.getComputedStyle = own;
    expect(step!.dom_tree.match(/ inline="true"/g)?.length).toBe(n);
    return reads;
  }

  it('a flex row of many chips reads its own style as often as one of few: once a snapshot, not once per chip', () => {
    expect(rowReads(50)).toBe(rowReads(3));
  });
});

describe('a parent that becomes a row, or stops being one, with no mutation on its items', () => {
  /** One snapshotter across the change, as on a recorded page: what was built before is cached. */
  function afterChange(html: string, change: () => void): ReturnType<typeof stored> {
    document.head.innerHTML = '';
    document.body.innerHTML = STYLE + html;
    const snap = startSnapshotter(document, new ElementIds(), scrubber);
    snap.snapshot(null);
    change();
    const s = snap.snapshot(null);
    return stored(withAssembledTree({ ...stepDraft(), domTree: '', domParts: s.parts, axParts: s.axParts }));
  }

  it('a class that makes it a flex row joins the halves', () => {
    const observations = afterChange(`<div>Card on file</div><div id="row"><div>${FIRST}</div><div>${SECOND}</div></div>`, () => {
      document.getElementById('row')!.className = 'flex';
    });
    for (const o of observations) expect(o.dom_tree, o.dom_tree).not.toMatch(LEAK);
  });

  it('a style attribute that makes it a grid of two columns joins the halves', () => {
    const observations = afterChange(`<div>Card on file</div><div id="row"><div>${FIRST}</div><div>${SECOND}</div></div>`, () => {
      document.getElementById('row')!.setAttribute('style', 'display: grid; grid-template-columns: 1fr 1fr');
    });
    for (const o of observations) expect(o.dom_tree, o.dom_tree).not.toMatch(LEAK);
  });

  it('a flex row turned to a column lays them out as lines again: both halves kept', () => {
    const observations = afterChange(`<div>Card on file</div><div id="row" class="flex"><div>${FIRST}</div><div>${SECOND}</div></div>`, () => {
      document.getElementById('row')!.className = 'col';
    });
    for (const o of observations) {
      expect(o.dom_tree).toContain(FIRST);
      expect(o.dom_tree).toContain(SECOND);
      expect(o.dom_tree).not.toContain(' inline="true"');
    }
  });
});
