// @vitest-environment happy-dom
// A click on a button nested 3,000 levels deep (past MAX_TREE_DEPTH) is a step: the press's snapshot used to run out
// of stack there, and the step was lost. Its tree is cut with a mark, and nothing from below the cut is in it.
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => import('./sent-messages').then((m) => m.polyfill));

import { Recorder } from '../../src/content/recorder';
import { Outbox } from '../../src/content/outbox';
import { initPointerObserver } from '../../src/content/observers/pointer-observer';
import { passThroughRedactor } from '../../src/core/redactor';
import { withAssembledTree } from '../../src/core/dom-tree-parts';
import { MAX_TREE_DEPTH } from '../../src/content/snapshot-element-kinds';
import { fieldScrubber } from './laid-out-page';
import { trusted } from './fake-observer-param';
import { drafts, sent } from './sent-messages';

const stops: (() => void)[] = [];
afterEach(() => {
  stops.splice(0).forEach((stop) => stop());
  sent.length = 0;
});

describe('a click deep in a tree nested past the snapshot\'s depth', () => {
  it('is a step, its tree cut with a mark and holding nothing from below the cut', async () => {
    document.body.innerHTML = '<h1>Orders</h1>';
    let at: HTMLElement = document.body;
    for (let i = 0; i < 3_000; i++) at = at.appendChild(document.createElement(i % 2 ? 'span' : 'div'));
    at.innerHTML = '<button id="go">Pay</button> Mail deep.secret@example-mail.com';
    const rec = new Recorder(window, passThroughRedactor, new Outbox());
    const stop = initPointerObserver(window, rec.observerParam());
    rec.begin({ taskId: 'task-1', instruction: 'pay', startedAt: 1 }, fieldScrubber, 1, { tabId: 7, frameId: 0 });
    stops.push(() => { stop(); rec.end(); });
    const go = document.getElementById('go')!;
    go.dispatchEvent(trusted(new PointerEvent('pointerdown', { bubbles: true, composed: true, clientX: 10, clientY: 10, button: 0 })));
    go.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, composed: true, clientX: 10, clientY: 10, button: 0, detail: 1 })));
    await vi.waitFor(() => expect(drafts()).toHaveLength(1));
    const draft = withAssembledTree(drafts()[0]!);
    expect(draft.action.type).toBe('click');
    expect(draft.domTree).toContain(`<truncated depth="${MAX_TREE_DEPTH}"/>`);
    expect(JSON.stringify(draft)).not.toContain('deep.secret');
  });
});
