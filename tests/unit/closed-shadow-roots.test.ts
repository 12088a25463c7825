// Each browser tells content scripts about closed shadow roots its own way;
// the opener must work with both shapes and never throw while being chosen.
import { afterEach, describe, expect, it } from 'vitest';
import { closedShadowRootOpener } from '../../src/platform/host/closed-shadow-roots';

const g = globalThis as unknown as { chrome?: unknown; Element?: unknown };
const saved = { chrome: g.chrome, Element: g.Element };
afterEach(() => {
  g.chrome = saved.chrome;
  g.Element = saved.Element;
});

describe('closedShadowRootOpener', () => {
  it('uses chrome.dom.openOrClosedShadowRoot in Chrome', () => {
    const root = { mode: 'closed' } as unknown as ShadowRoot;
    g.chrome = { dom: { openOrClosedShadowRoot: (el: { root?: ShadowRoot }) => el.root ?? null } };
    const open = closedShadowRootOpener()!;
    expect(open({ root } as unknown as HTMLElement)).toBe(root);
    expect(open({} as HTMLElement)).toBeNull();
  });

  it('reads the property in Firefox, whose getter throws when read on the prototype', () => {
    g.chrome = {}; // Firefox content scripts have `chrome`, without `dom`
    const root = { mode: 'closed' } as unknown as ShadowRoot;
    class FirefoxElement {
      constructor(private readonly root: ShadowRoot | null) {}
      get openOrClosedShadowRoot(): ShadowRoot | null {
        if (!(this instanceof FirefoxElement)) throw new TypeError("'get openOrClosedShadowRoot' called on an object that does not implement interface Element.");
        return this.root;
      }
    }
    g.Element = FirefoxElement;
    const open = closedShadowRootOpener()!;
    expect(open(new FirefoxElement(root) as unknown as HTMLElement)).toBe(root);
    expect(open(new FirefoxElement(null) as unknown as HTMLElement)).toBeNull();
  });

  it('gives nothing to page code and tests, where neither exists', () => {
    g.chrome = undefined;
    g.Element = class {};
    expect(closedShadowRootOpener()).toBeUndefined();
  });
});
