// @vitest-environment happy-dom
// What naming fields costs, counted as reads of the `for` attribute: (1) a field inside a custom element whose
// host has an id finds the labels naming it by one query, not a walk of every label (N x N over a form); (2) rows
// of id-less inputs a virtualised table brings at each scroll do not make every label of the page be read again.
// (The content script's getters are kept at load, so a counting one is put on the prototype and the modules
// loaded afresh over it.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ElementIds } from '../../src/content/element-ids';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultConfig } from '../../src/core/scrub/default-config';

const config = defaultConfig();
const scrubber = createScrubber({ ...config, ner: { ...config.ner, enabled: false } }, null);
const own = Element.prototype.getAttribute;
const reads = { for: 0 };
afterEach(() => { Element.prototype.getAttribute = own; });

/** The snapshotter's module, loaded over a getAttribute that counts reads of `for`. */
async function countingSnapshotter() {
  Element.prototype.getAttribute = function (this: Element, name: string) {
    if (name === 'for') reads.for++;
    return own.call(this, name);
  };
  vi.resetModules();
  return (await import('./started-snapshotter')).startSnapshotter;
}

/** `for` reads of one snapshot of a form of `n` custom-element fields, each named by a <label for> its host's id. */
async function designSystemForm(n: number): Promise<number> {
  const start = await countingSnapshotter();
  document.body.innerHTML = Array.from({ length: n }, (_, i) => `<label for="f${i}">Field ${i}</label><x-field id="f${i}"></x-field>`).join('');
  for (const host of Array.from(document.querySelectorAll('x-field'))) host.attachShadow({ mode: 'open' }).innerHTML = '<input>';
  const snap = start(document, new ElementIds(), scrubber);
  reads.for = 0;
  snap.snapshot();
  return reads.for;
}

describe('what naming fields from outside their tree costs', () => {
  it('a form of design-system fields: label reads grow with the square of its size', async () => {
    const small = await designSystemForm(100);
    const large = await designSystemForm(400);
    // Four times the fields: four times the reads at most, not sixteen.
    expect(large).toBeLessThanOrEqual(5 * small);
  });

  it('a virtualised table scrolling: each batch that brings a row of inputs reads every label of the page', async () => {
    const start = await countingSnapshotter();
    const LABELS = 2_000;
    document.body.innerHTML = `<form>${Array.from({ length: LABELS }, (_, i) => `<label>Q${i} <input></label>`).join('')}</form><table><tbody id="rows"></tbody></table>`;
    const snap = start(document, new ElementIds(), scrubber);
    snap.snapshot();
    const rows = document.getElementById('rows')!;
    reads.for = 0;
    // 60 frames of scrolling, one row in and one out per frame, no snapshot between (none is asked for).
    for (let i = 0; i < 60; i++) {
      const tr = document.createElement('tr');
      tr.innerHTML = '<td><input aria-label="Qty"></td><td><input aria-label="Price"></td>';
      rows.append(tr);
      if (rows.children.length > 20) rows.firstElementChild!.remove();
      snap.flush();
    }
    // A row's two unlabelled inputs are what changed: the page's 2,000 labels need not be read again per frame.
    expect(reads.for).toBeLessThan(60 * 2 * 10);
  });
});
