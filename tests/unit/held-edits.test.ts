// background/held-edits: a tab closes with an edit held, and the step takes the text the page sent last. A page
// sends the whole draft again when the first send did not get through (Firefox's background page waking), after
// text updates that did; before, the older held text overrode the newer whole draft's, and the step kept a text
// cut mid-word ('usb cable for jane.doe@example', then scrubbed twice into '<REDACTED><REDACTED>').
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeStorageArea, type FakeArea } from './fake-storage';

const session: FakeArea = new Map();
vi.mock('webextension-polyfill', () => ({ default: { storage: { session: fakeStorageArea(session), local: fakeStorageArea(new Map()) } } }));

const { holdEdit, holdEditText, heldEdits, dropUnheldTexts } = await import('../../src/background/held-edits');
const { default: browser } = await import('webextension-polyfill');

const edit = (text: string) => ({
  tabId: 3, frameId: 0, savedAt: 1,
  draft: { draftId: 'd1', taskId: 't', action: { type: 'type', coordinates: null, element_id: null, text } } as never,
});
const textOf = async (): Promise<string | undefined> => ((await heldEdits(3))[0]?.draft.action as { text?: string } | undefined)?.text;

beforeEach(() => session.clear());

/** What a page sends while an edit is open, in order: the whole draft, or a text update of it. */
type Send = readonly ['draft' | 'text', string];
const send = ([kind, text]: Send): Promise<void> => (kind === 'draft' ? holdEdit(edit(text)) : holdEditText(3, 'd1', text));

describe('held edits', () => {
  it.each<[string, readonly Send[], string]>([
    ['a text update after the draft is the text the step takes', [['draft', 'usb'], ['text', 'usb cable']], 'usb cable'],
    ['a whole draft sent again after text updates wins with its newer text',
      [['draft', 'usb'], ['text', 'usb cable for jane.doe@example'], ['draft', 'usb cable for jane.doe@example.com']], 'usb cable for jane.doe@example.com'],
    ['and a text update after that wins again', [['draft', 'usb'], ['draft', 'usb cable'], ['text', 'usb cable for']], 'usb cable for'],
  ])('%s', async (_title, sends, taken) => {
    for (const s of sends) await send(s);
    expect(await textOf()).toBe(taken);
  });

  // Before, the whole draft was a set and then the removal of the older held text: a worker stopped between the
  // two kept that older text, which then overrode the newer draft's.
  it('a worker stopped right after holding a whole draft again still gives the step that draft\'s text', async () => {
    await holdEdit(edit('usb'));
    await holdEditText(3, 'd1', 'usb cable for jane.doe@example');
    const area = (browser as unknown as { storage: { session: Record<string, (...a: unknown[]) => Promise<unknown>> } }).storage.session;
    const { set, remove } = area;
    let writes = 0;
    // The worker stops after the first write: any later write of the same call never happens.
    const once = <F extends (...a: unknown[]) => Promise<unknown>>(f: F) => (...a: unknown[]) => (writes++ === 0 ? f(...a) : Promise.reject(new Error('worker stopped')));
    area.set = once(set!);
    area.remove = once(remove!);
    await holdEdit(edit('usb cable for jane.doe@example.com')).catch(() => undefined);
    area.set = set!;
    area.remove = remove!;
    expect(await textOf()).toBe('usb cable for jane.doe@example.com');
  });
});

describe('a closed tab\'s held texts', () => {
  it('a text whose draft is not held goes; a held edit\'s text, and another tab\'s, stay', async () => {
    await holdEdit(edit('usb'));
    await holdEditText(3, 'd1', 'usb cable');
    // Its draft never got through (or went with its step): the text alone can never be a step.
    await holdEditText(3, 'lost', 'jane@example.com');
    await holdEditText(4, 'other', 'kept');
    await dropUnheldTexts(3);
    expect([...session.keys()].sort()).toEqual(['edit:3:d1', 'edittext:3:d1', 'edittext:4:other']);
    expect(await textOf()).toBe('usb cable');
  });
});
