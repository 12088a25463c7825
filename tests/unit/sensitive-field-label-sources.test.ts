// @vitest-environment happy-dom
// Which labels make a field sensitive: its <label>s (the snapshot's cache), aria-labelledby, aria-label and
// placeholder, and a label whose control changes without any change to the label or the field.
import { describe, expect, it } from 'vitest';
import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultConfig } from '../../src/core/scrub/default-config';
import { buildStep } from '../../src/core/build-step';
import { stepDraft } from './fixtures';
import { fieldScrubber as scrubber, layOut, rect } from './laid-out-page';

// happy-dom does no layout: the field under test (class "t") has a box of its own, every other element a page-sized one.
layOut((el) => (el.classList.contains('t') ? rect(10, 300, 120, 20) : rect(0, 0, 800, 600)));
const FIELD_BOX = { x: 10, y: 300, width: 120, height: 20 };

function setup(html: string) {
  document.body.innerHTML = html;
  return startSnapshotter(document, new ElementIds(), scrubber);
}

describe('what names a field sensitive', () => {
  it('a field named by aria-labelledby (how many payment forms name theirs), empty', () => {
    const snap = setup('<span id="cl">Card security code</span><input aria-labelledby="cl" class="t" inputmode="numeric">');
    expect(snap.snapshot().axtree).toContain("textbox 'Card security code'");
    expect(snap.snapshot().redactedRegions).toContainEqual(FIELD_BOX);
  });

  it('the same field holding its code: the code is kept in the tree and the axtree', () => {
    const snap = setup('<span id="cl">Card security code</span><input aria-labelledby="cl" class="t" value="9173">');
    const s = snap.snapshot();
    expect(s.xml).not.toContain('9173');
    expect(s.axtree).not.toContain('9173');
  });

  it('… and the worker\'s scrub at the step boundary keeps it in the stored step too', () => {
    const snap = setup('<span id="cl">Card security code</span><input aria-labelledby="cl" class="t" value="9173">');
    const s = snap.snapshot();
    const stored = buildStep({ draft: stepDraft({ domTree: s.xml, axTree: s.axtree }), seq: 1, tabId: 1, frameId: 0, image: null, scrubber: createScrubber(defaultConfig(), null) }).step;
    expect(JSON.stringify(stored.observation)).not.toContain('9173');
  });

  it('a wrapping label whose first control is removed now names the field, which is not rebuilt', () => {
    const snap = setup('<label id="l">Card security code <input id="hint" readonly><input class="t"></label>');
    expect(snap.snapshot().redactedRegions).not.toContainEqual(FIELD_BOX);
    document.getElementById('hint')!.remove();
    expect((document.querySelector('input.t') as HTMLInputElement).labels?.length).toBe(1); // html: the label names it now
    expect(snap.snapshot().redactedRegions).toContainEqual(FIELD_BOX);
  });
});
