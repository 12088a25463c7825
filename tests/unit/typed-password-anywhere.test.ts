// @vitest-environment happy-dom
// A password typed on a page is redacted wherever the page shows it as text, not only in its field: a span a
// "show" button fills, a confirmation that echoes it, a generator's suggestion that the person then types. No
// rule finds a password by its look; the page's scrubber gets the values typed (password-memory typedPasswords).
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => import('./sent-messages').then((m) => m.polyfill));

import type { Recorder } from '../../src/content/recorder';
import { typedPasswords, watchPasswords } from '../../src/content/password-memory';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultConfig } from '../../src/core/scrub/default-config';
import { withAssembledTree } from '../../src/core/dom-tree-parts';
import { press, recordingNow, typeInto } from './starting-recorder';
import { trusted } from './fake-observer-param';
import { drafts, sent } from './sent-messages';

const stops: (() => void)[] = [];
afterEach(() => {
  stops.splice(0).forEach((s) => s());
  sent.length = 0;
  document.body.innerHTML = '';
});

watchPasswords(window);
// The page's scrubber as redactor-loader makes it (NER left out: it plays no part here).
const scrubber = createScrubber(defaultConfig(), null, typedPasswords);

const recording = (): Recorder => recordingNow(stops, scrubber);

/** Presses the button `id`; resolves with its step, once sent. */
async function pressStep(rec: Recorder, id: string) {
  const name = document.getElementById(id)!.textContent;
  const before = drafts().length;
  press(document.getElementById(id)!);
  rec.flushPending();
  await vi.waitFor(() => expect(drafts().slice(before).some((d) => d.target?.name === name)).toBe(true));
  return withAssembledTree(drafts().slice(before).findLast((d) => d.target?.name === name)!);
}

describe('a password typed on the page', () => {
  it('is redacted in a span that shows it as typed, and counted as a redaction (its box, blurred)', async () => {
    // Named "secret_word" and labelled "Door word": only its type says password.
    document.body.innerHTML = '<label>Door word <input type="password" name="secret_word" id="pw"></label>'
      + '<p>You typed: <span id="echo"></span></p><button id="go">Go on</button>';
    const pw = document.getElementById('pw') as HTMLInputElement;
    pw.addEventListener('input', () => { document.getElementById('echo')!.textContent = pw.value; });
    const rec = recording();
    typeInto(pw, 'Kettle-47-Blue');
    const step = await pressStep(rec, 'go');
    expect(document.getElementById('echo')!.textContent).toBe('Kettle-47-Blue');
    expect(JSON.stringify(sent)).not.toContain('Kettle-47');
    expect(step.domTree).toContain('You typed: <span id="6" dom-id="echo">&lt;REDACTED&gt;</span>');
    expect(step.redactions.credential).toBeGreaterThanOrEqual(1);
  });

  it('is redacted where the page showed it before it was typed and an earlier step kept that text', async () => {
    // A generator's suggestion, shown first; the person clicks into the page (a step: the snapshot keeps the
    // suggestion's text), then types it into the field.
    document.body.innerHTML = '<p>Suggested: <b id="sugg">Maple7Orbit</b></p><button id="use">Use it</button>'
      + '<input type="password" name="newpw" id="pw"><button id="save">Save</button>';
    const rec = recording();
    const first = await pressStep(rec, 'use');
    expect(first.domTree).toContain('Maple7Orbit');
    typeInto(document.getElementById('pw') as HTMLInputElement, 'Maple7Orbit');
    const save = await pressStep(rec, 'save');
    expect(save.domTree).not.toContain('Maple7Orbit');
    expect(save.domTree).toMatch(/Suggested: <b [^>]*>&lt;REDACTED&gt;<\/b>/);
  });

  it('is redacted where the page showed it before with its white space as the tree writes it (collapsed)', async () => {
    document.body.innerHTML = '<p>Suggested: <b>Blue  Heron-64</b></p><input type="password" id="pw"><button id="use">Use it</button><button id="save">Save</button>';
    const rec = recording();
    await pressStep(rec, 'use');
    typeInto(document.getElementById('pw') as HTMLInputElement, 'Blue  Heron-64');
    const save = await pressStep(rec, 'save');
    expect(save.domTree).not.toContain('Heron-64');
  });

  it('is redacted in the page title once typed, though the title was scrubbed and kept before', async () => {
    // A page that puts the account's new password in its title (it happens: "Your password is …" pages).
    document.title = 'Welcome99 is set';
    document.body.innerHTML = '<input type="password" id="pw"><button id="one">One</button><button id="two">Two</button>';
    const rec = recording();
    await pressStep(rec, 'one');
    typeInto(document.getElementById('pw') as HTMLInputElement, 'Welcome99');
    const two = await pressStep(rec, 'two');
    expect(JSON.stringify(two)).not.toContain('Welcome99');
  });

  it('shown nowhere, drops none of the snapshot\'s caches (a full build of a large page costs hundreds of ms)', async () => {
    document.body.innerHTML = '<p>Sign in</p><input type="password" id="pw"><button id="one">One</button><button id="two">Two</button>';
    const rec = recording();
    await pressStep(rec, 'one');
    const rebuilt = vi.spyOn(rec.snapshotter, 'resetCache');
    typeInto(document.getElementById('pw') as HTMLInputElement, 'Lantern-88');
    const two = await pressStep(rec, 'two');
    expect(JSON.stringify(two)).not.toContain('Lantern-88');
    expect(rebuilt).not.toHaveBeenCalled();
  });

  it('typed over a suggestion the page showed: the typing step, read at its first key, is cut as it is made', async () => {
    document.body.innerHTML = '<p>Suggested: <b id="sugg">Violet-Gate-5</b></p><input type="password" id="pw"><button id="save">Save</button>';
    const rec = recording();
    typeInto(document.getElementById('pw') as HTMLInputElement, 'Violet-Gate-5');
    await pressStep(rec, 'save');
    const typing = drafts().filter((d) => d.action.type === 'type').map((d) => withAssembledTree(d));
    expect(typing).toHaveLength(1);
    expect(JSON.stringify(typing[0])).not.toContain('Violet-Gate-5');
    expect(typing[0]!.domTree).toMatch(/Suggested: <b [^>]*>&lt;REDACTED&gt;<\/b>/);
    expect(typing[0]!.redactions.credential).toBeGreaterThanOrEqual(1);
  });

  it('typed over a suggestion: the held copy of the typing step (for a tab closed first) is sent again, cut', async () => {
    document.body.innerHTML = '<p>Suggested: <b>Amber-Kite-31</b></p><input type="password" id="pw"><button id="save">Save</button>';
    recording();
    typeInto(document.getElementById('pw') as HTMLInputElement, 'Amber-Kite-31');
    type Typing = { kind: string; draft?: { domParts?: { marked: string } } };
    const held = (): Typing[] => (sent as Typing[]).filter((m) => m.kind === 'page/typing' && m.draft);
    // The first whole copy goes at the first key, before the password is known; the held text follows it.
    await vi.waitFor(() => expect(held().length).toBeGreaterThanOrEqual(2));
    expect(held().at(-1)!.draft!.domParts!.marked).not.toContain('Amber-Kite-31');
  });

  it('the current password stays a secret when the new one, typed next in another field, extends it', async () => {
    document.body.innerHTML = '<input type="password" id="cur"><span id="e1"></span><input type="password" id="new"><button id="go">Go</button>';
    const cur = document.getElementById('cur') as HTMLInputElement;
    const rec = recording();
    typeInto(cur, 'Summer-2024');
    typeInto(document.getElementById('new') as HTMLInputElement, 'Summer-2024!');
    document.getElementById('e1')!.textContent = `Old: ${cur.value}`;
    const step = await pressStep(rec, 'go');
    expect(JSON.stringify(step)).not.toContain('Summer-2024');
  });

  it('is redacted in an address or link path holding a literal "+"', async () => {
    document.body.innerHTML = '<input type="password" id="pw"><a id="l" href="#">confirm</a><button id="go">Go</button>';
    const rec = recording();
    typeInto(document.getElementById('pw') as HTMLInputElement, 'Tom+Jerry9');
    document.getElementById('l')!.setAttribute('href', '/confirm/Tom+Jerry9');
    history.replaceState(null, '', '/welcome/Tom+Jerry9');
    await pressStep(rec, 'go');
    expect(JSON.stringify(sent)).toContain('/welcome/');
    expect(JSON.stringify(sent)).not.toContain('Jerry9');
    history.replaceState(null, '', '/');
  });

  it('pasted (one input, no key), or shown before it was typed in attributes, a shadow root or with XML specials: redacted', async () => {
    document.body.innerHTML = '<input type="password" id="pw"><span title="Copper-Lake-3">tip</span><button id="one" aria-label="use Copper-Lake-3">one</button>'
      + '<p>a&lt;b&amp;"c\'d9</p><div id="host"></div><p id="echo"></p><button id="go">Go</button>';
    document.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML = '<b>Copper-Lake-3</b>';
    const rec = recording();
    await pressStep(rec, 'go');
    const pw = document.getElementById('pw') as HTMLInputElement;
    typeInto(pw, 'Copper-Lake-3');
    const other = document.createElement('input');
    other.type = 'password';
    document.body.append(other);
    other.dispatchEvent(trusted(new InputEvent('beforeinput', { bubbles: true, composed: true, data: 'a<b&"c\'d9', inputType: 'insertFromPaste' })));
    other.value = 'a<b&"c\'d9';
    other.dispatchEvent(trusted(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' })));
    const step = await pressStep(rec, 'go');
    expect(JSON.stringify(step)).not.toContain('Copper-Lake-3');
    expect(step.domTree).not.toContain('a&lt;b&amp;');
  });
});

const typingSteps = () => drafts().filter((d) => d.action.type === 'type').map((d) => withAssembledTree(d));

/** Types `password` into #pw of the page as it stands, then presses #save: the one typing step made. */
async function typedThenSaved(password: string): Promise<ReturnType<typeof typingSteps>> {
  const rec = recording();
  typeInto(document.getElementById('pw') as HTMLInputElement, password);
  await pressStep(rec, 'save');
  const typing = typingSteps();
  expect(typing).toHaveLength(1);
  return typing;
}

/** Backspace `n` times in `field`, as a person does. */
function backspace(field: HTMLInputElement, n: number): void {
  for (let i = 0; i < n; i++) {
    field.dispatchEvent(trusted(new KeyboardEvent('keydown', { bubbles: true, composed: true, key: 'Backspace' })));
    field.dispatchEvent(trusted(new InputEvent('beforeinput', { bubbles: true, composed: true, inputType: 'deleteContentBackward' })));
    field.value = field.value.slice(0, -1);
    field.dispatchEvent(trusted(new InputEvent('input', { bubbles: true, composed: true, inputType: 'deleteContentBackward' })));
  }
}

describe('the typing step\'s late cut (its page read before the password was known)', () => {
  it('cuts a suggested password holding an apostrophe from the axtree (quoted there as \\\')', async () => {
    document.body.innerHTML = "<p>Suggested: <b>O'Hara-Gate-58</b></p><input type=\"password\" id=\"pw\"><button id=\"save\">Save</button>";
    const typing = await typedThenSaved("O'Hara-Gate-58");
    expect(typing[0]!.domTree).not.toContain('Hara-Gate-58');
    expect(typing[0]!.axTree ?? '').not.toContain('Hara-Gate-58');
  });

  it('cuts a suggested password holding a double space (the tree collapses it to one)', async () => {
    document.body.innerHTML = '<p>Suggested: <b>Blue  Harbor-93</b></p><input type="password" id="pw"><button id="save">Save</button>';
    const typing = await typedThenSaved('Blue  Harbor-93');
    expect(JSON.stringify(typing[0])).not.toContain('Harbor-93');
  });

  it('cuts a suggested password from a link whose query encodes it as URLSearchParams does ("!" as %21)', async () => {
    const pw = 'Summer-Kite2024!';
    document.body.innerHTML = `<a id="l" href="/use?ref=${new URLSearchParams({ pw }).toString().slice(3)}">use this one</a><input type="password" id="pw"><button id="save">Save</button>`;
    expect(document.getElementById('l')!.getAttribute('href')).toContain('%21');
    const typing = await typedThenSaved(pw);
    expect(JSON.stringify(typing[0])).not.toContain('Summer-Kite2024');
  });

  it('a password equal to a tag name ("button") leaves the typing step\'s dom_tree well-formed', async () => {
    document.body.innerHTML = '<p>Pick <b>button</b></p><input type="password" id="pw"><button id="save">Save</button>';
    const typing = await typedThenSaved('button');
    expect(typing[0]!.domTree).not.toContain('<&lt;');
    expect(typing[0]!.domTree).not.toContain('</&lt;');
  });
  it('a password equal to an attribute name ("dom-id") leaves the typing step\'s dom_tree well-formed', async () => {
    document.body.innerHTML = '<p id="hint">Pick one</p><input type="password" id="pw"><button id="save">Save</button>';
    const typing = await typedThenSaved('dom-id');
    expect(typing[0]!.domTree).toContain('dom-id="hint"');
  });

  it('cuts a suggested password the tree clipped at its text limit (its first 14 characters stay)', async () => {
    const pw = 'Pelican-Forge-77';
    document.body.innerHTML = `<p>${'w'.repeat(285)}${pw}</p><input type="password" id="pw"><button id="save">Save</button>`;
    const typing = await typedThenSaved(pw);
    expect(JSON.stringify(typing[0])).not.toContain('Pelican-Forge');
  });
  it('typing over a suggestion the page shows re-sends the whole held draft once, not at every hold', async () => {
    const pw = 'Marble-Finch-Orchard-8';
    document.body.innerHTML = `<p>Suggested: <b>${pw}</b></p><input type="password" id="pw"><button id="save">Save</button>`;
    recording();
    const field = document.getElementById('pw') as HTMLInputElement;
    // A person's pace: one key every 200 ms, past the held text's 150 ms cadence.
    for (const ch of pw.slice(0, 14)) {
      typeInto(field, ch);
      await new Promise((r) => setTimeout(r, 200));
    }
    const whole = (sent as { kind: string; draft?: unknown }[]).filter((m) => m.kind === 'page/typing' && m.draft);
    expect(whole.length).toBeLessThanOrEqual(3);
  }, 15_000);
});

describe('password memory', () => {
  it('a change form\'s current password stays known when the new one is typed with corrections', async () => {
    document.body.innerHTML = '<input type="password" id="cur"><span id="e1"></span><input type="password" id="new"><button id="go">Go</button>';
    const cur = document.getElementById('cur') as HTMLInputElement;
    const neu = document.getElementById('new') as HTMLInputElement;
    const rec = recording();
    typeInto(cur, 'Copper-Moth-61');
    typeInto(neu, 'Granite-Owl-Lake-42');
    backspace(neu, 9); // "Granite-Ow"
    typeInto(neu, 'l-River-7');
    document.getElementById('e1')!.textContent = `Old: ${cur.value}`;
    const step = await pressStep(rec, 'go');
    expect(JSON.stringify(step)).not.toContain('Copper-Moth-61');
  });

  it('a page focusing 8 password fields it filled itself does not evict the person\'s password', async () => {
    document.body.innerHTML = '<input type="password" id="pw"><span id="e1"></span><div id="junk"></div><button id="go">Go</button>';
    const pw = document.getElementById('pw') as HTMLInputElement;
    const rec = recording();
    typeInto(pw, 'Saffron-Quay-19');
    for (let i = 0; i < 8; i++) {
      const f = document.createElement('input');
      f.type = 'password';
      f.value = `filler-${i}-xyz`;
      document.getElementById('junk')!.append(f);
      // A script's focus() fires a trusted focusin in Chromium.
      f.dispatchEvent(trusted(new FocusEvent('focusin', { bubbles: true, composed: true })));
    }
    document.getElementById('e1')!.textContent = `Yours: ${pw.value}`;
    const step = await pressStep(rec, 'go');
    expect(JSON.stringify(step)).not.toContain('Saffron-Quay-19');
  });

  it('a password typed after the page\'s "show" toggle made its field type="text" is still known', async () => {
    document.body.innerHTML = '<input type="password" id="pw"><button id="eye">Show</button><p id="echo"></p><button id="go">Go</button>';
    const pw = document.getElementById('pw') as HTMLInputElement;
    const rec = recording();
    // The person shows the field first (the page's toggle), then types into it.
    pw.focus();
    pw.dispatchEvent(trusted(new FocusEvent('focusin', { bubbles: true, composed: true })));
    pw.setAttribute('type', 'text');
    await new Promise((r) => setTimeout(r, 0));
    typeInto(pw, 'Quartz-Meadow-3');
    document.getElementById('echo')!.textContent = `Strength of ${pw.value}: good`;
    const step = await pressStep(rec, 'go');
    expect(JSON.stringify(step)).not.toContain('Quartz-Meadow-3');
  });
});

