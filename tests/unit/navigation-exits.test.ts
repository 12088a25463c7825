// @vitest-environment happy-dom
// watchExits (content/observers/navigation-observer): the navigate event away from a page, noted before the
// page's own listeners run. One the page cancels is no way out: otherwise a page that sets `location` and
// cancels it every few seconds makes the person's own Back or Reload (the browser's, no navigate event) read as
// its script's, and the step is dropped (core/navigation-chain's exitByScript).
import { describe, expect, it, vi } from 'vitest';

// The observer's module sends through these; watchExits itself never does.
vi.mock('webextension-polyfill', () => ({ default: {} }));
import { watchExits } from '../../src/content/observers/navigation-observer';
import { exitByScript } from '../../src/core/navigation-chain';

function navigateAway(nav: EventTarget, navigationType = 'push'): Event {
  const e = Object.assign(new Event('navigate', { cancelable: true }), {
    destination: { sameDocument: false, url: 'https://elsewhere.example/' }, navigationType, userInitiated: false, hashChange: false,
  });
  nav.dispatchEvent(e);
  return e;
}

describe('watchExits', () => {
  it('notes a script\'s way out, and forgets one the page cancelled', async () => {
    const nav = new EventTarget();
    Object.defineProperty(window, 'navigation', { value: nav, configurable: true });
    try {
      const exits = watchExits(window);
      navigateAway(nav);
      await Promise.resolve();
      expect(exits.exit).toMatchObject({ byPerson: false });
      expect(exitByScript(exits.exit, Date.now())).toBe(true);

      // The page's listener, added after the content script's, cancels its own navigation away.
      nav.addEventListener('navigate', (e) => e.preventDefault());
      navigateAway(nav);
      await Promise.resolve();
      expect(exits.exit).toBeNull();
      // The person then leaves by the browser's Back button: nothing says the script did.
      expect(exitByScript(exits.exit, Date.now())).toBe(false);
    } finally {
      delete (window as { navigation?: unknown }).navigation;
    }
  });

  it('takes a traversal Firefox calls a script\'s for the person\'s while their pointer is up at the toolbar', async () => {
    const nav = new EventTarget();
    Object.defineProperty(window, 'navigation', { value: nav, configurable: true });
    try {
      let above = false;
      const exits = watchExits(window, { above: () => above, spend: () => undefined });
      navigateAway(nav, 'traverse');
      await Promise.resolve();
      expect(exits.exit).toMatchObject({ byPerson: false }); // history.back() with the pointer in the page
      above = true;
      const back = navigateAway(nav, 'traverse');
      await Promise.resolve();
      expect(exits.exit).toMatchObject({ byPerson: true }); // the toolbar's Back
      expect(exits.browserUi(back)).toBe(true);
      navigateAway(nav, 'push'); // a script's `location = …` is no toolbar's, wherever the pointer is
      await Promise.resolve();
      expect(exits.exit).toMatchObject({ byPerson: false });
      // Chromium (no pointer watch): only the browser's word counts.
      expect(watchExits(window).browserUi(back)).toBe(false);
    } finally {
      delete (window as { navigation?: unknown }).navigation;
    }
  });

  it('a key written into a field vouches for no navigation; Enter, a shortcut and a key outside a field do', async () => {
    const nav = new EventTarget();
    Object.defineProperty(window, 'navigation', { value: nav, configurable: true });
    const field = document.createElement('input');
    const button = document.createElement('button');
    document.body.append(field, button);
    // Each key well past the last one's second, so none vouches for the next case.
    let now = 1_700_000_000_000;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => now);
    const press = (target: Element, key: string, mods: KeyboardEventInit = {}): void => {
      now += 5000;
      const e = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, ...mods });
      // A person's key: happy-dom makes every dispatched event untrusted, as a page's script's are.
      Object.defineProperty(e, 'isTrusted', { value: true });
      target.dispatchEvent(e);
    };
    try {
      const exits = watchExits(window);
      field.focus();
      for (const key of ['a', ' ', 'Backspace', 'Shift', 'ArrowLeft', 'Process']) {
        press(field, key);
        navigateAway(nav, 'traverse');
        await Promise.resolve();
        expect(exits.exit, `after ${key} in a field`).toMatchObject({ byPerson: false });
      }
      for (const [key, mods] of [['Enter', {}], ['Escape', {}], ['ArrowLeft', { altKey: true }], ['[', { metaKey: true }], ['BrowserBack', {}]] as const) {
        press(field, key, mods);
        navigateAway(nav, 'traverse');
        await Promise.resolve();
        expect(exits.exit, `after ${key} in a field`).toMatchObject({ byPerson: true });
      }
      field.blur();
      button.focus();
      press(button, 'g'); // a site's single-key shortcut, outside any field
      navigateAway(nav, 'push');
      await Promise.resolve();
      expect(exits.exit).toMatchObject({ byPerson: true });
    } finally {
      clock.mockRestore();
      field.remove();
      button.remove();
      delete (window as { navigation?: unknown }).navigation;
    }
  });
});
