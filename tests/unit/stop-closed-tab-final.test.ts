// A tab closed around Stop, through the real final-state and Stop (recording-session); the close handler's
// final-state line as service-worker.ts has it. Closed just before Stop, its page is the final state. Closed while
// Stop runs (Stop, then Ctrl+W), the tab in front at Stop still leaves its page (Stop's own ask finds the tab gone,
// or the New Tab page the browser brings forward, which has no recorder): from attack 25, where it left none. A
// background tab closed then leaves none: its page, handed over after Stop's own, would replace it. A second Stop
// (the popup asked again) joins the one under way (from attack 26: it cleared the flag beside the first).
import { describe, expect, it, vi } from 'vitest';
import { stepDraft } from './fixtures';

const h = vi.hoisted(() => ({
  puts: [] as [string, unknown][],
  recording: { taskId: 'task', instruction: 'x', startedAt: 1, frameSecret: 's' } as unknown,
  open: new Map<number, unknown>([[7, { id: 7, url: 'https://shop.example/cart', windowId: 1 }], [8, { id: 8, url: 'chrome://newtab/', windowId: 1 }]]),
  active: 7,
  onDrain: null as null | (() => unknown),
  obs: null as unknown,
}));
vi.mock('../../src/platform/db', () => ({
  db: () => Promise.resolve({
    transaction: () => ({
      store: { get: () => Promise.resolve({ id: 'task', status: 'recording' }), put: () => Promise.resolve() },
      objectStore: (n: string) => ({ get: () => Promise.resolve({ id: 'task', status: 'recording' }), put: (v: unknown) => { h.puts.push([n, v]); return Promise.resolve(); } }),
      done: Promise.resolve(),
    }),
  }),
  clearEarlyMarks: () => Promise.resolve(),
}));
vi.mock('../../src/platform/recording-flag', () => ({
  readRecording: () => Promise.resolve(h.recording),
  writeRecording: (s: unknown) => { h.recording = s; return Promise.resolve(); },
}));
vi.mock('../../src/platform/messaging', () => ({ broadcast: () => undefined }));
vi.mock('../../src/background/badge', () => ({ showRecordingBadge: () => Promise.resolve() }));
vi.mock('../../src/background/storage-health', () => ({ storageProblem: () => Promise.resolve(null) }));
vi.mock('../../src/platform/tabs', () => ({
  activeTab: () => Promise.resolve(null), activeTabsOfWindows: () => Promise.resolve([]),
  tabById: (id: number) => Promise.resolve(h.open.get(id) ?? null),
  askFrame: () => Promise.reject(new Error('no recorder in a New Tab page')),
}));
vi.mock('../../src/background/capture-scheduler', () => ({
  captureSettled: () => Promise.resolve(),
  shotForFinal: () => Promise.resolve({ ok: false, error: 'x' }), shotOfLeftPage: () => ({ ok: false, error: 'x' }),
}));
vi.mock('../../src/background/tab-memory', () => ({
  tabMemory: {
    clearAll: () => Promise.resolve(), arrivalDecided: () => Promise.resolve(0),
    activeTab: () => Promise.resolve(h.active), lastStep: () => Promise.resolve(1),
    lastObservation: () => Promise.resolve(h.obs), pages: () => Promise.resolve([]),
  },
}));
vi.mock('../../src/platform/page-handoff', () => ({
  clearHandoff: () => Promise.resolve(),
  readLeaving: () => Promise.resolve([{ state: h.obs }]),
}));
vi.mock('../../src/background/scrubber-state', () => ({
  activeConfig: () => Promise.resolve({ config: { sites: { never_record: [], no_screenshots: ['shop.example'] } } }),
  fullScrubber: () => Promise.reject(new Error('unused')), publishConfig: () => Promise.resolve(),
}));
vi.mock('../../src/background/step-intake', () => ({ ingestUnsent: () => Promise.resolve(), addOtherFrames: () => Promise.resolve(), attachShot: () => Promise.resolve() }));
vi.mock('../../src/background/frame-scrub-client', () => ({ warmImageWork: () => Promise.resolve() }));
vi.mock('../../src/background/page-drain', () => ({ drainPages: async () => { await h.onDrain?.(); return 0; } }));
vi.mock('../../src/background/arrival-stamps', () => ({
  arrivalsUndecided: () => Promise.resolve(false), decisionsUnderWay: () => false, forgetAllEarlySteps: () => undefined,
  nextArrival: () => Promise.resolve(1),
}));
vi.mock('../../src/background/step-processor', () => ({ shotInMemory: () => null, kickProcessor: () => undefined }));

const { closedTabWork, closedTabWorkDone, closingLeavesFinal } = await import('../../src/background/closed-tab-work');
const { finalOfClosedTab } = await import('../../src/background/final-state');
const { stopRecording } = await import('../../src/background/recording-session');

/** service-worker.ts onTabClosed, its final-state line. */
function tabClosed(tabId: number): void {
  h.open.delete(tabId);
  if (closingLeavesFinal(tabId)) void closedTabWork(() => finalOfClosedTab(tabId, []));
}

const finals = (): unknown[] => h.puts.filter(([n, v]) => n === 'pending' && (v as { draft: { final?: boolean } }).draft.final === true);

describe('a tab closed around Stop', () => {
  it('closed just before Stop: its hand-over is the final state', async () => {
    h.obs = { ...stepDraft({ url: 'https://shop.example/cart', at: 1000 } as never), at: 1000 };
    tabClosed(7);
    h.active = 8; // the browser brings the next tab (a New Tab page) forward
    await closedTabWorkDone();
    await stopRecording();
    expect(finals()).toHaveLength(1);
  });

  it('the tab in front, closed while Stop drains (Stop, then Ctrl+W): the task still has a final state', async () => {
    h.puts.length = 0;
    h.recording = { taskId: 'task', instruction: 'x', startedAt: 1, frameSecret: 's' };
    h.open.set(7, { id: 7, url: 'https://shop.example/cart', windowId: 1 });
    h.active = 7;
    h.onDrain = () => { tabClosed(7); h.active = 8; };
    await stopRecording();
    expect(finals()).toHaveLength(1);
  });

  it('a background tab closed while Stop drains leaves no final state beside Stop\'s own', async () => {
    h.puts.length = 0;
    h.recording = { taskId: 'task', instruction: 'x', startedAt: 1, frameSecret: 's' };
    h.open.set(9, { id: 9, url: 'https://shop.example/other', windowId: 1 });
    h.active = 8;
    h.onDrain = () => { tabClosed(9); };
    await stopRecording();
    expect(finals()).toHaveLength(0);
    h.onDrain = null;
  });

  it('a second Stop pressed while the first runs, after the browser brought the next tab forward, joins it: the tab in front at the first, closed, leaves the final state', async () => {
    h.puts.length = 0;
    h.recording = { taskId: 'task', instruction: 'x', startedAt: 1, frameSecret: 's' };
    h.open.set(7, { id: 7, url: 'https://shop.example/cart', windowId: 1 });
    h.active = 7;
    h.obs = { ...stepDraft({ url: 'https://shop.example/cart', at: 1000 } as never), at: 1000 };
    let calls = 0;
    let second: Promise<unknown> | null = null;
    h.onDrain = async () => {
      if (calls++ > 0) return 0;
      // Ctrl+W on the task's tab: the browser brings tab 8 (New Tab) forward first (final-state.ts says it may),
      // a second Stop begins (popup asked again), then the close of 7 is reported.
      h.active = 8;
      second = stopRecording();
      await new Promise((r) => setTimeout(r, 0));
      tabClosed(7);
      return 0;
    };
    await stopRecording();
    await second;
    h.onDrain = null;
    expect(finals()).toHaveLength(1);
  });
});
