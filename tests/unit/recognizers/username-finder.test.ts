// username-finder.ts (src/core/scrub/recognizers/), through the whole scrubber with NER on: moved from tests/unit/recognisers.test.ts.
import { describe, expect, it } from 'vitest';
import { scrubber, expectGone, unchanged, goneEach } from './scrubbed';

describe('usernames and handles', () => {
  goneEach([
    ['Follow @jane_doe for updates', '@jane_doe'],
    ['posted by u/throwaway_42 · 3h', 'u/throwaway_42'],
    ['$ ssh deploy@10.20.30.40', 'deploy'],
    ["login failed for user 'svc_backup' (attempt 3)", 'svc_backup'],
    ['Benutzername: k.mueller', 'k.mueller'],
    ['Signed in as ana.lima', 'ana.lima'],
  ]);
  it('keeps e-mail a rule of its own and CSS at-rules alone', () => {
    expect(scrubber.find('write to jane@example.com').map((s) => s.rule)).toEqual(['email']);
    unchanged('@media print');
    unchanged('login failed, try again');
  });
  // A field's text is held while it is typed (background/held-edits), so a half-typed address is scrubbed too.
  it('takes an address whose last label is still being typed, and leaves package versions', () => {
    expectGone('usb cable for jane.doe@example.c', 'jane.doe@example.c', ['usb cable for']);
    unchanged('npm i preact@10.29.8');
  });
});
