// @vitest-environment happy-dom
// Text the page paints but the snapshot used to skip (issue 22): each path must end up blurred, as a
// redacted region scrubbed here, or as a media region for OCR where the text cannot be read.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Box } from '../../src/core/schema';

// The content script's closed-root opener is chosen when dom-snapshot loads: Chrome's shape, set up before.
const closed = vi.hoisted(() => {
  const roots = new WeakMap<object, ShadowRoot>();
  const refused = new WeakSet<object>();
  (globalThis as unknown as { chrome: unknown }).chrome = {
    dom: {
      openOrClosedShadowRoot: (el: object): ShadowRoot | null => {
        if (refused.has(el)) throw new Error('the browser refused to open this root');
        return roots.get(el) ?? null;
      },
    },
  };
  return { roots, refused };
});

import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultConfig } from '../../src/core/scrub/default-config';

const EMAIL = 'kim.sato@example-bank.org';
const CARD = '4111 1111 1111 1111';
const config = defaultConfig();
const scrubber = createScrubber({ ...config, ner: { ...config.ner, enabled: false } }, null);

const rect = (x: number, y: number, width: number, height: number): DOMRect =>
  ({ x, y, left: x, top: y, width, height, right: x + width, bottom: y + height, toJSON: () => ({}) }) as DOMRect;
const ZERO = rect(0, 0, 0, 0);

// happy-dom does no layout: each element with an id gets a box of its own (row i at y = 30 i), others a
// default one; options of a closed <select> have none (as in Chrome: the shown label is the select's paint),
// and a text range's rects are its parent's box.
const boxOf = (el: Element): DOMRect => {
  if (el.localName === 'option' || el.localName === 'optgroup') return ZERO;
  // By id, not identity: happy-dom hands out a <select> both bare and wrapped in a Proxy.
  const row = el.id ? Array.from(document.querySelectorAll('[id]'), (e) => e.id).indexOf(el.id) : -1;
  return row >= 0 ? rect(10, 30 * row, 300, 20) : rect(0, 0, 800, 600);
};
const saved = {
  box: Element.prototype.getBoundingClientRect,
  rects: Range.prototype.getClientRects,
  style: window.getComputedStyle,
};
beforeEach(() => {
  document.head.innerHTML = '';
  Element.prototype.getBoundingClientRect = function (this: Element) { return boxOf(this); };
  Range.prototype.getClientRects = function (this: Range) {
    const parent = this.startContainer.parentElement;
    return [parent ? boxOf(parent) : rect(0, 0, 400, 20)] as unknown as DOMRectList;
  };
});
afterEach(() => {
  Element.prototype.getBoundingClientRect = saved.box;
  Range.prototype.getClientRects = saved.rects;
  window.getComputedStyle = saved.style;
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A snapshotter over `html`; the first snapshot builds the tree, and the idle sweep then finds what is near the viewport. */
async function setup(html: string, before?: () => void) {
  document.body.innerHTML = html;
  before?.();
  const snap = startSnapshotter(document, new ElementIds(), scrubber);
  snap.snapshot();
  await sleep(120);
  return snap;
}

const boxById = (id: string): Box => {
  const r = boxOf(document.getElementById(id)!);
  return { x: r.left, y: r.top, width: r.width, height: r.height };
};

describe('painted text the snapshot skipped is scrubbed and its box blurred', () => {
  it('aria-hidden text stays in the tree, scrubbed, and its secret is blurred', async () => {
    const snap = await setup(`<div id="a" aria-hidden="true">Owner ${EMAIL}</div>`);
    const shot = snap.snapshot();
    expect(shot.redactedRegions).toContainEqual(boxById('a'));
    expect(shot.redactions.email).toBe(1);
    expect(shot.xml).toContain('aria-hidden="true"');
    expect(shot.xml).not.toContain(EMAIL);
  });

  it('a visibility:visible child of a visibility:hidden parent is serialised and blurred; hidden text is still scrubbed', async () => {
    const snap = await setup(`<div id="outer" style="visibility: hidden">Hidden ${CARD}
      <span id="shown" style="visibility: visible">Mail ${EMAIL}</span></div>`);
    const shot = snap.snapshot();
    expect(shot.redactedRegions).toContainEqual(boxById('shown'));
    expect(shot.redactedRegions).toContainEqual(boxById('outer'));
    expect(shot.xml).toMatch(/<span id="\d+" dom-id="shown">Mail [^<]*<\/span>/);
    expect(shot.xml).not.toContain(EMAIL);
    expect(shot.xml).not.toContain('Hidden');
  });

  it('a closed shadow root on a plain div is opened and read like an open one', async () => {
    const snap = await setup('<div id="host"></div>', () => {
      const host = document.getElementById('host')!;
      const root = host.attachShadow({ mode: 'closed' });
      root.innerHTML = `<p id="inner">Member ${EMAIL}</p>`;
      closed.roots.set(host, root);
    });
    const shot = snap.snapshot();
    expect(shot.xml).toMatch(/<shadow-root><p id="\d+" dom-id="inner">Member [^<]*<\/p><\/shadow-root>/);
    expect(shot.xml).not.toContain(EMAIL);
    expect(shot.redactions.email).toBe(1);
    expect(shot.redactedRegions).toHaveLength(1);
    expect(shot.mediaRegions).toEqual([]);
  });

  it('a closed shadow root the browser will not open is left to OCR as a closed-shadow media region', async () => {
    const snap = await setup('<section id="locked"></section>', () => {
      const host = document.getElementById('locked')!;
      host.attachShadow({ mode: 'closed' }).innerHTML = `Member ${EMAIL}`;
      closed.refused.add(host);
    });
    const shot = snap.snapshot();
    expect(shot.mediaRegions).toEqual([{ ...boxById('locked'), kind: 'closed-shadow' }]);
  });

  it("a closed <select> shows its selected option's label: the select's box is blurred", async () => {
    const snap = await setup(`<select id="s"><option>Choose</option><option selected>${EMAIL}</option></select>`);
    expect(snap.snapshot().redactedRegions).toContainEqual(boxById('s'));
  });

  it('an option label attribute and a list box show every option: the select is blurred', async () => {
    const snap = await setup(`
      <select id="labelled"><option label="Card ${CARD}" selected>Card</option></select>
      <select id="list" size="3"><option selected>one</option><option>${EMAIL}</option></select>`);
    const shot = snap.snapshot();
    expect(shot.redactedRegions).toContainEqual(boxById('labelled'));
    expect(shot.redactedRegions).toContainEqual(boxById('list'));
    expect(shot.redactions.credit_card).toBe(1);
  });

  it("an empty field paints its placeholder: a secret there blurs the field; a filled field's placeholder is not shown", async () => {
    const snap = await setup(`<input id="empty" placeholder="e.g. ${EMAIL}"><input id="filled" value="usb cable" placeholder="e.g. ${EMAIL}">`);
    const shot = snap.snapshot();
    expect(shot.redactedRegions).toEqual([boxById('empty')]);
  });

  it("a broken image paints its alt text: a secret there blurs the image's box", async () => {
    const snap = await setup(`<img id="pic" src="missing.png" alt="${EMAIL}">`);
    expect(snap.snapshot().redactedRegions).toContainEqual(boxById('pic'));
  });

  it('::before and ::after content (strings and attr()) near the viewport is scrubbed: the element is blurred', async () => {
    const snap = await setup(`<span id="tip" class="tip" data-email="${EMAIL}">Contact</span><b id="card" class="card">on file</b>`, () => {
      document.head.innerHTML = `<style>.tip::after { content: " " attr(data-email) } @media screen { .card:before { content: "Card ${CARD} " } }</style>`;
      // happy-dom computes no pseudo-element style: what Chrome returns for these rules.
      window.getComputedStyle = ((el: Element, pseudo?: string | null) => {
        const content = el.id === 'tip' && pseudo === '::after' ? '" " attr(data-email)' : el.id === 'card' && pseudo === '::before' ? `"Card ${CARD} "` : 'none';
        return pseudo ? ({ content } as CSSStyleDeclaration) : saved.style.call(window, el);
      }) as typeof window.getComputedStyle;
    });
    const shot = snap.snapshot();
    expect(shot.redactedRegions).toContainEqual(boxById('tip'));
    expect(shot.redactedRegions).toContainEqual(boxById('card'));
    expect(shot.xml).not.toContain(EMAIL);
  });

  it('a ::after rule from a style sheet loaded after the tree was built reaches elements built before it', async () => {
    const snap = await setup(`<span id="late" class="late" data-email="${EMAIL}">Contact</span>`, () => {
      window.getComputedStyle = ((el: Element, pseudo?: string | null) =>
        pseudo ? ({ content: pseudo === '::after' && el.id === 'late' ? 'attr(data-email)' : 'none' } as CSSStyleDeclaration) : saved.style.call(window, el)) as typeof window.getComputedStyle;
    });
    expect(snap.snapshot().redactedRegions).toEqual([]);
    document.head.insertAdjacentHTML('beforeend', '<style>.late::after { content: attr(data-email) }</style>');
    snap.snapshot();
    await sleep(120); // the idle sweep finds the element near the viewport
    expect(snap.snapshot().redactedRegions).toEqual([boxById('late')]);
  });

  it('a value set by script (no event, no mutation) is re-read at the snapshot: scrubbed and blurred', async () => {
    const snap = await setup('<input id="q"><input id="pw" type="password"><select id="pick"><option>none</option><option>' + EMAIL + '</option></select>');
    // The empty password field is blurred from the start (see the next test).
    expect(snap.snapshot().redactedRegions).toEqual([boxById('pw')]);
    (document.getElementById('q') as HTMLInputElement).value = `mail ${EMAIL}`;
    (document.getElementById('pw') as HTMLInputElement).value = 'hunter2';
    (document.getElementById('pick') as HTMLSelectElement).selectedIndex = 1;
    const shot = snap.snapshot();
    expect(shot.xml).not.toContain(EMAIL);
    expect(shot.xml).not.toContain('hunter2');
    expect(shot.xml).toContain('value="mail ');
    expect(shot.redactedRegions).toEqual(expect.arrayContaining([boxById('q'), boxById('pw'), boxById('pick')]));
    expect(shot.redactions.credential).toBe(1);
  });

  it('an empty sensitive field is blurred, not counted: what is typed or autofilled after the snapshot is covered', async () => {
    const snap = await setup(`
      <input id="cvc" autocomplete="cc-csc" inputmode="numeric"><input id="card" name="cardnumber" placeholder="1234 1234 1234 1234">
      <input id="pw" type="password"><input id="note" placeholder="Delivery note"><textarea id="plain"></textarea>`);
    const empty = snap.snapshot();
    expect(empty.redactedRegions).toEqual(expect.arrayContaining([boxById('cvc'), boxById('card'), boxById('pw')]));
    expect(empty.redactedRegions).toHaveLength(3);
    expect(empty.redactions).toEqual({});
    // Typed into (an input event rebuilds the field): still blurred, now counted as the credential it holds.
    const cvc = document.getElementById('cvc') as HTMLInputElement;
    cvc.value = '9173';
    cvc.dispatchEvent(new Event('input', { bubbles: true }));
    const typed = snap.snapshot();
    expect(typed.xml).not.toContain('9173');
    expect(typed.redactedRegions).toEqual(expect.arrayContaining([boxById('cvc'), boxById('card'), boxById('pw')]));
    expect(typed.redactions).toEqual({ credential: 1 });
  });

  it('the same paths with harmless text give no region and count nothing', async () => {
    const snap = await setup(`
      <div aria-hidden="true">Decoration</div>
      <div style="visibility: hidden">Hidden note <span style="visibility: visible">Shown note</span></div>
      <div id="host"></div>
      <select><option>One</option><option selected label="Two">2</option></select><select size="3"><option>a</option></select>
      <input id="f" placeholder="Search products"><img src="x.png" alt="A cable">
      <span class="tip" data-tip="Free shipping">Info</span>`, () => {
      const host = document.getElementById('host')!;
      const root = host.attachShadow({ mode: 'closed' });
      root.innerHTML = '<p>Member since 2020</p>';
      closed.roots.set(host, root);
      document.head.innerHTML = '<style>.tip::after { content: attr(data-tip) }</style>';
      window.getComputedStyle = ((el: Element, pseudo?: string | null) =>
        pseudo ? ({ content: pseudo === '::after' && el.classList.contains('tip') ? 'attr(data-tip)' : 'none' } as CSSStyleDeclaration) : saved.style.call(window, el)) as typeof window.getComputedStyle;
    });
    (document.getElementById('f') as HTMLInputElement).value = 'usb cable';
    const shot = snap.snapshot();
    expect(shot.redactedRegions).toEqual([]);
    expect(shot.redactions).toEqual({});
    expect(shot.mediaRegions.filter((m) => m.kind === 'closed-shadow')).toEqual([]);
    expect(shot.xml).toContain('Member since 2020');
    expect(shot.xml).toContain('value="usb cable"');
  });
});
