// @vitest-environment happy-dom
// A hostile page against the Firefox toolbar rule (watchExits + pointer-above): while the person's pointer is up
// at the toolbar (say, on the way to the address bar or a tab), the page's own history.back()/forward() look like
// the toolbar's. One leave of the pointer stands for one press at most: a page that loops back and forward in
// those seconds must not make a step of each traversal.
import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
import { watchExits } from '../../src/content/observers/navigation-observer';
import { PointerAboveState, watchPointerAbove } from '../../src/content/observers/pointer-above';
import { trusted } from './fake-observer-param';

function traverse(nav: EventTarget, sameDocument: boolean): Event {
  const e = Object.assign(new Event('navigate', { cancelable: true }), {
    destination: { sameDocument, url: 'https://app.example/#x' }, navigationType: 'traverse', userInitiated: false, hashChange: false,
  });
  nav.dispatchEvent(e);
  return e;
}

describe('toolbar traversals a page forges', () => {
  it('credits one traversal per leave of the pointer, asked as often as the observers ask', () => {
    const nav = new EventTarget();
    Object.defineProperty(window, 'navigation', { value: nav, configurable: true });
    try {
      const state = new PointerAboveState();
      const exits = watchExits(window, state);
      state.out(true, -20, Date.now()); // the person's pointer goes up to the toolbar
      const press = traverse(nav, true);
      // The same event is asked about more than once (the exit watch, then the navigation observer).
      expect(exits.browserUi(press)).toBe(true);
      expect(exits.byPerson(press)).toBe(true);
      expect(exits.browserUi(press)).toBe(true);
      // The page then moves through its own history while the pointer is still up there.
      for (let i = 0; i < 20; i++) {
        const forged = traverse(nav, i % 2 === 0);
        expect(exits.browserUi(forged)).toBe(false);
        expect(exits.byPerson(forged)).toBe(false);
      }
      // The pointer back in the page and up again: the next press counts.
      state.inside();
      state.out(true, -20, Date.now());
      expect(exits.browserUi(traverse(nav, true))).toBe(true);
    } finally {
      delete (window as { navigation?: unknown }).navigation;
    }
  });

  it('credits none once the page lost focus (the person clicked the address bar, another window)', () => {
    const nav = new EventTarget();
    Object.defineProperty(window, 'navigation', { value: nav, configurable: true });
    try {
      const pointer = watchPointerAbove(window);
      const exits = watchExits(window, pointer);
      window.dispatchEvent(trusted(new MouseEvent('mouseout', { clientY: -20, relatedTarget: null })));
      expect(pointer.above()).toBe(true);
      // Focus moving between the page's own elements is no way out.
      document.body.innerHTML = '<input id="a">';
      document.getElementById('a')!.dispatchEvent(trusted(new FocusEvent('blur')));
      expect(pointer.above()).toBe(true);
      window.dispatchEvent(trusted(new FocusEvent('blur')));
      expect(exits.browserUi(traverse(nav, true))).toBe(false);
    } finally {
      delete (window as { navigation?: unknown }).navigation;
    }
  });
});
