// @vitest-environment happy-dom
// Key steps are decided by the field that has focus, through shadow roots: a password inside a closed shadow
// root reaches the window's listener as its host, and Alt-characters typed in it must not become key steps.
import { beforeEach, describe, expect, it } from 'vitest';
import { keyKind } from '../../src/content/observers/key-observer';
import { focusedWithin } from '../../src/content/focused-element';
import { fieldAttributes } from '../../src/content/dom-utils';
import { isSensitiveField } from '../../src/core/sensitive-field';

/** What content scripts get from the browser (chrome.dom.openOrClosedShadowRoot): here, the roots the test made. */
const closedRoots = new WeakMap<Element, ShadowRoot>();
const open = (el: HTMLElement): ShadowRoot | null => closedRoots.get(el) ?? null;
const sensitive = (el: Element): boolean => isSensitiveField(fieldAttributes(el));

function host(tag: string, mode: 'open' | 'closed', inner: string, parent: Element | ShadowRoot = document.body): { host: HTMLElement; root: ShadowRoot } {
  const el = document.createElement(tag);
  parent.append(el);
  const root = el.attachShadow({ mode });
  if (mode === 'closed') closedRoots.set(el, root);
  root.innerHTML = inner;
  return { host: el, root };
}

/**
 * What the observer makes of a keydown typed into `target`, as the window's listener sees it: retargeted to `seen`
 * (the outermost closed host; happy-dom does not retarget closed roots for window listeners, browsers do).
 */
function press(target: Element, seen: Element, init: KeyboardEventInit): ReturnType<typeof keyKind> {
  let kind: ReturnType<typeof keyKind> = null;
  const listener = (e: Event): void => { kind = keyKind(e as KeyboardEvent, seen, sensitive, open); };
  window.addEventListener('keydown', listener);
  target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, composed: true, ...init }));
  window.removeEventListener('keydown', listener);
  return kind;
}

beforeEach(() => { document.body.innerHTML = ''; });

describe('key steps from the focused field', () => {
  const PASSWORD = '<label>Password <input type="password" name="pw"></label>';

  it.each([
    ['Alt+q', { key: 'q', altKey: true }],
    ['Alt+7', { key: '7', altKey: true }],
    ['Control+Alt+e (AltGr)', { key: 'e', altKey: true, ctrlKey: true }],
    ['F2', { key: 'F2' }],
  ])('%s in a password field inside a closed shadow root is no step', (_name, init) => {
    const { host: h, root } = host('pw-box', 'closed', PASSWORD);
    const input = root.querySelector('input')!;
    input.focus();
    expect(press(input, h, init)).toBeNull();
  });

  it('the same through nested roots: an open root inside a closed one', () => {
    const outer = host('login-card', 'closed', '<div></div>');
    const inner = host('pw-field', 'open', PASSWORD, outer.root);
    const input = inner.root.querySelector('input')!;
    input.focus();
    expect(focusedWithin(outer.host, open)).toBe(input);
    expect(press(input, outer.host, { key: 'q', altKey: true })).toBeNull();
  });

  it('a one-time code field inside a closed root counts too', () => {
    const { host: h, root } = host('otp-box', 'closed', '<input name="verification_code" autocomplete="one-time-code">');
    root.querySelector('input')!.focus();
    expect(press(root.querySelector('input')!, h, { key: '7', altKey: true })).toBeNull();
  });

  it('Enter in that password field is still a step (it submits)', () => {
    const { host: h, root } = host('pw-box', 'closed', PASSWORD);
    root.querySelector('input')!.focus();
    expect(press(root.querySelector('input')!, h, { key: 'Enter' })).toBe('step');
  });

  it('a shortcut in a plain field inside a closed root is a step; an edit shortcut there is not', () => {
    const { host: h, root } = host('search-box', 'closed', '<input type="search" name="q">');
    const input = root.querySelector('input')!;
    input.focus();
    expect(press(input, h, { key: 's', ctrlKey: true })).toBe('step');
    expect(press(input, h, { key: 'a', ctrlKey: true })).toBeNull();
  });

  it('a shortcut on a closed host with nothing focused inside stays a step', () => {
    const { host: h } = host('fancy-card', 'closed', '<p>Card</p>');
    h.tabIndex = 0;
    h.focus();
    expect(press(h, h, { key: 'k', ctrlKey: true })).toBe('step');
  });

  it('without a way to open closed roots, the host is all there is (page code and tests)', () => {
    const { root } = host('pw-box', 'closed', PASSWORD);
    const input = root.querySelector('input')!;
    input.focus();
    expect(focusedWithin(document.activeElement!, undefined)).toBe(document.activeElement);
  });
});
