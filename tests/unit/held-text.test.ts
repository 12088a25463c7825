import { describe, expect, it } from 'vitest';
import { isHeldText, MAX_HELD_TEXT, withLatestText } from '../../src/core/held-text';
import { stepDraft } from './fixtures';

const typing = (draftId: string, text: string) => ({
  tabId: 3, frameId: 0, savedAt: 1, draft: stepDraft({ draftId, action: { type: 'type', coordinates: null, text, element_id: 42 } }),
});

describe('held text of an unsent edit', () => {
  it('takes an id and a text within the caps, and nothing else', () => {
    expect(isHeldText({ draftId: 'd-1', text: 'usb cable' })).toBe(true);
    expect(isHeldText({ draftId: 'd-1', text: '' })).toBe(true);
    expect(isHeldText({ draftId: 'd-1' })).toBe(false);
    expect(isHeldText({ draftId: 7, text: 'x' })).toBe(false);
    expect(isHeldText({ draftId: 'd'.repeat(65), text: 'x' })).toBe(false);
    expect(isHeldText({ draftId: 'd-1', text: 'x'.repeat(MAX_HELD_TEXT + 1) })).toBe(false);
    expect(isHeldText(null)).toBe(false);
    expect(isHeldText('d-1')).toBe(false);
  });

  it('gives each draft its latest text, leaves the rest of the draft, and drops a text without a draft', () => {
    const edits = [typing('a', 'usb'), typing('b', 'hd')];
    const joined = withLatestText(edits, [{ draftId: 'a', text: 'usb cable for <REDACTED>' }, { draftId: 'gone', text: 'lost' }]);
    expect(joined.map((e) => e.draft.action.text)).toEqual(['usb cable for <REDACTED>', 'hd']);
    expect(joined[0]!.draft.domTree).toBe(edits[0]!.draft.domTree);
    expect(joined[0]!.draft.action.element_id).toBe(42);
    expect(joined).toHaveLength(2);
    // The drafts read from storage are not changed in place.
    expect(edits[0]!.draft.action.text).toBe('usb');
  });
});
