// @vitest-environment happy-dom
// A shadow root holding a <slot> ended the run even when its host had no light children to lay out there: an
// e-mail rendered by two chips that each keep an empty named slot (an icon slot, as component libraries' chips do)
// kept its first half. A slot with nothing to lay out leaves the root's text in the tree's order, as a root with no
// slot does (src/core/scrub/inline-runs.ts, slottedShadowRoots).
import { describe, expect, it } from 'vitest';
import { observedWithShadows as observed } from './observed-page';

const LEAK = /jane|example/;

describe('a shadow root whose slots have nothing to lay out', () => {
  it.each([
    ['an empty named slot', '<slot name="icon"></slot>'],
    ['an empty default slot', '<slot></slot>'],
  ])('two chips each with %s, each rendering a half: no half stored', (_name, slot) => {
    const observations = observed('<div>Mail <x-chip id="a"></x-chip><x-chip id="b"> </x-chip> today</div>', {
      a: `${slot}<span>jane.doe</span>`, b: `<span>@example.com</span>${slot}`,
    });
    for (const o of observations) {
      expect(o.dom_tree, o.dom_tree).not.toMatch(LEAK);
      expect(o.dom_tree).toMatch(/Mail </);
      expect(o.dom_tree).toMatch(/ today</);
    }
  });

  it('a slot with light children to lay out still ends the run at the root\'s text', () => {
    // The host's light text is laid out inside the root, where the tree has it after: not read joined to the root's.
    const observations = observed('<div><x-a id="a"><span>Fri</span></x-a> 2024</div>', { a: '<slot></slot> 12' });
    for (const o of observations) expect(o.dom_tree, o.dom_tree).toMatch(/Fri/);
  });
});
