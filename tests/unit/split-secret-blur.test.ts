// @vitest-environment happy-dom
// A secret split across inline pieces (`<span>4111</span><span> 1111 1111 1111</span>`, an IBAN whose second half the
// page cut and whose first it kept) is no secret to any one text node: the worker's run pass cut it from the stored
// tree, but the screenshot was blurred only where the page had redacted a node, and the worker's OCR reads only
// pixels the DOM does not explain. The split card stayed readable in the stored PNG. The page now reads its own tree
// with the same run pass and blurs the pieces it cuts: the image job's redacted regions (the draft's) cover them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => import('./sent-messages').then((m) => m.polyfill));

import type { Box } from '../../src/core/schema';
import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultConfig } from '../../src/core/scrub/default-config';
import { buildStep } from '../../src/core/build-step';
import { sent } from './sent-messages';
import { recordedClick } from './recorded-click';

const config = defaultConfig();
const scrubber = createScrubber({ ...config, ner: { ...config.ner, enabled: false } }, null);

const rect = (x: number, y: number, width: number, height: number): DOMRect =>
  ({ x, y, left: x, top: y, width, height, right: x + width, bottom: y + height, toJSON: () => ({}) }) as DOMRect;

// happy-dom does no layout: each element with an id gets a box of its own (row i at y = 30 i), others one over
// the page; a text range's rects are its parent element's box, or a line of its own with none (a shadow root's text).
const boxOf = (el: Element): DOMRect => {
  const row = el.id ? Array.from(document.querySelectorAll('[id]'), (e) => e.id).indexOf(el.id) : -1;
  return row >= 0 ? rect(10, 30 * row, 300, 20) : rect(0, 0, 800, 600);
};
const SHADOW_TEXT = rect(20, 500, 120, 18);
const saved = { box: Element.prototype.getBoundingClientRect, rects: Range.prototype.getClientRects };
beforeEach(() => {
  document.body.innerHTML = '';
  Element.prototype.getBoundingClientRect = function (this: Element) { return boxOf(this); };
  Range.prototype.getClientRects = function (this: Range) {
    const parent = this.startContainer.parentElement;
    return [parent ? boxOf(parent) : SHADOW_TEXT] as unknown as DOMRectList;
  };
});
afterEach(() => {
  Element.prototype.getBoundingClientRect = saved.box;
  Range.prototype.getClientRects = saved.rects;
});

const boxById = (id: string): Box => {
  const r = boxOf(document.getElementById(id)!);
  return { x: r.left, y: r.top, width: r.width, height: r.height };
};

/** The page's redacted regions for `html`, as a snapshot of it gives them (the step's draft carries these). */
function regionsOf(html: string, before?: () => void): Box[] {
  document.body.innerHTML = html;
  before?.();
  return startSnapshotter(document, new ElementIds(), scrubber).snapshot().redactedRegions;
}

describe('a secret split across inline pieces is blurred where the page paints it', () => {
  it('a card in two spans: both spans are blurred', () => {
    const regions = regionsOf('<p id="p">Card <span id="a">4111</span><span id="b"> 1111 1111 1111</span> on file</p>');
    expect(regions).toContainEqual(boxById('a'));
    expect(regions).toContainEqual(boxById('b'));
    // The paragraph's own text ("Card ", " on file") holds no piece of it.
    expect(regions).not.toContainEqual(boxById('p'));
  });

  it('a piece in text right under a block: that block\'s own text is blurred', () => {
    const regions = regionsOf('<div id="d">Card <b id="a">4111</b> 1111 1111 1111</div>');
    expect(regions).toContainEqual(boxById('a'));
    expect(regions).toContainEqual(boxById('d'));
  });

  it('an IBAN the page cut in part: the half it kept is blurred (inline_run_group)', () => {
    const regions = regionsOf('<p>IBAN <span id="a">GB29 NWBK 6016</span><span id="b"> 1331 9268 19</span></p>');
    expect(regions).toContainEqual(boxById('a'));
    expect(regions).toContainEqual(boxById('b'));
  });

  it('an e-mail address glued to a link: the link is blurred too (inline_run_edge)', () => {
    const regions = regionsOf('<p>Write to <a id="a" href="#">jane.doe</a><span id="b">@example.com</span> today</p>');
    expect(regions).toContainEqual(boxById('a'));
  });

  it('blocks laid out in the line (inline="true"): both are blurred', () => {
    const regions = regionsOf('<section><div id="a" style="display: inline">4111</div><div id="b" style="display: inline">1111 1111 1111</div></section>');
    expect(regions).toContainEqual(boxById('a'));
    expect(regions).toContainEqual(boxById('b'));
  });

  it('a piece written right in a shadow root: its text there is blurred', () => {
    const regions = regionsOf('<p>Card <span id="a">4111</span><x-digits id="host"></x-digits></p>', () => {
      document.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML = ' 1111 1111 1111';
    });
    expect(regions).toContainEqual(boxById('a'));
    expect(regions).toContainEqual({ x: SHADOW_TEXT.left, y: SHADOW_TEXT.top, width: SHADOW_TEXT.width, height: SHADOW_TEXT.height });
  });

  it('pieces no rule reads as a value across a join blur nothing', () => {
    expect(regionsOf('<p>Item <span>4.1</span><span>$12.99</span> <b>Order</b><span> 1234</span></p>')).toEqual([]);
  });

  it('a piece changed after a snapshot is read at the next one', () => {
    document.body.innerHTML = '<p><span id="a">4111</span><span id="b">note</span></p>';
    const snap = startSnapshotter(document, new ElementIds(), scrubber);
    expect(snap.snapshot().redactedRegions).toEqual([]);
    document.getElementById('b')!.textContent = ' 1111 1111 1111';
    const regions = snap.snapshot().redactedRegions;
    expect(regions).toContainEqual(boxById('a'));
    expect(regions).toContainEqual(boxById('b'));
  });
});

describe('through the recorder and the worker', () => {
  const stops: (() => void)[] = [];
  afterEach(() => {
    stops.splice(0).forEach((stop) => stop());
    sent.length = 0;
  });

  it("a click's draft blurs both halves of a card its stored step cuts", async () => {
    document.body.innerHTML = '<main><p>Card <span id="a">4111</span><span id="b"> 1111 1111 1111</span></p><button id="go">Pay</button></main>';
    const draft = await recordedClick(document.getElementById('go')!, scrubber, stops);
    // What the step processor hands the image job as its redacted regions.
    expect(draft.redactedRegions).toContainEqual(boxById('a'));
    expect(draft.redactedRegions).toContainEqual(boxById('b'));
    // And the stored step's tree has the card cut from both pieces: the blur covers what the text lost.
    expect(draft.domTree).toContain('4111</span>');
    const step = buildStep({ draft, seq: 1, tabId: 7, frameId: 0, image: null, scrubber }).step;
    expect(step.observation.dom_tree).not.toContain('4111');
    expect(step.observation.dom_tree).not.toContain(' 1111 1111 1111');
  });
});
