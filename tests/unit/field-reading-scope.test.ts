// @vitest-environment happy-dom
// A field's attributes are read once per build (snapshot-xml's lastField) and editors are judged by one test
// (isSensitiveEditor): nested fields, re-entrant snapshots and renamed labels each keep their own reading; every secret stays out of dom_tree and axtree.
import { describe, expect, it, vi } from 'vitest';

const closed = vi.hoisted(() => {
  const roots = new WeakMap<object, ShadowRoot>();
  (globalThis as unknown as { chrome: unknown }).chrome = { dom: { openOrClosedShadowRoot: (el: object): ShadowRoot | null => roots.get(el) ?? null } };
  return { roots };
});

import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { layOut, rect } from './laid-out-page';
import { passThroughRedactor } from '../../src/core/redactor';
import type { DomSnapshotter } from '../../src/content/dom-snapshot';

layOut((el) => (el.classList.contains('t') ? rect(10, 300, 120, 20) : rect(0, 0, 800, 600)));
const BOX = { x: 10, y: 300, width: 120, height: 20 };
const CODE = '9173';

const fresh = (redactor = passThroughRedactor): DomSnapshotter => startSnapshotter(document, new ElementIds(), redactor);
function hidden(snap: DomSnapshotter, secret = CODE) {
  const s = snap.snapshot();
  expect(s.xml).not.toContain(secret);
  expect(s.axtree).not.toContain(secret);
  return s;
}

describe('field reading scope: nesting', () => {
  it('a sensitive input appended inside a harmless input (built inside its build): each its own reading', () => {
    document.body.innerHTML = '<input id="outer" aria-label="Notes" value="plain">';
    const inner = document.createElement('input');
    inner.setAttribute('aria-label', 'Card security code');
    inner.className = 't';
    inner.value = CODE;
    document.getElementById('outer')!.appendChild(inner);
    const s = hidden(fresh());
    expect(s.redactedRegions).toContainEqual(BOX);
    expect(s.xml).toContain('value="plain"');
  });

  it('a harmless input inside a sensitive input: the outer keeps its own (sensitive) reading after the inner\'s build', () => {
    document.body.innerHTML = `<input id="outer" class="t" aria-label="Password" value="${CODE}">`;
    const inner = document.createElement('input');
    inner.setAttribute('aria-label', 'Notes');
    inner.value = 'plain';
    document.getElementById('outer')!.appendChild(inner);
    const s = hidden(fresh());
    expect(s.redactedRegions).toContainEqual(BOX);
  });

  it('a sensitive textarea holding a harmless editor, and the reverse', () => {
    document.body.innerHTML = `<textarea aria-label="Recovery phrase" class="t">${CODE}</textarea>`;
    const ed = document.createElement('div');
    ed.setAttribute('contenteditable', 'true');
    ed.textContent = 'notes';
    document.querySelector('textarea')!.appendChild(ed);
    hidden(fresh());
    document.body.innerHTML = `<div contenteditable="true" aria-label="Notes"><p>hello</p><div contenteditable="true" aria-label="Password" class="t">${CODE}</div></div>`;
    expect(hidden(fresh()).redactedRegions).toContainEqual(BOX);
    document.body.innerHTML = `<div contenteditable="true" aria-label="Password" class="t"><div contenteditable="true" aria-label="Notes">${CODE}</div></div>`;
    expect(hidden(fresh()).redactedRegions).toContainEqual(BOX);
  });

  it('an input that names itself (aria-labelledby its own id) and one named by a sensitive field\'s value', () => {
    document.body.innerHTML = `<input id="pw" type="password" class="t" aria-labelledby="pw" value="${CODE}"><button aria-labelledby="pw">Go</button>`;
    hidden(fresh());
  });

  it('a hidden (visibility) sensitive editor with a visible child', () => {
    document.body.innerHTML = `<div contenteditable="true" aria-label="One-time code" class="t" style="visibility:hidden"><span style="visibility:visible">${CODE}</span></div>`;
    hidden(fresh());
  });
});

describe('field reading scope: the memo lives for one build only', () => {
  it('a label renamed between snapshots, no mutation on the field', () => {
    document.body.innerHTML = `<label for="f" id="l">Notes</label><input id="f" class="t" value="${CODE}">`;
    const snap = fresh();
    expect(snap.snapshot().xml).toContain(CODE);
    document.getElementById('l')!.textContent = 'Card security code';
    expect(hidden(snap).redactedRegions).toContainEqual(BOX);
  });

  it('an empty field whose label is renamed later is blurred (credential) at the next snapshot', () => {
    document.body.innerHTML = '<label for="f" id="l">Notes</label><input id="f" class="t">';
    const snap = fresh();
    expect(snap.snapshot().redactedRegions).not.toContainEqual(BOX);
    document.getElementById('l')!.textContent = 'Card security code';
    expect(snap.snapshot().redactedRegions).toContainEqual(BOX);
  });

  it('a harmless field built right after a sensitive one of the same label source reads its own', () => {
    document.body.innerHTML = `<span id="a">Password</span><input aria-labelledby="a" class="t" value="${CODE}"><input aria-label="City" value="Lisbon">`;
    const s = hidden(fresh());
    expect(s.xml).toContain('Lisbon');
  });

  it('a mask root over a sensitive field and a sensitive field inside the mask', () => {
    document.body.innerHTML = `<section class="m"><input aria-label="Password" value="${CODE}"><div contenteditable aria-label="CVC">${CODE}</div></section>`;
    const snap = fresh();
    snap.configure(['.m'], '<MASKED>', 1_000_000);
    hidden(snap);
  });
});

describe('field reading scope: shadow roots', () => {
  it('a field in a closed root labelled by a <label for> naming its host, and a slotted field in a closed labelled slot', () => {
    document.body.innerHTML = '<label for="cvc">Card security code</label><pay-field id="cvc"></pay-field><pin-box><input slot="c" class="t"></pin-box>';
    const pay = document.querySelector('pay-field')!;
    const r1 = pay.attachShadow({ mode: 'closed' });
    closed.roots.set(pay, r1);
    r1.innerHTML = `<input value="${CODE}">`;
    const pin = document.querySelector('pin-box')!;
    const r2 = pin.attachShadow({ mode: 'closed' });
    closed.roots.set(pin, r2);
    r2.innerHTML = '<label>PIN <slot name="c"></slot></label>';
    (document.querySelector('input.t') as HTMLInputElement).value = '5521';
    const s = hidden(fresh());
    expect(s.xml).not.toContain('5521');
    expect(s.axtree).not.toContain('5521');
  });
});

describe('field reading scope: re-entrancy', () => {
  it('a snapshot taken from page code inside a field\'s build (happy-dom runs own accessors) leaves the outer reading right', () => {
    document.body.innerHTML = `<input id="pw" class="t" aria-label="Password" value="${CODE}"><input id="n" aria-label="Notes" value="plain">`;
    const snap = fresh();
    const n = document.getElementById('n') as HTMLInputElement;
    let depth = 0;
    let inner = '';
    Object.defineProperty(document.getElementById('pw'), 'type', {
      configurable: true,
      get() {
        if (depth++ === 0) inner = snap.snapshot().axtree;
        return 'text';
      },
    });
    const s = hidden(snap);
    expect(inner).toContain("textbox");
    expect(inner).not.toContain(CODE);
    expect(s.xml).toContain('plain');
    void n;
  });
});
