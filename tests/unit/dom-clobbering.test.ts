// @vitest-environment happy-dom
// A page's <form> whose controls are named after DOM properties replaces those properties on the form (DOM
// clobbering): form.parentNode is the <input name="parentNode">, whose parent is the form again. Browsers do
// this; happy-dom does not, so the form gets the same own properties here. Every read the content script makes
// goes through the prototypes' getters (src/content/dom-safe.ts) and every walk is bounded: nothing loops,
// and the answers are the real tree's.
import { describe, expect, it } from 'vitest';
import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { cssSelector, xPath } from '../../src/content/element-locators';
import { accessibleNameParts, roleOf } from '../../src/content/element-semantics';
import { composedContains, fieldAttributes, isTextField } from '../../src/content/dom-utils';
import { structureLabel } from '../../src/content/structure-label';
import { passThroughRedactor } from '../../src/core/redactor';

/**
 * The properties issue 24 names, and their siblings. Those happy-dom itself reads on `this` (parentElement,
 * getAttribute, hasAttribute, querySelector, closest) would hang or break happy-dom, not the recorder: the e2e
 * page clobbers them too, in real browsers (tests/fixtures/recorder/clobber.html).
 */
const CLOBBERED = ['parentNode', 'firstChild', 'lastChild', 'nextSibling', 'previousSibling', 'previousElementSibling',
  'nextElementSibling', 'firstElementChild', 'childNodes', 'children', 'nodeName', 'localName', 'tagName', 'attributes',
  'getRootNode', 'shadowRoot', 'host', 'ownerDocument', 'nodeType', 'isConnected'];

function clobberedForm(): { form: HTMLFormElement; button: HTMLButtonElement; text: HTMLInputElement } {
  document.body.innerHTML = `<main id="app"><form id="f">${CLOBBERED.map((n) => `<input type="hidden" name="${n}">`).join('')}
    <label>Name <input id="who" name="who"></label><button type="button" aria-label="Go">Go</button></form></main>`;
  const form = document.querySelector('form')!;
  const button = form.querySelector('button')!;
  const text = form.querySelector<HTMLInputElement>('#who')!;
  for (const name of CLOBBERED) {
    Object.defineProperty(form, name, { value: form.querySelector(`input[name="${name}"]`), configurable: true });
  }
  // As in a browser: the clobbered parent leads back into the form.
  expect((form as unknown as { parentNode: Node }).parentNode.parentNode).toBe(form);
  return { form, button, text };
}

describe('a form whose controls clobber DOM properties', () => {
  it('is invalidated and snapshotted without looping, as a form with its controls', () => {
    const { button } = clobberedForm();
    const snap = startSnapshotter(document, new ElementIds(), passThroughRedactor);
    const first = snap.snapshot().xml;
    expect(first).toMatch(/<form id="\d+" dom-id="f">.*<input [^>]*name="who".*<button [^>]*>Go<\/button><\/form>/);
    // A change inside the form walks up from it (this loop never ended).
    document.querySelector('input[name="firstChild"]')!.setAttribute('data-x', '1');
    button.textContent = 'Go now';
    snap.flush();
    expect(snap.snapshot().xml).toContain('Go now');
    expect(snap.emittedIdOf(button)).toBeGreaterThan(0);
  });

  it('names and locates its controls from the real tree', () => {
    const { form, button, text } = clobberedForm();
    expect(xPath(button)).toBe('/html[1]/body[1]/main[1]/form[1]/button[1]');
    expect(xPath(form)).toBe('/html[1]/body[1]/main[1]/form[1]');
    expect(cssSelector(form)).toBe('#f');
    expect(cssSelector(button)).toBe('button[aria-label="Go"]');
    expect(roleOf(form)).toBe('form');
    expect(accessibleNameParts(button).join('')).toBe('Go');
    expect(composedContains(form, button)).toBe(true);
    expect(isTextField(text)).toBe(true);
    expect(fieldAttributes(form)).toMatchObject({ tag: 'form', id: 'f' });
    expect(structureLabel(form)).toBeUndefined();
  });
});

describe('a form whose control is named isContentEditable', () => {
  it('is no textbox, so a click on a wrapper in it names no control, and no editable root climbs into it', async () => {
    const { clickedControl } = await import('../../src/content/clicked-control');
    document.body.innerHTML = '<form id="f"><input type="hidden" name="isContentEditable"><div id="w"><span id="s">Shipping</span></div></form>';
    const form = document.getElementById('f')!;
    // As a browser does: the named control shadows the prototype's getter on the form.
    Object.defineProperty(form, 'isContentEditable', { value: form.querySelector('input'), configurable: true });
    expect(roleOf(form)).toBe('form');
    expect(isTextField(form)).toBe(false);
    const span = document.getElementById('s')!;
    const path: EventTarget[] = [];
    for (let n: Node | null = span; n; n = n.parentNode) path.push(n);
    expect(clickedControl({ composedPath: () => path } as unknown as Event, span)).toBeNull();
  });
});
