// @vitest-environment happy-dom
// An empty sensitive field is blurred, for what is typed into it before the pixels are taken: the kinds of field
// and the places a field can be, each empty at the snapshot.
import { describe, expect, it, vi } from 'vitest';

// The content script's closed-root opener is chosen when dom-snapshot loads: Chrome's shape, set up before.
const closed = vi.hoisted(() => {
  const roots = new WeakMap<object, ShadowRoot>();
  (globalThis as unknown as { chrome: unknown }).chrome = { dom: { openOrClosedShadowRoot: (el: object): ShadowRoot | null => roots.get(el) ?? null } };
  return { roots };
});

import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { fieldScrubber as scrubber, layOut, rect } from './laid-out-page';

// happy-dom does no layout: the field under test (class "t") has a box of its own, every other element a page-sized one.
layOut((el) => (el.classList.contains('t') ? rect(10, 300, 120, 20) : rect(0, 0, 800, 600)));

/** Whether the snapshot blurs the field's box (wherever its window puts it) and what it counts. */
function blursField(html: string, after?: () => void): { blurred: boolean; redactions: Record<string, number> } {
  document.body.innerHTML = html;
  after?.();
  const snap = startSnapshotter(document, new ElementIds(), scrubber);
  const s = snap.snapshot();
  return { blurred: s.redactedRegions.some((b) => b.width === 120 && b.height === 20), redactions: s.redactions };
}

describe('an empty sensitive field, by kind and place', () => {
  it('a textarea a <label for> names (held)', () => {
    expect(blursField('<label for="k">Recovery phrase</label><textarea id="k" class="t"></textarea>')).toEqual({ blurred: true, redactions: {} });
  });

  it('an input in an open shadow root, its label beside it (held)', () => {
    expect(blursField('<pay-form></pay-form>', () => {
      const shadow = document.querySelector('pay-form')!.attachShadow({ mode: 'open' });
      shadow.innerHTML = '<label for="c">Card security code</label><input id="c" class="t">';
    })).toEqual({ blurred: true, redactions: {} });
  });

  it('an input in a closed shadow root the content script opens (held)', () => {
    expect(blursField('<pay-form></pay-form>', () => {
      const host = document.querySelector('pay-form')!;
      const shadow = host.attachShadow({ mode: 'closed' });
      closed.roots.set(host, shadow);
      shadow.innerHTML = '<label>CVC <input class="t"></label>';
    })).toEqual({ blurred: true, redactions: {} });
  });

  it('an input in a same-origin frame (held)', () => {
    expect(blursField('<iframe srcdoc="<label for=c>Card security code</label><input id=c class=t>"></iframe>')).toEqual({ blurred: true, redactions: {} });
  });

  it('a contenteditable field named as a card security code', () => {
    expect(blursField('<div contenteditable="true" role="textbox" aria-label="Card security code" class="t"></div>').blurred).toBe(true);
  });

  it('a contenteditable field under a password label', () => {
    expect(blursField('<span id="pl">Password</span><div contenteditable="plaintext-only" aria-labelledby="pl" class="t"></div>').blurred).toBe(true);
  });

  it('an input in a custom element\'s shadow root, the <label for> naming its host (a design system\'s field)', () => {
    expect(blursField('<label for="cvc">Card security code</label><pay-field id="cvc"></pay-field>', () => {
      document.querySelector('pay-field')!.attachShadow({ mode: 'open' }).innerHTML = '<input class="t" inputmode="numeric">';
    }).blurred).toBe(true);
  });

  it('an input slotted into a shadow root that paints its label', () => {
    expect(blursField('<pay-field><input slot="control" class="t"></pay-field>', () => {
      document.querySelector('pay-field')!.attachShadow({ mode: 'open' }).innerHTML = '<label>Card security code <slot name="control"></slot></label>';
    }).blurred).toBe(true);
  });

  // The security code in the languages of the sites that ask for it (German, French, Dutch, Italian, Portuguese):
  // a three-digit number that no rule can call a secret once typed, when its field is not found sensitive.
  it.each(['Kartenprüfnummer', 'Cryptogramme visuel', 'Beveiligingscode', 'Codice di sicurezza', 'Código de segurança'])('a field labelled %s', (label) => {
    expect(blursField(`<label for="c">${label}</label><input id="c" class="t" inputmode="numeric" maxlength="4">`).blurred).toBe(true);
  });

  // An address autofill preview paints the whole profile into the form (the commit's other case): the city and
  // region fields too, which the default autocomplete list does not name while it names the street and postcode.
  it.each(['address-level2', 'address-level1'])('an empty field of autocomplete %s, which an address preview paints', (token) => {
    expect(blursField(`<input autocomplete="${token}" class="t">`).blurred).toBe(true);
  });
});
