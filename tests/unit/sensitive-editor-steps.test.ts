// @vitest-environment happy-dom
// A contenteditable named sensitive is masked in dom_tree and axtree, and so are the step's own description of its
// target, the type step of an editor that holds it, and another element's accessible name read from it: the
// worker's scrub cannot tell a password or a card's security code ("hunter2", "917") from ordinary text.
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => import('./sent-messages').then((m) => m.polyfill));

import { initPointerObserver } from '../../src/content/observers/pointer-observer';
import { initInputObserver } from '../../src/content/observers/input-observer';
import { trusted } from './fake-observer-param';
import { endRecordings, startRecording } from './recording';
import { drafts } from './sent-messages';
import { buildStep } from '../../src/core/build-step';
import { fieldScrubber as scrubber } from './laid-out-page';
import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';

const SECRET = 'hunter2';
const pointer = (type: string): PointerEvent => trusted(new PointerEvent(type, { bubbles: true, composed: true, clientX: 10, clientY: 10, button: 0 }));
const click = (): MouseEvent => trusted(new MouseEvent('click', { bubbles: true, composed: true, clientX: 10, clientY: 10, button: 0, detail: 1 }));
const recording = () => startRecording('log in', initPointerObserver, initInputObserver);
/** The draft as the worker stores it: the scrubber of the default config over every field. */
const stored = (i: number): string => JSON.stringify(buildStep({ draft: drafts()[i]!, seq: 1, tabId: 7, frameId: 0, image: null, scrubber }).step);

afterEach(endRecordings);

describe('a sensitive contenteditable in the step', () => {
  it('control: its text is kept out of dom_tree (held)', () => {
    document.body.innerHTML = `<div contenteditable="true" role="textbox" aria-label="Password" id="pw">${SECRET}</div>`;
    expect(startSnapshotter(document, new ElementIds(), scrubber).snapshot().xml).not.toContain(SECRET);
  });

  // The masked host is built uncached, so the step names its nearest cached ancestor (here <body>), whose text is
  // read raw: target.name and target.text are the password.
  it('control: its own title, aria-valuetext and aria-description are not written either (held)', () => {
    document.body.innerHTML = `<div contenteditable="true" role="textbox" aria-label="Password" title="${SECRET}" aria-valuetext="${SECRET}" aria-description="${SECRET}">${SECRET}</div>`;
    const s = startSnapshotter(document, new ElementIds(), scrubber).snapshot();
    expect(`${s.xml}${s.axtree}`).not.toContain(SECRET);
  });

  it('a click into the filled field: the step\'s target carries its text', async () => {
    document.body.innerHTML = `<div contenteditable="true" role="textbox" aria-label="Password" id="pw">${SECRET}</div>`;
    recording();
    const field = document.getElementById('pw')!;
    field.dispatchEvent(pointer('pointerdown'));
    field.dispatchEvent(click());
    await vi.waitFor(() => expect(drafts()).toHaveLength(1));
    expect(JSON.stringify(drafts()[0]!.target)).not.toContain(SECRET);
    expect(stored(0)).not.toContain(SECRET);
  });

  it('a click on a paragraph inside the field (a rich editor\'s <p>): target.text is the secret', async () => {
    document.body.innerHTML = `<div contenteditable="true" role="textbox" aria-label="Card security code"><p id="p">917</p></div>`;
    recording();
    const p = document.getElementById('p')!;
    p.dispatchEvent(pointer('pointerdown'));
    p.dispatchEvent(click());
    await vi.waitFor(() => expect(drafts()).toHaveLength(1));
    expect(stored(0)).not.toMatch(/"text":"917"/);
  });

  it('an editable island named Password inside an ordinary editor: the type step carries the editor\'s text', async () => {
    document.body.innerHTML = '<div contenteditable="true" aria-label="Notes" id="ed"><p>Wifi</p>'
      + '<div contenteditable="true" aria-label="Password" id="pw"></div></div>';
    recording();
    const pw = document.getElementById('pw')!;
    pw.dispatchEvent(trusted(new InputEvent('beforeinput', { bubbles: true, composed: true, inputType: 'insertText', data: SECRET })));
    pw.textContent = SECRET;
    pw.dispatchEvent(trusted(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: SECRET })));
    pw.dispatchEvent(trusted(new FocusEvent('focusout', { bubbles: true, composed: true })));
    await vi.waitFor(() => expect(drafts().length).toBeGreaterThan(0));
    // The snapshot masks the island, the step does not.
    expect(startSnapshotter(document, new ElementIds(), scrubber).snapshot().xml).not.toContain(SECRET);
    expect(drafts().map((_, i) => stored(i)).join()).not.toContain(SECRET);
  });
});

describe('a sensitive contenteditable that stops being editable', () => {
  // A one-time-code or password box the page locks while it verifies (contenteditable="false", as it would set
  // readonly or disabled on an <input>, which stays sensitive): the secret typed into it is then written.
  it('contenteditable set to "false" after typing: the code is written in dom_tree', () => {
    document.body.innerHTML = '<div contenteditable="true" role="textbox" aria-label="Verification code" id="otp"></div>';
    const snap = startSnapshotter(document, new ElementIds(), scrubber);
    const otp = document.getElementById('otp')!;
    otp.textContent = '482913';
    expect(snap.snapshot().xml).not.toContain('482913');
    otp.setAttribute('contenteditable', 'false');
    otp.setAttribute('aria-readonly', 'true');
    expect(snap.snapshot().xml).not.toContain('482913');
  });
});

describe('a sensitive contenteditable\'s descendants built outside its masked build', () => {
  // An invisible element's subtree is walked for children that show themselves (visibility: visible), and those
  // are built as elements of their own, past the host's check: a password box a page hides while its reveal
  // animation runs, its text in a visible child.
  it('a visibility:hidden host with a visibility:visible child', () => {
    document.body.innerHTML = `<div contenteditable="true" role="textbox" aria-label="Password" style="visibility: hidden"><span style="visibility: visible">${SECRET}</span></div>`;
    const s = startSnapshotter(document, new ElementIds(), scrubber).snapshot();
    expect(s.xml).not.toContain(SECRET);
    expect(s.axtree).not.toContain(SECRET);
  });

  // The same path for a user's mask (mask_selectors) on a hidden element.
  it('a visibility:hidden masked element with a visibility:visible child (mask_selectors)', () => {
    document.body.innerHTML = `<div class="private" style="visibility: hidden"><span style="visibility: visible">${SECRET}</span></div>`;
    const snap = startSnapshotter(document, new ElementIds(), scrubber);
    snap.configure(['.private'], '<MASKED>', 1_000_000);
    expect(snap.snapshot().xml).not.toContain(SECRET);
  });
});

describe('another element\'s name read from a sensitive contenteditable', () => {
  it('control: a field named by aria-label is read by that name (held)', () => {
    document.body.innerHTML = `<div contenteditable="true" aria-label="Password" id="pw">${SECRET}</div>`
      + '<span id="c">Copy</span><button aria-labelledby="c pw"></button>';
    expect(startSnapshotter(document, new ElementIds(), scrubber).snapshot().axtree).not.toContain(SECRET);
  });

  it('a button aria-labelledby a field named by aria-labelledby ("Copy hunter2"): the axtree name carries it', () => {
    document.body.innerHTML = `<span id="l">Password</span><div contenteditable="true" role="textbox" aria-labelledby="l" id="pw">${SECRET}</div>`
      + '<span id="c">Copy</span><button aria-labelledby="c pw"></button>';
    const s = startSnapshotter(document, new ElementIds(), scrubber).snapshot();
    expect(s.axtree).not.toContain(SECRET);
  });
});
