// @vitest-environment happy-dom
// A field that becomes sensitive by a <label> alone, through a change that never touches the field, is built again:
// its box is blurred (and, holding a value, its value kept out of the tree).
import { describe, expect, it } from 'vitest';
import type { Box } from '../../src/core/schema';
import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { fieldScrubber as scrubber, layOut, rect } from './laid-out-page';

// happy-dom does no layout: the field under test (class "t") has a box of its own, every other element a page-sized one.
const FIELD = rect(10, 300, 120, 20);
layOut((el) => (el.classList.contains('t') ? FIELD : rect(0, 0, 800, 600)));

const FIELD_BOX: Box = { x: 10, y: 300, width: 120, height: 20 };

function setup(html: string) {
  document.body.innerHTML = html;
  const snap = startSnapshotter(document, new ElementIds(), scrubber);
  const first = snap.snapshot();
  // The field starts harmless: no region, nothing counted.
  expect(first.redactedRegions).not.toContainEqual(FIELD_BOX);
  return snap;
}
const field = (): HTMLInputElement => document.querySelector('input.t') as HTMLInputElement;
/** Nodes built off the page and added in one insertion, as a browser's `innerHTML` or `append` reports them (one record). */
function added(html: string): HTMLElement {
  const wrap = document.createElement('div');
  wrap.innerHTML = html;
  return wrap;
}

describe('a field made sensitive by a label, with no mutation on the field itself', () => {
  it('control: renaming its existing label rebuilds it (held)', () => {
    const snap = setup('<label for="f" id="l">Notes</label><input id="f" class="t">');
    document.getElementById('l')!.textContent = 'Card security code';
    expect(snap.snapshot().redactedRegions).toContainEqual(FIELD_BOX);
  });

  it('a <label for> added inside a wrapper (not itself the added node)', () => {
    const snap = setup('<div id="slot"></div><input id="f" class="t">');
    document.getElementById('slot')!.append(added('<span><label for="f">Card security code</label></span>'));
    expect(field().labels?.length).toBe(1); // html says the label names it
    expect(snap.snapshot().redactedRegions).toContainEqual(FIELD_BOX);
  });

  it('the field moved into a new wrapping <label>', () => {
    const snap = setup('<div id="row"><input id="f" class="t"></div>');
    const label = document.createElement('label');
    label.append('Password ');
    document.getElementById('row')!.append(label);
    label.append(field());
    expect(field().labels?.length).toBe(1);
    expect(snap.snapshot().redactedRegions).toContainEqual(FIELD_BOX);
  });

  it('a label for a duplicated id names the second field once the first is removed', () => {
    const snap = setup('<label for="f">Card security code</label><input id="f" class="first"><input id="f" class="t">');
    document.querySelector('input.first')!.remove();
    expect(field().labels?.length).toBe(1);
    expect(snap.snapshot().redactedRegions).toContainEqual(FIELD_BOX);
  });

  // The field's cached build must not keep the value it wrote while it was not sensitive.
  it('the same, holding a value: the value stays in the tree in the clear', () => {
    const snap = setup('<div id="slot"></div><input id="f" class="t" value="9173">');
    document.getElementById('slot')!.append(added('<label for="f">Card security code</label>'));
    const s = snap.snapshot();
    expect(s.xml).not.toContain('9173');
    expect(s.redactedRegions).toContainEqual(FIELD_BOX);
  });
});
