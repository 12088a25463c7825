// @vitest-environment happy-dom
// A password typed on a page is redacted wherever the page shows it as text, not only in its field: a span a
// "show" button fills, a confirmation that echoes it, a generator's suggestion that the person then types. No
// rule finds a password by its look; the page's scrubber gets the values typed (password-memory typedPasswords).
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => import('./sent-messages').then((m) => m.polyfill));

import { Recorder } from '../../src/content/recorder';
import { Outbox } from '../../src/content/outbox';
import { initPointerObserver } from '../../src/content/observers/pointer-observer';
import { initInputObserver } from '../../src/content/observers/input-observer';
import { typedPasswords, watchPasswords } from '../../src/content/password-memory';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultConfig } from '../../src/core/scrub/default-config';
import { withAssembledTree } from '../../src/core/dom-tree-parts';
import { press, typeInto } from './starting-recorder';
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

function recording(): Recorder {
  const rec = new Recorder(window, scrubber, new Outbox());
  const param = rec.observerParam();
  rec.begin({ taskId: 'task-1', instruction: 'sign up', startedAt: 1 }, scrubber, 1, { tabId: 7, frameId: 0 });
  stops.push(initPointerObserver(window, param), initInputObserver(window, param), () => rec.end());
  return rec;
}

/** Presses the button `id`; resolves with its step, once sent. */
async function pressStep(rec: Recorder, id: string) {
  press(document.getElementById(id)!);
  rec.flushPending();
  await vi.waitFor(() => expect(drafts().some((d) => d.target?.name === document.getElementById(id)!.textContent)).toBe(true));
  return withAssembledTree(drafts().findLast((d) => d.target?.name === document.getElementById(id)!.textContent)!);
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
});
