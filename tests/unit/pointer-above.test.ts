// @vitest-environment happy-dom
// content/observers/pointer-above: the trace a person's press of Firefox's toolbar Back leaves in the page (the
// pointer left through the top edge and stayed out), which a page's script cannot make.
import { describe, expect, it } from 'vitest';
import { PointerAboveState, TOOLBAR_REACH_MS, watchPointerAbove } from '../../src/content/observers/pointer-above';

describe('pointer above the page', () => {
  it('is above only after leaving the document through the top edge, for a short while, until the pointer is back', () => {
    const s = new PointerAboveState();
    expect(s.above(1000)).toBe(false);
    s.out(true, -21, 1000); // to the toolbar (measured: clientY -21 over Firefox's Back)
    expect(s.above(1000)).toBe(true);
    expect(s.above(1000 + TOOLBAR_REACH_MS - 1)).toBe(true);
    expect(s.above(1000 + TOOLBAR_REACH_MS)).toBe(false);
    s.out(true, -5, 2000);
    s.inside();
    expect(s.above(2000)).toBe(false);
  });

  it('is not above after leaving through another edge, or moving between the page\'s own elements', () => {
    const s = new PointerAboveState();
    s.out(true, 300, 1000); // out through the side or the bottom
    expect(s.above(1000)).toBe(false);
    s.out(true, -3, 1000);
    s.out(false, -3, 1100); // an element to another inside the page: not a way out, changes nothing
    expect(s.above(1100)).toBe(true);
    s.out(true, 400, 1200); // back in and out through the bottom
    expect(s.above(1200)).toBe(false);
  });

  it('ignores events a script dispatches: they are not trusted', () => {
    const watch = watchPointerAbove(window);
    window.dispatchEvent(new MouseEvent('mouseout', { clientY: -20, relatedTarget: null }));
    expect(watch.above()).toBe(false);
  });
});
