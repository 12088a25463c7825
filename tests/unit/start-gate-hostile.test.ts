// @vitest-environment happy-dom
// What the start gate must not hold: events whose observers read the page's state as it is when they run (the
// focused element, a field's value, a box's checked state), and events a page can fire by script, trusted.
// Typing is held, one event per field (its step reads the field's text when the typing ends, never the event's).
// Replayed late, a key typed into a closed-shadow password read as an ordinary key (its focus gone) became a
// step holding the secret's characters; and a page firing 400 focus changes at load filled the gate, so the
// person's click ran before the recorder had begun, and was lost; so did scrolling 400 same-origin frames.
import { afterEach, describe, expect, it, vi } from 'vitest';

// What content scripts get from Chrome (chrome.dom.openOrClosedShadowRoot), read by focused-element at load.
const closedRoots = vi.hoisted(() => {
  const roots = new WeakMap<Element, ShadowRoot>();
  (globalThis as unknown as { chrome: unknown }).chrome = { dom: { openOrClosedShadowRoot: (el: Element) => roots.get(el) ?? null } };
  return roots;
});

vi.mock('webextension-polyfill', () => import('./sent-messages').then((m) => m.polyfill));

import { Recorder } from '../../src/content/recorder';
import { Outbox } from '../../src/content/outbox';
import { initPointerObserver } from '../../src/content/observers/pointer-observer';
import { StartGate } from '../../src/content/start-gate';
import { listen, throughGate } from '../../src/content/guard';
import { passThroughRedactor } from '../../src/core/redactor';
import { trusted } from './fake-observer-param';
import { click, pointer, startingRecorder as starting } from './starting-recorder';
import { drafts, sent } from './sent-messages';

const stops: (() => void)[] = [];
afterEach(() => {
  stops.splice(0).forEach((s) => s());
  sent.length = 0;
  document.body.innerHTML = '';
});

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 20));

/** The content script's set-up at document_start: observers through a gate that holds; `begin` as its start ends. */
function startingRecorder(): { begin: () => void } {
  const { rec, start } = starting(stops);
  return { begin: () => { start(); rec.flushPending(); rec.drainEmits(); } };
}

describe('the start gate against a hostile or tricky page', () => {
  it('holds no key, change, focus change or submit: they run at once', () => {
    const gate = new StartGate();
    const seen: string[] = [];
    const types = ['keydown', 'beforeinput', 'change', 'focusout', 'submit'];
    stops.push(...throughGate(gate, () => types.map((t) => listen(window, t, () => seen.push(t)))));
    for (const t of types) document.body.dispatchEvent(trusted(new Event(t, { bubbles: true })));
    expect(seen).toEqual(types);
    gate.open();
    expect(seen).toEqual(types);
  });

  it('Alt characters typed in a closed-shadow password while the recorder starts, then left, are no key steps', async () => {
    document.body.innerHTML = '<button id="next">Next</button>';
    const host = document.createElement('pw-box');
    document.body.prepend(host);
    const root = host.attachShadow({ mode: 'closed' });
    closedRoots.set(host, root);
    root.innerHTML = '<label>Password <input type="password" name="pw"></label>';
    const pw = root.querySelector('input')!;
    const { begin } = startingRecorder();
    pw.focus();
    // As the window's listener sees it in a browser: retargeted to the host, the closed tree left out of the path.
    const key = trusted(new KeyboardEvent('keydown', { bubbles: true, composed: true, key: 'q', altKey: true, ctrlKey: true }));
    Object.defineProperty(key, 'composedPath', { value: () => [host, document.body, document.documentElement, document, window] });
    pw.dispatchEvent(key);
    // The person moves on (Tab, or a click elsewhere) before the recorder has begun.
    pw.blur();
    (document.getElementById('next') as HTMLButtonElement).focus();
    begin();
    await settle();
    expect(drafts().filter((d) => d.action.type === 'key').map((d) => d.action.key)).toEqual([]);
  });

  it('a page cannot crowd the person\'s click out with trusted focus changes and submits it causes itself', async () => {
    document.body.innerHTML = '<form id="f"><input id="a"><input id="b"></form><button id="buy">Buy</button>';
    const { begin } = startingRecorder();
    // a.focus(); b.focus(); form.requestSubmit() in a loop: each fires a trusted focusout or submit.
    for (let i = 0; i < 400; i++) {
      document.getElementById(i % 2 ? 'a' : 'b')!.dispatchEvent(trusted(new FocusEvent('focusout', { bubbles: true, composed: true })));
      document.getElementById('f')!.dispatchEvent(trusted(new Event('submit', { bubbles: true })));
    }
    const buy = document.getElementById('buy')!;
    buy.dispatchEvent(pointer('pointerdown'));
    buy.dispatchEvent(click());
    begin();
    await settle();
    expect(drafts().map((d) => d.action.type)).toEqual(['click']);
  });

  it('scrolling 400 same-origin frames by script does not crowd the person\'s click out', async () => {
    document.body.innerHTML = '<button id="buy">Buy</button>';
    const frames = Array.from({ length: 400 }, () => document.body.appendChild(document.createElement('div')));
    const rec = new Recorder(window, passThroughRedactor, new Outbox());
    const param = rec.observerParam();
    const gate = new StartGate();
    stops.push(throughGate(gate, () => initPointerObserver(window, param)));
    // Each same-origin frame's scroll observer is a listener of its own (attach() in recorder.iife); a page can
    // scroll them all by script, every animation frame, and scroll events are trusted.
    stops.push(...throughGate(gate, () => frames.map((f) => listen(f, 'scroll', () => undefined))));
    stops.push(() => rec.end());
    // requestAnimationFrame(() => frames.forEach((f) => f.contentWindow.scrollBy(0, 1))): trusted scroll events.
    for (const f of frames) f.dispatchEvent(trusted(new Event('scroll')));
    const buy = document.getElementById('buy')!;
    buy.dispatchEvent(trusted(new PointerEvent('pointerdown', { bubbles: true, composed: true, clientX: 5, clientY: 5, button: 0 })));
    buy.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, composed: true, clientX: 5, clientY: 5, button: 0, detail: 1 })));
    rec.begin({ taskId: 'task-1', instruction: 'buy', startedAt: 1 }, passThroughRedactor, 1, { tabId: 7, frameId: 0 });
    gate.open((at, run) => rec.replayHeld(at, run));
    rec.drainEmits();
    await new Promise((r) => setTimeout(r, 20));
    expect(drafts().map((d) => d.action.type)).toEqual(['click']);
  });

  it('a page typing into fields by script (execCommand, trusted) holds one event per field, and cannot crowd the click out', async () => {
    const fields = Array.from({ length: 300 }, (_v, i) => `<input id="f${i}">`).join('');
    document.body.innerHTML = `${fields}<button id="buy">Buy</button>`;
    const { begin } = startingRecorder();
    // for (…) { field.focus(); document.execCommand('insertText', false, 'x') }: each fires a trusted input.
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 300; i++) {
        const f = document.getElementById(`f${i}`) as HTMLInputElement;
        f.value += 'x';
        f.dispatchEvent(trusted(new InputEvent('input', { bubbles: true, composed: true, data: 'x', inputType: 'insertText' })));
      }
    }
    const buy = document.getElementById('buy')!;
    buy.dispatchEvent(pointer('pointerdown'));
    buy.dispatchEvent(click());
    begin();
    await settle();
    const types = drafts().map((d) => d.action.type);
    expect(types.filter((t) => t === 'click')).toHaveLength(1);
    // One type step per field at most, 50 held (MAX_EDITS): past that the oldest went (no key was pressed in any).
    expect(types.filter((t) => t === 'type')).toHaveLength(50);
  });
});
