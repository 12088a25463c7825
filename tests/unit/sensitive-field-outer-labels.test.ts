// @vitest-environment happy-dom
// The label sources outside a field (a shadow host's label, aria-label and aria-labelledby; the label around a
// slot; aria-labelledby targets) name it sensitive; a later change to one of them, with no mutation on the field,
// rebuilds it: the value it wrote while harmless does not stay in the clear.
import { describe, expect, it } from 'vitest';
import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { fieldScrubber as scrubber, layOut, rect } from './laid-out-page';


layOut((el) => (el.classList.contains('t') ? rect(10, 300, 120, 20) : rect(0, 0, 800, 600)));
const FIELD_BOX = { x: 10, y: 300, width: 120, height: 20 };
const CODE = '9173';

/** A page whose field holds CODE while nothing names it sensitive: the first snapshot writes it (that is right). */
function setup(html: string, shadow?: () => void) {
  document.body.innerHTML = html;
  shadow?.();
  const snap = startSnapshotter(document, new ElementIds(), scrubber);
  expect(snap.snapshot().xml).toContain(CODE);
  return snap;
}
/** The same page snapshotted afresh keeps the code out: the gap is the stale build, not the rule. */
function freshHides(): void {
  expect(startSnapshotter(document, new ElementIds(), scrubber).snapshot().xml).not.toContain(CODE);
}
const payField = (): Element => document.querySelector('pay-field')!;
const innerField = (): void => { payField().attachShadow({ mode: 'open' }).innerHTML = `<input class="t" value="${CODE}">`; };

describe('a field named sensitive later, by a source outside its own tree', () => {
  it('control: an input\'s own aria-labelledby target renamed (held)', () => {
    const snap = setup(`<span id="cl">Notes</span><input aria-labelledby="cl" class="t" value="${CODE}">`);
    document.getElementById('cl')!.textContent = 'Card security code';
    const s = snap.snapshot();
    expect(s.xml).not.toContain(CODE);
    expect(s.redactedRegions).toContainEqual(FIELD_BOX);
  });

  it('a <label for> naming the shadow host added later: the inner field keeps its code in the clear', () => {
    const snap = setup('<div id="slot"></div><pay-field id="cvc"></pay-field>', innerField);
    document.getElementById('slot')!.innerHTML = '<label for="cvc">Card security code</label>';
    freshHides();
    const s = snap.snapshot();
    expect(s.xml).not.toContain(CODE);
    expect(s.axtree).not.toContain(CODE);
  });

  it('the shadow host\'s aria-label set later (a framework hydrating its props)', () => {
    const snap = setup('<pay-field></pay-field>', innerField);
    payField().setAttribute('aria-label', 'Card security code');
    freshHides();
    expect(snap.snapshot().xml).not.toContain(CODE);
  });

  it('the text of the shadow host\'s aria-labelledby target changed (a label translated after load)', () => {
    const snap = setup('<span id="hl">Notes</span><pay-field aria-labelledby="hl"></pay-field>', innerField);
    document.getElementById('hl')!.textContent = 'Card security code';
    freshHides();
    expect(snap.snapshot().xml).not.toContain(CODE);
  });

  it('the text of the <label> around the slot a field is assigned to changed', () => {
    const snap = setup(`<pay-field><input slot="control" class="t" value="${CODE}"></pay-field>`, () => {
      payField().attachShadow({ mode: 'open' }).innerHTML = '<label><span id="lt">Notes</span> <slot name="control"></slot></label>';
    });
    payField().shadowRoot!.getElementById('lt')!.textContent = 'Card security code';
    freshHides();
    expect(snap.snapshot().xml).not.toContain(CODE);
  });
});

describe('a contenteditable made sensitive later (held)', () => {
  it('its aria-labelledby target renamed', () => {
    const snap = setup(`<span id="l">Notes</span><div contenteditable="true" aria-labelledby="l" class="t"><p>${CODE}</p></div>`);
    document.getElementById('l')!.textContent = 'Card security code';
    const s = snap.snapshot();
    expect(s.xml).not.toContain(CODE);
    expect(s.axtree).not.toContain(CODE);
    expect(s.redactedRegions).toContainEqual(FIELD_BOX);
  });

  it('contenteditable turned on over labelled text, and text typed into a child element after', () => {
    const snap = setup(`<div aria-label="Password" class="t"><p id="p">${CODE}</p></div>`);
    document.querySelector('div.t')!.setAttribute('contenteditable', 'true');
    expect(snap.snapshot().xml).not.toContain(CODE);
    document.getElementById('p')!.append(' 5521');
    const s = snap.snapshot();
    expect(s.xml).not.toMatch(/9173|5521/);
    expect(s.axtree).not.toMatch(/9173|5521/);
  });
});

describe('a wrapping label\'s control changed by an attribute the relabel pass does not watch', () => {
  // html's label.control is the first labelable descendant, and an <input type=hidden> is not labelable: a
  // change of `type` moves the label to the next field (as the commit's "first control removed" does).
  it('the first input inside the label turned type=hidden', () => {
    const snap = setup(`<label>Card security code <input id="hint" readonly value="3 digits"><input class="t" value="${CODE}"></label>`);
    document.getElementById('hint')!.setAttribute('type', 'hidden');
    expect((document.querySelector('input.t') as HTMLInputElement).labels?.length).toBe(1);
    freshHides();
    expect(snap.snapshot().xml).not.toContain(CODE);
  });
});
