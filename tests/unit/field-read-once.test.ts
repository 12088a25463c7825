// @vitest-environment happy-dom
// A field's attributes (its labels, aria-labelledby targets, outer labels) are read once per build of it: its
// value, its label and its accessible line each asked for them, three reads of every labelled field per rebuild.
import { describe, expect, it, vi } from 'vitest';
import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { AxNameSources } from '../../src/content/ax-lines';
import { passThroughRedactor } from '../../src/core/redactor';

describe('field attributes in a build', () => {
  it('are read once per field: a form of 100 filled fields asks each field\'s labels twice (its reading and its accessible name), not four times', () => {
    const n = 100;
    document.body.innerHTML = `<form>${Array.from({ length: n }, (_, i) => `<label for="f${i}">Field ${i}</label><input id="f${i}" value="v${i}">`).join('')}
      <label>Card security code <input id="cvc" value="123"></label></form>`;
    const ids = new ElementIds();
    const snap = startSnapshotter(document, ids, passThroughRedactor);
    const asked = new Map<Element, number>();
    const original = AxNameSources.prototype.labelsFor;
    const labelsFor = vi.spyOn(AxNameSources.prototype, 'labelsFor').mockImplementation(function (this: AxNameSources, el: Element) {
      asked.set(el, (asked.get(el) ?? 0) + 1);
      return original.call(this, el);
    });
    const snapshot = snap.snapshot();
    labelsFor.mockRestore();
    const inputs = [...document.querySelectorAll('input')];
    expect(inputs.map((el) => asked.get(el) ?? 0)).toEqual(inputs.map(() => 2));
    // Read once, still read right: a named field keeps its value, the card's code does not.
    expect(snapshot.xml).toContain('value="v7"');
    expect(snapshot.xml).not.toContain('value="123"');
    expect(snapshot.xml).toContain('value="<REDACTED:credential>"'.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(snapshot.axtree).toContain(`[${ids.idOf(document.getElementById('f7')!)}] textbox 'Field 7'`);
  });
});
