// @vitest-environment happy-dom
// Found while attacking the inline="true" mark: a shadow root that held text ended the run, opening and closing,
// even when it held no <slot> (so none of the host's light children is laid out in it, and its text sits in the
// line where the host stands). Two components that render an email's halves as their own text (a Lit chip rendering
// a property; custom elements are display:inline by default) kept both halves in dom_tree and axtree; so did a <div>
// a shadow root's own style lays out inline beside light text after the host. The run pass now reads a root with no
// slot as an inline element at its host (src/core/scrub/inline-runs.ts, slottedShadowRoots).
import { describe, expect, it } from 'vitest';
import { observedWithShadows as observed } from './observed-page';

const LEAK = /jane|example/;

describe('a secret split across shadow roots that hold no slot', () => {
  it('two components each rendering a half as their own text', () => {
    const observations = observed('<div>Mail <x-chip id="a"></x-chip><x-chip id="b"></x-chip> today</div>', {
      a: '<span>jane.doe</span>', b: '<span>@example.com</span>',
    });
    for (const o of observations) expect(o.dom_tree, o.dom_tree).not.toMatch(LEAK);
  });

  it('a component rendering a half, light text after it', () => {
    const observations = observed('<div>Mail <x-chip id="a"></x-chip><span>@example.com</span> today</div>', {
      a: '<style>div { display: inline }</style><div>jane.doe</div>',
    });
    for (const o of observations) expect(o.dom_tree, o.dom_tree).not.toMatch(LEAK);
  });

  it('light children a root with no slot never shows do not keep the halves apart', () => {
    const observations = observed('<div>Mail <x-chip id="a"><span>Loading</span></x-chip><span>@example.com</span> today</div>', {
      a: '<span>jane.doe</span>',
    });
    for (const o of observations) {
      expect(o.dom_tree, o.dom_tree).not.toMatch(LEAK);
      expect(o.dom_tree, o.dom_tree).toMatch(/Mail /);
      expect(o.dom_tree, o.dom_tree).toMatch(/ today/);
    }
  });

  it('a component whose slot lays the halves out (light DOM) is read joined already', () => {
    const observations = observed('<style>.i { display: inline }</style><div>Mail <x-a id="a"><div class="i">jane.doe</div><div class="i">@example.com</div></x-a></div>', {
      a: '<slot></slot>',
    });
    for (const o of observations) expect(o.dom_tree, o.dom_tree).not.toMatch(LEAK);
  });
});
