// @vitest-environment happy-dom
// The label sources and the relabel pass on shapes that could make snapshot() throw, and a field two custom
// elements deep (a design system's field composed of another's).
import { describe, expect, it } from 'vitest';
import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { fieldScrubber as scrubber, layOut, rect } from './laid-out-page';

layOut((el) => (el.classList.contains('t') ? rect(10, 300, 120, 20) : rect(0, 0, 800, 600)));

describe('shapes that must not make snapshot() throw (held)', () => {
  it('hostile ids, self and looping aria-labelledby, a contenteditable <html>, a field moved out of a removed host', () => {
    document.body.innerHTML = '<label for="a&quot;]\\">x</label><input id="a&quot;]\\" aria-labelledby="a&quot;]\\ ] # \\ a&quot;]\\">'
      + '<span id="s1" aria-labelledby="s2">one</span><span id="s2" aria-labelledby="s1">two</span>'
      + '<div contenteditable="" aria-labelledby="s1 s2 nope" id="ce"><div contenteditable="true"><input id="in"></div></div>'
      + '<pay-field id="pf"></pay-field><div id="slotless"></div>';
    const host = document.getElementById('pf')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<label>Card security code <slot></slot></label><input id="inner" aria-labelledby="pf">';
    const snap = startSnapshotter(document, new ElementIds(), scrubber);
    expect(() => snap.snapshot()).not.toThrow();
    // The host leaves while a reference to its inner field is kept; the field is moved into the page.
    const inner = shadow.getElementById('inner')!;
    host.remove();
    document.getElementById('slotless')!.append(inner);
    document.documentElement.setAttribute('contenteditable', 'true');
    document.getElementById('ce')!.setAttribute('id', 'pf');
    expect(() => snap.snapshot()).not.toThrow();
    document.documentElement.removeAttribute('contenteditable');
  });
});

describe('a field two custom elements deep', () => {
  it('control: one deep (held)', () => {
    document.body.innerHTML = '<label for="cvc">Card security code</label><pay-field id="cvc"></pay-field>';
    document.querySelector('pay-field')!.attachShadow({ mode: 'open' }).innerHTML = '<input class="t" value="9173">';
    expect(startSnapshotter(document, new ElementIds(), scrubber).snapshot().xml).not.toContain('9173');
  });

  it('the page labels <pay-field>, whose shadow root holds <base-input>, whose shadow root holds the <input>', () => {
    document.body.innerHTML = '<label for="cvc">Card security code</label><pay-field id="cvc"></pay-field>';
    const outer = document.querySelector('pay-field')!.attachShadow({ mode: 'open' });
    outer.innerHTML = '<base-input></base-input>';
    outer.querySelector('base-input')!.attachShadow({ mode: 'open' }).innerHTML = '<input class="t" value="9173">';
    expect(startSnapshotter(document, new ElementIds(), scrubber).snapshot().xml).not.toContain('9173');
  });
});
