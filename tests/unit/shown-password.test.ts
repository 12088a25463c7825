// @vitest-environment happy-dom
// A password field the page shows as text (the eye button of most login forms: type="password" becomes "text").
// Before, the next snapshot wrote its value into the dom_tree and marked no region over it, so the screenshot
// kept it readable, and the scrubber's rules cannot tell a password from other text. A field read once as a
// password stays one (dom-utils seenAsPassword).
import { afterEach, describe, expect, it, vi } from 'vitest';

// What content scripts get from the browser (chrome.dom.openOrClosedShadowRoot), read by focused-element at load.
const closed = vi.hoisted(() => {
  const roots = new WeakMap<object, ShadowRoot>();
  (globalThis as unknown as { chrome: unknown }).chrome = { dom: { openOrClosedShadowRoot: (el: object): ShadowRoot | null => roots.get(el) ?? null } };
  return { roots };
});

vi.mock('webextension-polyfill', () => import('./sent-messages').then((m) => m.polyfill));

import { Recorder } from '../../src/content/recorder';
import { Outbox } from '../../src/content/outbox';
import { initPointerObserver } from '../../src/content/observers/pointer-observer';
import { initInputObserver } from '../../src/content/observers/input-observer';
import { passThroughRedactor } from '../../src/core/redactor';
import { wasPassword, watchPasswords } from '../../src/content/password-memory';
import { withAssembledTree } from '../../src/core/dom-tree-parts';
import { trusted } from './fake-observer-param';
import { pointer, click, press, recordingNow, typeInto } from './starting-recorder';
import { drafts, sent } from './sent-messages';

const stops: (() => void)[] = [];
afterEach(() => {
  stops.splice(0).forEach((s) => s());
  sent.length = 0;
  document.body.innerHTML = '';
});

// As the content script does at document_start, in every page, recording or not.
watchPasswords(window);

describe('a password the page shows as text', () => {
  it('stays a password: not in the next steps\' dom_tree, its box blurred, typing in it a placeholder', async () => {
    // Named "pw": no name, label or autocomplete says "password"; only its type did.
    document.body.innerHTML = '<input type="password" name="pw" id="pw"><button id="show">Show</button><button id="login">Log in</button>';
    const pw = document.getElementById('pw') as HTMLInputElement;
    document.getElementById('show')!.addEventListener('click', () => { pw.type = pw.type === 'password' ? 'text' : 'password'; });
    const rec = new Recorder(window, passThroughRedactor, new Outbox());
    const param = rec.observerParam();
    rec.begin({ taskId: 'task-1', instruction: 'log in', startedAt: 1 }, passThroughRedactor, 1, { tabId: 7, frameId: 0 });
    stops.push(initPointerObserver(window, param), initInputObserver(window, param), () => rec.end());
    const type = (text: string): void => {
      for (const ch of text) {
        pw.dispatchEvent(trusted(new InputEvent('beforeinput', { bubbles: true, composed: true, data: ch, inputType: 'insertText' })));
        pw.value += ch;
        pw.dispatchEvent(trusted(new InputEvent('input', { bubbles: true, composed: true, data: ch, inputType: 'insertText' })));
      }
    };
    const press = (id: string): void => {
      const b = document.getElementById(id)!;
      b.dispatchEvent(pointer('pointerdown'));
      b.dispatchEvent(pointer('pointerup'));
      b.dispatchEvent(click());
    };
    type('hunter');
    press('show');
    // Shown as text now: more typed, then Log in.
    type('2');
    press('login');
    rec.flushPending();
    await vi.waitFor(() => expect(drafts().length).toBeGreaterThanOrEqual(4));
    expect(pw.type).toBe('text');
    expect(JSON.stringify(sent)).not.toContain('hunter');
    const login = withAssembledTree(drafts().find((d) => d.target?.name === 'Log in')!);
    expect(login.domTree).toMatch(/name="pw" value="&lt;REDACTED:credential&gt;"/);
    // Its box is counted as a credential redaction, and blurred in the screenshot with the rest.
    expect(login.redactions.credential).toBeGreaterThanOrEqual(1);
    expect(drafts().filter((d) => d.action.type === 'type').map((d) => d.action.text)).toEqual(['<REDACTED:credential>', '<REDACTED:credential>']);
  });

  const recording = (): Recorder => recordingNow(stops);

  /** The person presses Log in; resolves once its step is sent. */
  async function logIn(rec: Recorder): Promise<void> {
    press(document.getElementById('login')!);
    rec.flushPending();
    await vi.waitFor(() => expect(drafts().some((d) => d.target?.name === 'Log in')).toBe(true));
  }

  it('typed and shown before Start, then Start and Log in: the value is in no step', async () => {
    document.body.innerHTML = '<input type="password" name="pw" id="pw"><button id="login">Log in</button>';
    const pw = document.getElementById('pw') as HTMLInputElement;
    typeInto(pw, 'hunter2');
    pw.type = 'text';
    await Promise.resolve(); // the type change is observed as a mutation, after the script that made it
    const rec = recording();
    await logIn(rec);
    expect(JSON.stringify(sent)).not.toContain('hunter2');
    expect(withAssembledTree(drafts().find((d) => d.target?.name === 'Log in')!).redactions.credential).toBeGreaterThanOrEqual(1);
  });

  /** An older toggle: Show puts a new type="text" field (#clear) with the value in the password's place. */
  function oldToggle(): void {
    document.body.innerHTML = '<span id="box"><input type="password" name="pw" id="pw"></span><button id="show">Show</button><button id="login">Log in</button>';
    document.getElementById('show')!.addEventListener('click', () => {
      const current = document.querySelector('#box input') as HTMLInputElement;
      const clear = document.createElement('input');
      clear.type = 'text';
      clear.name = 'pw_clear';
      clear.id = 'clear';
      clear.value = current.value;
      current.replaceWith(clear);
    });
  }

  it('a Show that puts a new type="text" field with the value in its place: the value is in no step', async () => {
    oldToggle();
    const rec = recording();
    typeInto(document.getElementById('pw') as HTMLInputElement, 'hunter2');
    press(document.getElementById('show')!);
    await logIn(rec);
    expect(JSON.stringify(sent)).not.toContain('hunter2');
  });

  it('a design system\'s toggle inside a shadow root, used before Start: the value is in no step', async () => {
    document.body.innerHTML = '<pw-input id="host"></pw-input><button id="login">Log in</button>';
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<input type="password" part="input"><button part="toggle">Show</button>';
    const inner = root.querySelector('input')!;
    root.querySelector('button')!.addEventListener('click', () => { inner.type = 'text'; });
    typeInto(inner, 'hunter2');
    press(root.querySelector('button')!);
    await Promise.resolve();
    const rec = recording();
    await logIn(rec);
    expect(inner.type).toBe('text');
    expect(JSON.stringify(sent)).not.toContain('hunter2');
  });

  it('the shown copy stays a password when the person then fixes a typo in it', async () => {
    oldToggle();
    const rec = recording();
    typeInto(document.getElementById('pw') as HTMLInputElement, 'hunter2');
    press(document.getElementById('show')!);
    typeInto(document.getElementById('clear') as HTMLInputElement, '3');
    await logIn(rec);
    expect(JSON.stringify(sent)).not.toContain('hunter2');
  });

  it('a design system\'s toggle in a closed shadow root, used before Start: the value is in no step', async () => {
    document.body.innerHTML = '<pw-input id="host"></pw-input><button id="login">Log in</button>';
    const host = document.getElementById('host')!;
    const root = host.attachShadow({ mode: 'closed' });
    closed.roots.set(host, root);
    root.innerHTML = '<input type="password" part="input"><button part="toggle">Show</button>';
    const inner = root.querySelector('input')!;
    root.querySelector('button')!.addEventListener('click', () => { inner.type = 'text'; });
    // As a browser does for a listener outside the tree: composedPath() leaves out a closed shadow root's nodes.
    const real = Event.prototype.composedPath;
    const inClosed = (n: EventTarget): boolean => (n instanceof ShadowRoot && n.mode === 'closed')
      || (n instanceof Node && n.getRootNode() instanceof ShadowRoot && (n.getRootNode() as ShadowRoot).mode === 'closed');
    Event.prototype.composedPath = function (this: Event) { return real.call(this).filter((n) => !inClosed(n)); };
    try {
      inner.focus();
      typeInto(inner, 'closedroot7');
      press(root.querySelector('button')!);
      await Promise.resolve();
    } finally {
      Event.prototype.composedPath = real;
    }
    const rec = recording();
    await logIn(rec);
    expect(inner.type).toBe('text');
    expect(JSON.stringify(sent)).not.toContain('closedroot7');
  });

  it('a password the page filled and showed by script, no event of the person on it: the type change is watched', async () => {
    document.body.innerHTML = '<input type="password" name="pw" id="pw" value="pagefilled9"><button id="login">Log in</button>';
    const pw = document.getElementById('pw') as HTMLInputElement;
    pw.type = 'text';
    await Promise.resolve(); // the mutation is delivered after the script that made it
    const rec = recording();
    await logIn(rec);
    expect(JSON.stringify(sent)).not.toContain('pagefilled9');
  });

  it('values come from the person\'s events only: a page\'s own untrusted focusin notes none', () => {
    document.body.innerHTML = '<input type="password" id="pw"><input type="text" id="other">';
    const pw = document.getElementById('pw') as HTMLInputElement;
    pw.value = 'SaleSale';
    pw.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    const other = document.getElementById('other') as HTMLInputElement;
    other.value = 'SaleSale';
    expect(wasPassword(other)).toBe(false);
  });
});
