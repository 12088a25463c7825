// The toolbar badge is redrawn at every step accepted and stored; each browser call relays out the toolbar
// (a trace of one recording: 185 layouts of the browser's UI), so parts that did not change are not set again.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ log: [] as string[], failNext: false }));
vi.mock('webextension-polyfill', () => {
  const call = (what: string) => (arg: Record<string, string>): Promise<void> => {
    if (calls.failNext) {
      calls.failNext = false;
      return Promise.reject(new Error('the browser refused'));
    }
    calls.log.push(`${what}:${Object.values(arg)[0]}`);
    return Promise.resolve();
  };
  return { default: { action: { setBadgeBackgroundColor: call('color'), setBadgeText: call('text'), setTitle: call('title') } } };
});

describe('showBadge', () => {
  beforeEach(() => { calls.log = []; vi.resetModules(); });

  it('sets each part once, then only what changed: a new step count changes the title alone', async () => {
    const { showBadge } = await import('../../src/platform/toolbar');
    await showBadge({ text: 'REC', color: '#c62828', title: 'recording (1 steps)' });
    await showBadge({ text: 'REC', color: '#c62828', title: 'recording (2 steps)' });
    await showBadge({ text: 'REC', color: '#c62828', title: 'recording (2 steps)' });
    expect(calls.log).toEqual(['color:#c62828', 'text:REC', 'title:recording (1 steps)', 'title:recording (2 steps)']);
    // Full storage, then recording again, then stopped: every change reaches the browser.
    await showBadge({ text: 'FULL', color: '#6d4c41', title: 'full' });
    await showBadge({ text: 'REC', color: '#c62828', title: 'recording (2 steps)' });
    await showBadge({ text: '', title: 'ALIEN Dataflow' });
    expect(calls.log.slice(4)).toEqual([
      'color:#6d4c41', 'text:FULL', 'title:full', 'color:#c62828', 'text:REC', 'title:recording (2 steps)', 'text:', 'title:ALIEN Dataflow',
    ]);
  });

  it('a call the browser refused is not taken as shown: the next draw sets every part again', async () => {
    const { showBadge } = await import('../../src/platform/toolbar');
    await showBadge({ text: 'REC', color: '#c62828', title: 'recording (1 steps)' });
    calls.failNext = true;
    await expect(showBadge({ text: 'REC', color: '#c62828', title: 'recording (2 steps)' })).rejects.toThrow('refused');
    await showBadge({ text: 'REC', color: '#c62828', title: 'recording (2 steps)' });
    expect(calls.log.slice(3)).toEqual(['color:#c62828', 'text:REC', 'title:recording (2 steps)']);
  });
});
