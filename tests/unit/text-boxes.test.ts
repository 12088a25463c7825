// @vitest-environment happy-dom
// DomSnapshotter.textBoxes(): the boxes of painted text the DOM explains (the worker OCRs detected text
// lines outside them). happy-dom does no layout: each element's box and each text node's line rects are
// stubbed below, as Chrome would report them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Box } from '../../src/core/schema';
import { DomSnapshotter } from '../../src/content/dom-snapshot';
import { ElementIds } from '../../src/content/element-ids';
import { passThroughRedactor } from '../../src/core/redactor';
import { DEFAULT_LIMITS } from '../../src/content/dom-snapshot';
import { addLine, clippedBox } from '../../src/content/text-boxes';

const rect = (x: number, y: number, width: number, height: number): DOMRect =>
  ({ x, y, left: x, top: y, width, height, right: x + width, bottom: y + height, toJSON: () => ({}) }) as DOMRect;
const ZERO = rect(0, 0, 0, 0);
const asBox = (r: DOMRect): Box => ({ x: r.left, y: r.top, width: r.width, height: r.height });

/** Element boxes by id; html and body fill the page, an element without an id has no box of its own here. */
let layout: Record<string, DOMRect> = {};
/** Line rects of a text node, by its text; a text node not listed paints one line: its parent's box. */
let lines: Record<string, DOMRect[]> = {};
const boxOf = (el: Element): DOMRect => {
  if (el.localName === 'html' || el.localName === 'body') return rect(0, 0, 1024, 3000);
  return (el.id && layout[el.id]) || ZERO;
};

const saved = {
  box: Element.prototype.getBoundingClientRect,
  rects: Range.prototype.getClientRects,
  style: window.getComputedStyle,
  hit: document.elementFromPoint,
};
beforeEach(() => {
  layout = {};
  lines = {};
  document.head.innerHTML = '';
  Element.prototype.getBoundingClientRect = function (this: Element) { return boxOf(this); };
  Range.prototype.getClientRects = function (this: Range) {
    const node = this.startContainer;
    const own = node.nodeType === Node.TEXT_NODE ? lines[(node as Text).data] : undefined;
    return (own ?? [node.parentElement ? boxOf(node.parentElement) : ZERO]) as unknown as DOMRectList;
  };
});
afterEach(() => {
  Element.prototype.getBoundingClientRect = saved.box;
  Range.prototype.getClientRects = saved.rects;
  window.getComputedStyle = saved.style;
  document.elementFromPoint = saved.hit;
});

/**
 * The walk's time budget (50 ms) guards a page's main thread; on a test machine loaded by other suites it cut the
 * walk short and a count came out low. These tests check what is measured, never how fast.
 */
const UNTIMED = { maxMs: 60_000 };

function setup(html: string, boxes: Record<string, DOMRect>, offset?: { x: number; y: number }): DomSnapshotter {
  document.body.innerHTML = html;
  layout = boxes;
  const snap = offset
    ? new DomSnapshotter(document, new ElementIds(), passThroughRedactor, DEFAULT_LIMITS, () => offset)
    : new DomSnapshotter(document, new ElementIds(), passThroughRedactor);
  snap.snapshot();
  return snap;
}

describe('textBoxes: painted text the DOM explains', () => {
  it('leaves out text that paints nothing where it lies, or paints a copy elsewhere: transparent, text-shadow', () => {
    // A transparent line with a secret's shadow on it: neither box may vouch for what the detector finds there.
    // (-webkit-text-fill-color is checked too, but happy-dom does not compute it.)
    const snap = setup('<p id="clear">Clear line</p><p id="ghost" style="color: transparent">Ghost line</p>'
      + '<p id="shadow" style="text-shadow: 0 80px 0 #000">Shadow line</p>', {
      clear: rect(10, 10, 200, 20), ghost: rect(10, 40, 200, 20), shadow: rect(10, 100, 200, 20),
    });
    expect(snap.textBoxes(UNTIMED).boxes).toEqual([asBox(rect(10, 10, 200, 20))]);
  });

  it('gives one box per line of an element, merging the text nodes of one line', () => {
    const snap = setup('<p id="p">Hello <b id="b">big</b> world</p><p id="two">First line and second line</p>', {
      p: rect(10, 10, 300, 20), b: rect(60, 10, 30, 20), two: rect(10, 40, 300, 40),
    });
    lines = {
      'Hello ': [rect(10, 10, 50, 20)],
      ' world': [rect(90, 10, 50, 20)],
      'First line and second line': [rect(10, 40, 280, 20), rect(10, 60, 120, 20)],
    };
    const { boxes, complete } = snap.textBoxes(UNTIMED);
    expect(complete).toBe(true);
    expect(boxes).toHaveLength(4);
    expect(boxes).toEqual(expect.arrayContaining([
      { x: 10, y: 10, width: 130, height: 20 }, // "Hello " and " world": one line of <p>
      asBox(layout.b!),
      { x: 10, y: 40, width: 280, height: 20 },
      { x: 10, y: 60, width: 120, height: 20 },
    ]));
  });

  it("gives a field's box when it shows a value, a placeholder, a label or an option; none for an empty field or a checkbox", () => {
    const snap = setup(`
      <input id="value" value="usb cable"><input id="ph" placeholder="Search products"><input id="empty">
      <input id="check" type="checkbox" checked><input id="go" type="submit"><textarea id="note">Left at the door</textarea>
      <select id="pick"><option>One</option><option selected>Two</option></select><button id="buy">Buy</button>`, {
      value: rect(0, 0, 200, 24), ph: rect(0, 30, 200, 24), empty: rect(0, 60, 200, 24), check: rect(0, 90, 16, 16),
      go: rect(0, 120, 80, 24), note: rect(0, 150, 300, 60), pick: rect(0, 220, 120, 24), buy: rect(0, 250, 60, 24),
    });
    const boxes = snap.textBoxes(UNTIMED).boxes;
    for (const id of ['value', 'ph', 'go', 'note', 'pick', 'buy']) expect(boxes).toContainEqual(asBox(layout[id]!));
    expect(boxes).toHaveLength(6);
  });

  it("a field's text is in its padding box: border widths and size from client* (no style read)", () => {
    const snap = setup('<input id="q" value="usb cable">', { q: rect(10, 10, 200, 24) });
    const q = document.getElementById('q')!;
    Object.defineProperties(q, {
      clientLeft: { value: 2 }, clientTop: { value: 2 }, clientWidth: { value: 196 }, clientHeight: { value: 20 },
    });
    expect(snap.textBoxes(UNTIMED).boxes).toEqual([{ x: 12, y: 12, width: 196, height: 20 }]);
  });

  it('reads text in an open shadow root', () => {
    const snap = setup('<div id="host"></div>', { host: rect(0, 0, 400, 100), inner: rect(20, 20, 200, 20) });
    document.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML = '<p id="inner">Member since 2020</p>';
    snap.snapshot();
    expect(snap.textBoxes(UNTIMED).boxes).toEqual([asBox(layout.inner!)]);
  });

  it('leaves out text scrolled out of the viewport and clips text across its edge', () => {
    const snap = setup('<p id="above">Above</p><p id="below">Below</p><p id="edge">Across the bottom edge</p><div id="far"><p id="deep">Deep</p></div>', {
      above: rect(0, -100, 300, 20), below: rect(0, 900, 300, 20), edge: rect(0, 758, 300, 20),
      far: rect(0, 2000, 300, 200), deep: rect(0, 2000, 300, 20),
    });
    const probe = vi.spyOn(layout, 'deep', 'get'); // never measured: its off-screen parent is not walked
    expect(snap.textBoxes(UNTIMED).boxes).toEqual([{ x: 0, y: 758, width: 300, height: window.innerHeight - 758 }]);
    expect(probe).not.toHaveBeenCalled();
  });

  it('stops measuring a long list once many siblings in a row lie below the viewport', () => {
    const html = Array.from({ length: 200 }, (_, i) => `<li id="li${i}">Item ${i}</li>`).join('');
    const boxes = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`li${i}`, rect(0, 20 * i, 200, 18)]));
    const snap = setup(`<ul id="list">${html}</ul>`, { ...boxes, list: rect(0, 0, 200, 4000) });
    let measured = 0;
    Element.prototype.getBoundingClientRect = function (this: Element) {
      if (this.localName === 'li') measured++;
      return boxOf(this);
    };
    expect(snap.textBoxes(UNTIMED).boxes).toHaveLength(39); // rows 0-38 meet the 768 px viewport
    expect(measured).toBe(39 + 32);
  });

  it('leaves out hidden text: display:none, hidden, visibility:hidden, opacity 0; keeps a visible child of a hidden parent', () => {
    const snap = setup(`
      <div style="display: none"><p id="none">None</p></div><p id="attr" hidden>Hidden attribute</p>
      <div id="vh" style="visibility: hidden">Invisible <span id="shown" style="visibility: visible">Shown</span></div>
      <p id="faded" style="opacity: 0">Faded</p><p id="plain">Plain</p>`, {
      none: rect(0, 0, 100, 20), attr: rect(0, 30, 100, 20), vh: rect(0, 60, 300, 20), shown: rect(100, 60, 60, 20),
      faded: rect(0, 90, 100, 20), plain: rect(0, 120, 100, 20),
    });
    // happy-dom's checkVisibility looks at ancestors' visibility, which Chrome's computed (inherited) value does not.
    const check = Element.prototype.checkVisibility;
    Element.prototype.checkVisibility = function (this: Element, o?: CheckVisibilityOptions) {
      return this.id === 'shown' || check.call(this, o);
    };
    try {
      expect(snap.textBoxes(UNTIMED).boxes).toEqual([asBox(layout.shown!), asBox(layout.plain!)]);
    } finally {
      Element.prototype.checkVisibility = check;
    }
  });

  it('leaves out media: canvas, img, video, svg text (mediaRegions OCRs them)', () => {
    const snap = setup(`<canvas id="c">Fallback text</canvas><img id="i" src="x.png" alt="Alt text"><video id="v">No video</video>
      <svg id="s"><text id="t">4111 1111 1111 1111</text></svg><p id="p">Caption</p>`, {
      c: rect(0, 0, 300, 100), i: rect(0, 110, 200, 100), v: rect(0, 220, 200, 100), s: rect(0, 330, 200, 40), t: rect(0, 330, 200, 20),
      p: rect(0, 380, 200, 20),
    });
    expect(snap.textBoxes(UNTIMED).boxes).toEqual([asBox(layout.p!)]);
  });

  it('caps the boxes and says the list is incomplete', () => {
    const html = Array.from({ length: 30 }, (_, i) => `<p id="p${i}">Row ${i}</p>`).join('');
    const boxes = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}`, rect(0, 20 * i, 200, 18)]));
    const snap = setup(html, boxes);
    const capped = snap.textBoxes({ maxBoxes: 10 });
    expect(capped.boxes).toHaveLength(10);
    expect(capped.complete).toBe(false);
    const all = snap.textBoxes(UNTIMED);
    expect(all.boxes).toHaveLength(30);
    expect(all.complete).toBe(true);
  });

  it('places boxes with the window offset, and clips to that window', () => {
    const snap = setup('<p id="p">In a frame</p><p id="out">Past its viewport</p>', { p: rect(10, 10, 100, 20), out: rect(10, 800, 100, 20) }, { x: 200, y: 100 });
    expect(snap.textBoxes(UNTIMED).boxes).toEqual([{ x: 210, y: 110, width: 100, height: 20 }]);
  });

  it("clips text to a scroll container's padding box", () => {
    const snap = setup('<div id="list" style="overflow: auto"><p id="seen">Seen row</p><p id="gone">Scrolled away</p></div>', {
      list: rect(0, 100, 300, 100), seen: rect(0, 150, 300, 20), gone: rect(0, 250, 300, 20),
    });
    const list = document.getElementById('list')!;
    Object.defineProperties(list, {
      scrollHeight: { value: 400 }, clientHeight: { value: 100 }, clientWidth: { value: 300 }, scrollWidth: { value: 300 },
    });
    window.getComputedStyle = ((el: Element, pseudo?: string | null) => (el === list
      ? ({ overflowX: 'auto', overflowY: 'auto', display: 'block' } as CSSStyleDeclaration)
      : saved.style.call(window, el, pseudo))) as typeof window.getComputedStyle;
    expect(snap.textBoxes(UNTIMED).boxes).toEqual([asBox(layout.seen!)]);
  });

  it('gives the box of an element whose ::before/::after paints text; not of one whose content is none', () => {
    document.head.innerHTML = '<style>.tip::after { content: attr(data-tip) } .none::before { content: none }</style>';
    window.getComputedStyle = ((el: Element, pseudo?: string | null) => (pseudo
      ? ({ content: pseudo === '::after' && el.id === 'tip' ? 'attr(data-tip)' : 'none' } as CSSStyleDeclaration)
      : saved.style.call(window, el))) as typeof window.getComputedStyle;
    const snap = setup('<span id="tip" class="tip" data-tip="Free shipping"></span><span id="quiet" class="tip none" data-tip=""></span>', {
      tip: rect(0, 0, 120, 20), quiet: rect(0, 30, 120, 20),
    });
    expect(snap.textBoxes(UNTIMED).boxes).toEqual([asBox(layout.tip!)]);
  });

  it('finds text painted on screen under an off-screen ancestor (a fixed banner in a footer) by hit tests', () => {
    const snap = setup('<footer id="foot"><div id="banner"><p id="cookie">We use cookies</p></div></footer>', {
      foot: rect(0, 2000, 1024, 200), banner: rect(0, 700, 1024, 60), cookie: rect(10, 710, 300, 20),
    });
    document.elementFromPoint = (x: number, y: number): Element | null =>
      (y >= 700 && y < 760 ? document.getElementById(x < 310 && y >= 710 && y < 730 ? 'cookie' : 'banner') : document.body);
    expect(snap.textBoxes(UNTIMED).boxes).toEqual([asBox(layout.cookie!)]);
  });
});

describe('textBoxes geometry helpers', () => {
  const r = (left: number, top: number, right: number, bottom: number) => ({ left, top, right, bottom });

  it('merges fragments of one line that are near; keeps far ones and other lines apart', () => {
    const out = [r(0, 0, 50, 20)];
    addLine(out, r(55, 2, 100, 20)); // same line, near
    addLine(out, r(600, 0, 650, 20)); // same row, far: a gap is not text
    addLine(out, r(0, 20, 80, 40)); // next line
    expect(out).toEqual([r(0, 0, 100, 20), r(600, 0, 650, 20), r(0, 20, 80, 40)]);
  });

  it('clips to the viewport and drops what is left empty', () => {
    expect(clippedBox(r(-10, -10, 20, 20), r(0, 0, 100, 100))).toEqual({ x: 0, y: 0, width: 20, height: 20 });
    expect(clippedBox(r(100, 0, 120, 20), r(0, 0, 100, 100))).toBeNull();
  });
});
