// @vitest-environment happy-dom
// A slotted field is named by the <label> around its slot. `assignedSlot` is null for a slot in a closed shadow
// root (LWC's native shadow, many design systems), which the snapshot opens (chrome.dom.openOrClosedShadowRoot):
// the slot is then found through the opened root, and the field is sensitive by that label.
import { describe, expect, it, vi } from 'vitest';

const closed = vi.hoisted(() => {
  const roots = new WeakMap<object, ShadowRoot>();
  (globalThis as unknown as { chrome: unknown }).chrome = { dom: { openOrClosedShadowRoot: (el: object): ShadowRoot | null => roots.get(el) ?? null } };
  return { roots };
});

import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { fieldScrubber as scrubber, layOut, rect } from './laid-out-page';

layOut((el) => (el.classList.contains('t') ? rect(10, 300, 120, 20) : rect(0, 0, 800, 600)));

function page(mode: 'open' | 'closed'): string {
  document.body.innerHTML = '<pay-field><input slot="control" class="t" value="9173"></pay-field>';
  const host = document.querySelector('pay-field')!;
  const shadow = host.attachShadow({ mode });
  if (mode === 'closed') closed.roots.set(host, shadow);
  shadow.innerHTML = '<label>Card security code <slot name="control"></slot></label>';
  return startSnapshotter(document, new ElementIds(), scrubber).snapshot().xml;
}

describe('a field slotted into a labelled slot', () => {
  it('control: an open root (held)', () => {
    expect(page('open')).not.toContain('9173');
  });

  it('a closed root the snapshot opens: the label is in the tree, the code beside it', () => {
    const xml = page('closed');
    expect(xml).toContain('Card security code');
    expect(xml).not.toContain('9173');
  });
});
