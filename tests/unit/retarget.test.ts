// @vitest-environment happy-dom
// A press on a wrapper is aimed at the control it stands for (Recorder.retarget). The press's snapshot may
// serve several steps (a click, then a change within the same gesture) and is already held by a queued draft:
// aiming it at a control makes a new one, never a change to the one others hold. The control is described as it
// was at the press, as the tree is: the page's reaction to the click is not the step's "before".
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => import('./sent-messages').then((m) => m.polyfill));

import { initPointerObserver } from '../../src/content/observers/pointer-observer';
import { initInputObserver } from '../../src/content/observers/input-observer';
import { assembleDomTree } from '../../src/core/dom-tree-parts';
import { trusted } from './fake-observer-param';
import { endRecordings, startRecording } from './recording';
import { drafts } from './sent-messages';

const pointer = (type: string): PointerEvent => trusted(new PointerEvent(type, { bubbles: true, composed: true, clientX: 10, clientY: 10, button: 0 }));
const click = (): MouseEvent => trusted(new MouseEvent('click', { bubbles: true, composed: true, clientX: 10, clientY: 10, button: 0, detail: 1 }));

/** A recording the pointer and input observers report to. */
const recording = () => startRecording('set alerts', initPointerObserver, initInputObserver);

afterEach(endRecordings);

describe('Recorder.retarget', () => {
  it('leaves a queued draft as it was when the same press is aimed again at another control', async () => {
    document.body.innerHTML = '<div role="tablist"><div role="tab" id="tab"><span id="w">Alerts <input type="checkbox" id="c"></span></div></div>';
    const rec = recording();
    const wrapper = document.getElementById('w')!;
    const box = document.getElementById('c') as HTMLInputElement;
    wrapper.dispatchEvent(pointer('pointerdown'));
    wrapper.dispatchEvent(click());
    // The click's draft is built in a task after the event and held by the outbox until the worker acknowledges it.
    await vi.waitFor(() => expect(drafts()).toHaveLength(1));
    const first = drafts()[0]!;
    const tabId = first.action.element_id;
    expect(first.target).toMatchObject({ element_id: tabId, role: 'tab' });
    expect(first.domParts?.target?.id).toBe(tabId);
    // Within the same gesture a control inside the wrapper changes (its keyboard toggle, the tab's own script):
    // the press's snapshot serves that step too, aimed at the checkbox.
    box.checked = true;
    box.dispatchEvent(trusted(new Event('change', { bubbles: true, composed: true })));
    rec.drainEmits();
    expect(drafts()).toHaveLength(2);
    const second = drafts()[1]!;
    expect(second.action).toMatchObject({ type: 'check', checked: true });
    expect(second.target).toMatchObject({ tag: 'input' });
    expect(second.domParts?.target?.id).toBe(second.action.element_id);
    expect(second.action.element_id).not.toBe(tabId);
    // The first draft still names the tab in its action, its target and its tree's target alike.
    expect(first.action.element_id).toBe(tabId);
    expect(first.target?.element_id).toBe(tabId);
    expect(first.domParts?.target?.id).toBe(tabId);
    expect(first.domParts?.target?.tag).toBe('div');
    // Both trees are the one taken at the press.
    expect(assembleDomTree(first.domParts!)).toBe(assembleDomTree({ ...second.domParts!, target: first.domParts!.target }));
  });

  it('describes the control a wrapper stands for as it was at the press, not after the page reacted', async () => {
    document.body.innerHTML = '<main><button id="b" aria-label="Subscribe"><span id="w">Subscribe</span></button></main>';
    recording();
    const button = document.getElementById('b')!;
    const wrapper = document.getElementById('w')!;
    wrapper.dispatchEvent(pointer('pointerdown'));
    // The page answers the press before the click is dispatched (a mousedown or pointerup handler).
    button.setAttribute('aria-label', 'Subscribed');
    wrapper.textContent = 'Subscribed';
    wrapper.dispatchEvent(click());
    await vi.waitFor(() => expect(drafts()).toHaveLength(1));
    const draft = drafts()[0]!;
    expect(draft.target).toMatchObject({ tag: 'button', role: 'button', name: 'Subscribe', text: 'Subscribe' });
    expect(draft.domParts?.target?.id).toBe(draft.action.element_id);
    // The tree is the press's too: it names the button as the step's target does.
    expect(assembleDomTree(draft.domParts!)).toContain('Subscribe');
    expect(assembleDomTree(draft.domParts!)).not.toContain('Subscribed');
  });

  it('finds at the press the control a wrapper inside a shadow root stands for, past the root to its host', async () => {
    // Shoelace's tab: the label <div> under the pointer lives in the host's shadow root (happy-dom has no slots).
    document.body.innerHTML = '<div role="tablist"><x-tab role="tab" aria-label="Billing"></x-tab></div>';
    const host = document.querySelector('x-tab')!;
    host.attachShadow({ mode: 'open' }).innerHTML = '<div part="base"><span id="w">Billing</span></div>';
    const wrapper = host.shadowRoot!.getElementById('w')!;
    recording();
    wrapper.dispatchEvent(pointer('pointerdown'));
    // The tab answers the press: its name changes.
    host.setAttribute('aria-label', 'Billing (open)');
    wrapper.dispatchEvent(click());
    await vi.waitFor(() => expect(drafts()).toHaveLength(1));
    const draft = drafts()[0]!;
    expect(draft.target).toMatchObject({ tag: 'x-tab', role: 'tab', name: 'Billing' });
    expect(draft.domParts?.target?.id).toBe(draft.action.element_id);
  });
});
