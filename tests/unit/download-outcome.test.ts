// What a restarted worker learns from the browser's downloads about a zip an earlier worker handed over
// (platform/host/shared downloadOf, over a fake browser.downloads): one still under way is waited for, so a save
// dialog then closed, or a blob that died with Firefox's background page, is not taken as a zip saved.
import { beforeEach, describe, expect, it, vi } from 'vitest';

interface Item { id: number; url: string; state: 'in_progress' | 'complete' | 'interrupted'; error?: string }
const items: Item[] = [];
const listeners = new Set<(d: { id: number; state?: { current: string } }) => void>();
vi.mock('webextension-polyfill', () => ({
  default: {
    downloads: {
      search: (q: { url?: string; id?: number }) => Promise.resolve(items.filter((d) => (q.url === undefined || d.url === q.url) && (q.id === undefined || d.id === q.id))),
      onChanged: { addListener: (l: never) => listeners.add(l), removeListener: (l: never) => listeners.delete(l) },
    },
  },
}));
const { downloadOf } = await import('../../src/platform/host/shared');

/** The browser ends download `id` as `state` (with `error`), and says so to its listeners. */
function ends(id: number, state: Item['state'], error?: string): void {
  Object.assign(items.find((d) => d.id === id)!, { state, ...(error ? { error } : {}) });
  for (const l of [...listeners]) l({ id, state: { current: state } });
}

const URL_A = 'blob:chrome-extension://x/a';
beforeEach(() => {
  items.length = 0;
  listeners.clear();
});

describe('downloadOf', () => {
  it('says saved, refused or none from the download of that URL', async () => {
    expect(await downloadOf(URL_A)).toBe('none');
    items.push({ id: 1, url: URL_A, state: 'interrupted', error: 'NETWORK_FAILED' });
    expect(await downloadOf(URL_A)).toBe('none');
    items.push({ id: 2, url: URL_A, state: 'interrupted', error: 'USER_CANCELED' });
    expect(await downloadOf(URL_A)).toBe('refused');
    items.push({ id: 3, url: URL_A, state: 'complete' });
    expect(await downloadOf(URL_A)).toBe('saved');
    expect(await downloadOf('blob:chrome-extension://x/other')).toBe('none');
  });

  // A save dialog then closed is refused, not saved; one that fails (its blob gone) is no zip saved.
  it.each([
    ['interrupted', 'USER_CANCELED', 'refused'],
    ['interrupted', 'NETWORK_FAILED', 'none'],
    ['complete', undefined, 'saved'],
  ] as const)('waits for a download still under way: ended %s (%s) is %s', async (state, error, outcome) => {
    items.push({ id: 1, url: URL_A, state: 'in_progress' });
    const asked = downloadOf(URL_A);
    await vi.waitFor(() => expect(listeners.size).toBe(1));
    ends(1, state, error);
    expect(await asked).toBe(outcome);
  });
});
