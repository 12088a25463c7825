// @vitest-environment happy-dom
// A click on a button nested 3,000 levels deep (past MAX_TREE_DEPTH) is a step: the press's snapshot used to run out
// of stack there, and the step was lost. Its tree is cut with a mark, and nothing from below the cut is in it but the
// button itself, in the tree's target context, which the action's element_id names.
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => import('./sent-messages').then((m) => m.polyfill));

import { MAX_TREE_DEPTH } from '../../src/content/snapshot-element-kinds';
import { fieldScrubber } from './laid-out-page';
import { recordedClick } from './recorded-click';
import { sent } from './sent-messages';

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
    const draft = await recordedClick(document.getElementById('go')!, fieldScrubber, stops);
    expect(draft.action.type).toBe('click');
    expect(draft.domTree).toContain(`<truncated depth="${MAX_TREE_DEPTH}"/>`);
    expect(JSON.stringify(draft)).not.toContain('deep.secret');
    // The target itself is not below the cut in the tree: it is given in the tree's target context, and the action names it.
    expect(draft.action.element_id).not.toBeNull();
    expect(draft.domTree).toMatch(new RegExp(`<target-context><button id="${draft.action.element_id}"[^>]*/></target-context>`));
  });
});
