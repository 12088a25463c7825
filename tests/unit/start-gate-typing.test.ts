// @vitest-environment happy-dom
// Typing made while a page's recorder starts is held at the start gate, one input per field, with the field's
// state read at each input (start-gate EDITS). By replay the page has moved on: these are the cases a hostile
// review found (attack 24), each stating what a person did before the recorder began, what the page did
// meanwhile, and what the steps must (not) hold. Read at replay, a password the page showed as text leaked, a
// box the page cleared on Send lost its typing, and a page's burst of scripted typing crowded a person's out.
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => import('./sent-messages').then((m) => m.polyfill));

import { withAssembledTree } from '../../src/core/dom-tree-parts';
import { drafts, sent } from './sent-messages';
import { inputEvent as typed, pointer, click, startingRecorder as starting, typeInto } from './starting-recorder';

const stops: (() => void)[] = [];
afterEach(() => {
  stops.splice(0).forEach((s) => s());
  sent.length = 0;
  document.body.innerHTML = '';
  vi.useRealTimers();
});

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 30));

/** The content script's recorder, its start held at the gate; `begin` ends its start. */
function startingRecorder(): { rec: ReturnType<typeof starting>['rec']; begin: () => void } {
  const { rec, start } = starting(stops);
  return { rec, begin: start };
}

/** Everything the content script sent the worker (steps, held edits, held texts), as one string. */
const everythingSent = (): string => JSON.stringify(sent);

describe('typing held at the start gate, the page moving on meanwhile', () => {
  it('a password typed, then the page\'s "show password" clicked, before begin: the password never reaches a step or a held edit', async () => {
    // A login form whose password field is known sensitive only by its type (name "pw" matches no name pattern).
    document.body.innerHTML = '<input type="password" name="pw" id="pw"><button id="show">Show</button>';
    const pw = document.getElementById('pw') as HTMLInputElement;
    const show = document.getElementById('show')!;
    // The page's own handler: the eye button reveals the password.
    show.addEventListener('click', () => { pw.type = 'text'; });
    const { rec, begin } = startingRecorder();
    typeInto(pw, 'hunter2');
    show.dispatchEvent(pointer('pointerdown'));
    show.dispatchEvent(pointer('pointerup'));
    show.dispatchEvent(click());
    begin();
    rec.flushPending();
    await settle();
    // Live (no gate), the type step is committed at the pointerdown, while the field is still a password.
    expect(drafts().some((d) => d.action.type === 'type')).toBe(true);
    expect(everythingSent()).not.toContain('hunter2');
  });

  it('a message typed and Send clicked before begin (the page clears the box on Send): the typing is a step', async () => {
    document.body.innerHTML = '<textarea id="msg"></textarea><button id="send">Send</button>';
    const msg = document.getElementById('msg') as HTMLInputElement;
    const send = document.getElementById('send')!;
    send.addEventListener('click', () => { msg.value = ''; });
    const { rec, begin } = startingRecorder();
    typeInto(msg, 'hello');
    send.dispatchEvent(pointer('pointerdown'));
    send.dispatchEvent(pointer('pointerup'));
    send.dispatchEvent(click());
    begin();
    rec.flushPending();
    await settle();
    const steps = drafts().map((d) => withAssembledTree(d));
    expect(steps.map((d) => [d.action.type, d.action.text ?? null])).toEqual([['type', 'hello'], ['click', null]]);
  });

  it('a PIN field named only by its <label for>, replaced by the page (hydration) before begin: its text is not a step raw', async () => {
    document.body.innerHTML = '<label for="a1">PIN</label><div id="box"><input id="a1" inputmode="numeric"></div>';
    const { rec, begin } = startingRecorder();
    const old = document.getElementById('a1') as HTMLInputElement;
    typeInto(old, '4921');
    // The page re-renders the field (a framework hydrating): a new node with the value, the old one detached.
    const fresh = old.cloneNode() as HTMLInputElement;
    fresh.value = old.value;
    old.replaceWith(fresh);
    // Live, the same field is sensitive.
    expect(rec.isSensitive(fresh)).toBe(true);
    begin();
    rec.flushPending();
    await settle();
    expect(everythingSent()).not.toContain('4921');
    // The typing is still a step, its text a placeholder, naming no element (its node left the page).
    const types = drafts().filter((d) => d.action.type === 'type');
    expect(types.map((d) => [d.action.text, d.action.element_id])).toEqual([['<REDACTED:credential>', null]]);
  });

  it('a page typing into 50 throw-away fields by script (a few ms) does not crowd the person\'s typing out', async () => {
    document.body.innerHTML = '<input id="q">';
    const { rec, begin } = startingRecorder();
    // At load: 50 throw-away inputs, each given a character by execCommand (trusted input), then removed.
    for (let i = 0; i < 50; i++) {
      const f = document.createElement('input');
      document.body.append(f);
      f.value = 'x';
      f.dispatchEvent(typed());
      f.remove();
    }
    typeInto(document.getElementById('q') as HTMLInputElement, 'winter boots');
    begin();
    rec.flushPending();
    await settle();
    expect(drafts().map((d) => d.action.text)).toContain('winter boots');
  });

  it('typed, clicked in the same field (to fix a typo), typed more, all before begin: one text per step as done, no doubled step', async () => {
    document.body.innerHTML = '<input id="q">';
    const q = document.getElementById('q') as HTMLInputElement;
    const { rec, begin } = startingRecorder();
    typeInto(q, 'hello');
    q.dispatchEvent(pointer('pointerdown'));
    q.dispatchEvent(pointer('pointerup'));
    q.dispatchEvent(click());
    typeInto(q, ' world');
    begin();
    rec.flushPending();
    await settle();
    const types = drafts().filter((d) => d.action.type === 'type').map((d) => d.action.text);
    // Live this is 'hello' then 'hello world' (a type step's text is the field's as the session ends).
    expect(types).toEqual(['hello', 'hello world']);
  });

  it('typing interleaved in two fields (A, B, A) then a click, before begin: A then B, each its final text, then the click', async () => {
    document.body.innerHTML = '<input id="a"><input id="b"><button id="go">Go</button>';
    const a = document.getElementById('a') as HTMLInputElement;
    const b = document.getElementById('b') as HTMLInputElement;
    const go = document.getElementById('go')!;
    const { rec, begin } = startingRecorder();
    typeInto(a, 'Jo');
    typeInto(b, 'Smi');
    typeInto(a, 'hn');
    typeInto(b, 'th');
    go.dispatchEvent(pointer('pointerdown'));
    go.dispatchEvent(click());
    begin();
    rec.flushPending();
    await settle();
    expect(drafts().map((d) => [d.action.type, d.action.text ?? null])).toEqual([['type', 'John'], ['type', 'Smith'], ['click', null]]);
  });

  it('a contenteditable named Password: placeholder only', async () => {
    document.body.innerHTML = '<div contenteditable="true" aria-label="Password" id="ed"></div>';
    const ed = document.getElementById('ed')!;
    const { rec, begin } = startingRecorder();
    ed.textContent = 'hunter2';
    ed.dispatchEvent(typed());
    begin();
    rec.flushPending();
    await new Promise((r) => setTimeout(r, 30));
    expect(drafts().filter((d) => d.action.type === 'type')).toHaveLength(1);
    expect(JSON.stringify(sent)).not.toContain('hunter2');
  });

  it('an input in an open shadow root, its event held as a browser leaves it (path emptied, target cleared)', async () => {
    document.body.innerHTML = '<x-f id="host"></x-f>';
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<input id="in">';
    const field = root.getElementById('in') as HTMLInputElement;
    const { rec, begin } = startingRecorder();
    field.value = 'Berlin';
    const e = typed();
    field.dispatchEvent(e);
    Object.defineProperty(e, 'composedPath', { value: () => [] });
    Object.defineProperty(e, 'target', { value: null });
    begin();
    rec.flushPending();
    await new Promise((r) => setTimeout(r, 30));
    expect(drafts().map((d) => d.action.text)).toEqual(['Berlin']);
  });

  it('a page that types by script into 50 hidden fields it keeps, after each of the person\'s keys, does not crowd the person out', async () => {
    document.body.innerHTML = '<input id="q"><div id="junk" hidden></div>';
    const q = document.getElementById('q') as HTMLInputElement;
    const junk = Array.from({ length: 50 }, () => document.getElementById('junk')!.appendChild(document.createElement('input')));
    // The page's own listener (not held): on each of the person's inputs, execCommand into 50 kept fields (trusted
    // inputs, no key pressed).
    q.addEventListener('input', () => {
      for (const f of junk) {
        f.value += 'x';
        f.dispatchEvent(typed());
      }
    });
    const { rec, begin } = startingRecorder();
    typeInto(q, 'winter boots');
    begin();
    rec.flushPending();
    await settle();
    expect(drafts().map((d) => d.action.text)).toContain('winter boots');
  });

  it('the person types first, then the page types into 50 throw-away fields: the person\'s typing stays', async () => {
    document.body.innerHTML = '<input id="q">';
    const { rec, begin } = startingRecorder();
    const q = document.getElementById('q') as HTMLInputElement;
    // As autofill or an IME would: no key pressed, so only a field gone from the page may go before it.
    q.value = 'winter boots';
    q.dispatchEvent(typed());
    for (let i = 0; i < 50; i++) {
      const f = document.body.appendChild(document.createElement('input'));
      f.value = 'x';
      f.dispatchEvent(typed());
      f.remove();
    }
    begin();
    rec.flushPending();
    await settle();
    expect(drafts().map((d) => d.action.text)).toContain('winter boots');
  });
});
