// @vitest-environment happy-dom
// Actions made while a page's recorder starts (its scrubber still loading) wait at the start gate and become
// steps once it has begun, dated when they happened and marked as read after them; with no recording they run
// as before, to observers that ignore them.
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => import('./sent-messages').then((m) => m.polyfill));

import { Recorder, READ_AFTER_ACTION } from '../../src/content/recorder';
import { Outbox } from '../../src/content/outbox';
import { initScrollObserver } from '../../src/content/observers/scroll-observer';
import { StartGate, eventPath, eventTarget } from '../../src/content/start-gate';
import { listen, throughGate } from '../../src/content/guard';
import { passThroughRedactor } from '../../src/core/redactor';
import { withAssembledTree } from '../../src/core/dom-tree-parts';
import { trusted } from './fake-observer-param';
import { click, pointer, startingRecorder as starting, typeInto, type StartingRecorder } from './starting-recorder';
import { SENSITIVE_PLACEHOLDER } from '../../src/core/sensitive-field';
import { drafts, sent } from './sent-messages';

const stops: (() => void)[] = [];
afterEach(() => {
  stops.splice(0).forEach((s) => s());
  sent.length = 0;
  vi.useRealTimers();
});

/**
 * What a browser does to an event once dispatched (DOM spec, "dispatch"): its path is emptied, and an event from a
 * shadow tree loses its target. happy-dom keeps both, so a held event is made to look as a browser leaves it.
 */
function asAfterDispatch(event: Event): Event {
  Object.defineProperty(event, 'composedPath', { value: () => [] });
  Object.defineProperty(event, 'target', { value: null });
  return event;
}

/** A recorder whose observers were attached through a gate that holds, as the content script's at document_start. */
const startingRecorder = (): StartingRecorder => starting(stops);

describe('the start gate', () => {
  it('keeps a click made before the recorder began, and makes it a step dated at the click once it has', async () => {
    document.body.innerHTML = '<button id="add">Add to cart</button><span id="count">0</span>';
    const { rec, gate, begin } = startingRecorder();
    const add = document.getElementById('add')!;
    const clickedAt = Date.now();
    add.dispatchEvent(pointer('pointerdown'));
    add.dispatchEvent(click());
    // The page answers the click while the recorder still loads its scrubber.
    document.getElementById('count')!.textContent = '1';
    await new Promise((r) => setTimeout(r, 5));
    expect(drafts()).toHaveLength(0);
    begin();
    const openedAt = Date.now();
    gate.open((at, run) => rec.replayHeld(at, run));
    await vi.waitFor(() => expect(drafts()).toHaveLength(1));
    const draft = withAssembledTree(drafts()[0]!);
    expect(draft.action.type).toBe('click');
    expect(draft.target?.name).toBe('Add to cart');
    expect(draft.action.element_id).toBe(draft.target?.element_id);
    // When the click was, not when it was read; and the page read after it, so no frame before it is exact.
    expect(draft.timestamp).toBeGreaterThanOrEqual(clickedAt);
    expect(draft.timestamp).toBeLessThanOrEqual(openedAt);
    expect(draft.lastChangeAt).toBeGreaterThanOrEqual(openedAt);
    expect(draft.note).toBe(READ_AFTER_ACTION);
    // Once open, an action is the recorder's at once, read before it as always.
    add.dispatchEvent(pointer('pointerdown'));
    add.dispatchEvent(click());
    await vi.waitFor(() => expect(drafts()).toHaveLength(2));
    expect(drafts()[1]!.note).toBeUndefined();
  });

  it('keeps the order of held actions, and the element inside a shadow root they came from', async () => {
    document.body.innerHTML = '<div id="host"></div><input id="q" aria-label="Search">';
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<button id="inner">Open menu</button>';
    const { rec, gate, begin } = startingRecorder();
    const inner = root.getElementById('inner')!;
    const held = [pointer('pointerdown'), click()];
    held.forEach((e) => inner.dispatchEvent(e));
    held.forEach(asAfterDispatch);
    const field = document.getElementById('q') as HTMLInputElement;
    field.dispatchEvent(pointer('pointerdown', 30));
    field.dispatchEvent(click(30));
    begin();
    gate.open((at, run) => rec.replayHeld(at, run));
    await vi.waitFor(() => expect(drafts()).toHaveLength(2));
    const [first, second] = drafts().map((d) => withAssembledTree(d));
    expect(first!.target?.name).toBe('Open menu');
    expect(second!.target?.tag).toBe('input');
    expect(first!.timestamp).toBeLessThanOrEqual(second!.timestamp);
  });

  it('reads the path and target an event had at dispatch, once dispatch has cleared them', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<button id="inner">x</button>';
    const gate = new StartGate();
    let held: Event | null = null;
    const stop = throughGate(gate, () => listen(window, 'pointerdown', (e) => { held = e; }));
    // What a listener on the window sees as the target (retargeted to the host, in a browser).
    let targetSeen: EventTarget | null = null;
    stops.push(stop, listen(window, 'pointerdown', (e) => { targetSeen = e.target; }));
    const event = pointer('pointerdown');
    root.getElementById('inner')!.dispatchEvent(event);
    expect(held).toBeNull();
    asAfterDispatch(event);
    gate.open();
    expect(held).toBe(event);
    expect(eventPath(event)[0]).toBe(root.getElementById('inner'));
    expect(targetSeen).not.toBeNull();
    expect(eventTarget(event)).toBe(targetSeen);
  });

  it('runs held events as before, to observers that ignore them, when no recording began', async () => {
    document.body.innerHTML = '<button id="add">Add</button>';
    const { gate } = startingRecorder();
    const add = document.getElementById('add')!;
    add.dispatchEvent(pointer('pointerdown'));
    add.dispatchEvent(click());
    gate.open();
    await new Promise((r) => setTimeout(r, 5));
    expect(drafts()).toHaveLength(0);
    expect(gate.holding).toBe(false);
  });

  it('never holds an untrusted event, nor the listeners attached outside it', () => {
    const gate = new StartGate();
    const seen: string[] = [];
    stops.push(throughGate(gate, () => listen(window, 'click', () => seen.push('gated'))));
    stops.push(listen(window, 'click', () => seen.push('plain')));
    document.body.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(seen).toEqual(['gated', 'plain']);
    document.body.dispatchEvent(click());
    expect(seen).toEqual(['gated', 'plain', 'plain']);
    gate.open();
    expect(seen).toEqual(['gated', 'plain', 'plain', 'gated']);
  });

  it('keeps only the newest of a run of moves per listener, so a page full of pointer moves keeps its clicks', () => {
    const gate = new StartGate();
    const seen: string[] = [];
    stops.push(throughGate(gate, () => [
      listen(window, 'pointermove', (e) => seen.push(`move ${(e as PointerEvent).clientX}`)),
      listen(window, 'click', () => seen.push('click')),
    ].reduce((a, b) => () => { a(); b(); })));
    for (let x = 0; x < 2000; x++) document.body.dispatchEvent(pointer('pointermove', x));
    document.body.dispatchEvent(click());
    document.body.dispatchEvent(pointer('pointermove', 5000));
    document.body.dispatchEvent(pointer('pointermove', 5001));
    expect(seen).toEqual([]);
    gate.open();
    expect(seen).toEqual(['move 1999', 'click', 'move 5001']);
  });

  it('lets a scroll burst held with its wheel make one scroll step', async () => {
    document.body.innerHTML = '<div style="height: 5000px">tall</div>';
    const rec = new Recorder(window, passThroughRedactor, new Outbox());
    const param = rec.observerParam();
    const gate = new StartGate();
    const stop = throughGate(gate, () => initScrollObserver(window, param));
    stops.push(() => { stop(); rec.end(); });
    window.dispatchEvent(trusted(new WheelEvent('wheel', { bubbles: true, deltaY: 300, clientX: 5, clientY: 5 })));
    window.scrollTo(0, 300);
    document.dispatchEvent(trusted(new Event('scroll', { bubbles: true })));
    rec.begin({ taskId: 'task-1', instruction: 'read', startedAt: 1 }, passThroughRedactor, 1, { tabId: 7, frameId: 0 });
    gate.open((at, run) => rec.replayHeld(at, run));
    await vi.waitFor(() => expect(drafts()).toHaveLength(1), { timeout: 3000 });
    expect(drafts()[0]!.action.type).toBe('scroll');
    expect(drafts()[0]!.note).toBe(READ_AFTER_ACTION);
  });

  it('a box or radio clicked before the recorder began is a click step on it (its change ran before, not held)', async () => {
    document.body.innerHTML = '<label><input type="checkbox" id="terms"> I agree</label><input type="radio" name="ship" id="fast"><input type="radio" name="ship" id="slow" checked>';
    const { rec, gate, begin } = startingRecorder();
    for (const id of ['terms', 'fast']) {
      const box = document.getElementById(id) as HTMLInputElement;
      // As a browser does: pointerdown, the box toggles, click, then change (which the gate does not hold).
      box.dispatchEvent(pointer('pointerdown'));
      box.checked = true;
      box.dispatchEvent(click());
      box.dispatchEvent(trusted(new Event('change', { bubbles: true })));
    }
    begin();
    gate.open((at, run) => rec.replayHeld(at, run));
    await vi.waitFor(() => expect(drafts()).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 20));
    const steps = drafts().map((d) => withAssembledTree(d));
    expect(steps.map((d) => [d.action.type, d.target?.tag, d.note])).toEqual([['click', 'input', READ_AFTER_ACTION], ['click', 'input', READ_AFTER_ACTION]]);
    // Once begun, a box's click is its change's step, as always.
    const terms = document.getElementById('terms') as HTMLInputElement;
    terms.dispatchEvent(pointer('pointerdown'));
    terms.checked = false;
    terms.dispatchEvent(click());
    terms.dispatchEvent(trusted(new Event('change', { bubbles: true })));
    await vi.waitFor(() => expect(drafts()).toHaveLength(3));
    expect(drafts()[2]!.action.type).toBe('check');
    expect(drafts()[2]!.note).toBeUndefined();
  });

  it('typing made wholly before the recorder began, and left, is a type step with the field\'s text', async () => {
    document.body.innerHTML = '<label>City <input id="city" value="Ber"></label><input type="password" id="pw"><button id="go">Go</button>';
    const { rec, gate, begin } = startingRecorder();
    const city = document.getElementById('city') as HTMLInputElement;
    const pw = document.getElementById('pw') as HTMLInputElement;
    const typedAt = Date.now();
    typeInto(city, 'lin');
    typeInto(pw, 'hunter2');
    // The person moves on (its focusout ran while no recorder was on), then clicks Go: all before the recorder began.
    city.dispatchEvent(trusted(new FocusEvent('focusout', { bubbles: true, composed: true })));
    const go = document.getElementById('go')!;
    go.dispatchEvent(pointer('pointerdown'));
    go.dispatchEvent(click());
    expect(drafts()).toHaveLength(0);
    begin();
    gate.open((at, run) => rec.replayHeld(at, run));
    await vi.waitFor(() => expect(drafts()).toHaveLength(3));
    const steps = drafts().map((d) => withAssembledTree(d));
    // In the order done; the text is the field's whole text as it is (a type step's always is), the password's a placeholder.
    expect(steps.map((d) => [d.action.type, d.action.text ?? d.target?.name, d.note])).toEqual([
      ['type', 'Berlin', READ_AFTER_ACTION], ['type', SENSITIVE_PLACEHOLDER, READ_AFTER_ACTION], ['click', 'Go', READ_AFTER_ACTION],
    ]);
    expect(steps[0]!.target?.tag).toBe('input');
    expect(steps[0]!.timestamp).toBeGreaterThanOrEqual(typedAt);
    expect(JSON.stringify(steps)).not.toContain('hunter2');
  });

  it('typing begun before the recorder began and went on after is one type step', async () => {
    document.body.innerHTML = '<input id="q">';
    const { rec, gate, begin } = startingRecorder();
    const q = document.getElementById('q') as HTMLInputElement;
    typeInto(q, 'wint');
    begin();
    gate.open((at, run) => rec.replayHeld(at, run));
    typeInto(q, 'er boots');
    rec.flushPending();
    await vi.waitFor(() => expect(drafts()).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(drafts().map((d) => [d.action.type, d.action.text])).toEqual([['type', 'winter boots']]);
  });
});
