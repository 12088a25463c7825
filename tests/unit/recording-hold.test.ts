// @vitest-environment happy-dom
// The service worker keeps itself up while a recording is on (holdAwakeSteadily), following the recording flag: its
// value at each change, and its read at start unless a change came first. The flag's reads are held here and
// answered in a chosen order (from attack 20: the read at start answering after a change, a read that fails).
import { describe, expect, it, vi } from 'vitest';
import { extensionDb, installKeyRange, type FakeDb } from './fake-idb';
import { fakeStorageArea, type FakeArea } from './fake-storage';

const fake: FakeDb = extensionDb();
const local: FakeArea = new Map();
const session: FakeArea = new Map();
const flag = vi.hoisted(() => ({
  reads: [] as { resolve: (v: unknown) => void; reject: (e: unknown) => void }[],
  changed: [] as ((s: unknown) => void)[],
  holds: [] as boolean[],
}));
vi.mock('../../src/platform/recording-flag', () => ({
  readRecording: () => new Promise((resolve, reject) => flag.reads.push({ resolve, reject })),
  writeRecording: () => Promise.resolve(),
  onRecordingChange: (cb: (s: unknown) => void) => { flag.changed.push(cb); return () => undefined; },
}));
vi.mock('../../src/platform/keep-awake', () => ({
  awakeWhile: <T>(p: Promise<T>) => p,
  holdAwake: () => undefined, releaseAwake: () => undefined,
  holdAwakeSteadily: (on: boolean) => { flag.holds.push(on); },
}));
vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { sendMessage: () => Promise.resolve(), getPlatformInfo: () => Promise.resolve({}), onMessage: { addListener: () => undefined } },
    tabs: { get: () => Promise.reject(new Error('none')), sendMessage: () => Promise.reject(new Error('none')) },
    storage: { local: fakeStorageArea(local), session: fakeStorageArea(session), onChanged: { addListener: () => undefined, removeListener: () => undefined } },
  },
}));
vi.mock('idb', () => ({ openDB: () => Promise.resolve(fake.db) }));
installKeyRange();
vi.mock('../../src/background/scrubber-state', async () => (await import('./fake-scrubber-state')).scrubberStateWith({}));
vi.mock('../../src/platform/host', () => ({ IMAGE_WORK_PAGE: 'offscreen.html', host: { captureIntervalMs: 0, isCaptureQuotaError: () => false } }));
vi.mock('../../src/background/step-processor', () => ({
  kickProcessor: () => Promise.resolve(), isCapturing: () => false,
  shotInMemory: () => ({ settled: () => undefined, keep: () => undefined }), onRecordedCount: () => undefined,
}));
vi.mock('../../src/platform/browser-events', () => ({
  onTabClosed: () => undefined, onTabCreated: () => undefined, onTabActivated: () => undefined, onTopFrameCommitted: () => undefined,
  onExtensionStarted: () => undefined, onTabDetached: () => undefined, onTabAttached: () => undefined,
}));
vi.mock('../../src/platform/messaging', () => ({ onMessage: () => () => undefined, send: () => Promise.resolve(), broadcast: () => undefined }));
vi.mock('../../src/platform/wake-alarm', () => ({ onWake: () => undefined, armWake: () => undefined, clearWake: () => undefined }));
vi.mock('../../src/background/recording-session', () => ({ recordingStatus: () => Promise.resolve({ state: null, stepCount: 0 }) }));
vi.mock('../../src/background/badge', () => ({ showRecordingBadge: () => Promise.resolve() }));
vi.mock('../../src/background/export-control', () => ({ resumeCutOffExports: () => Promise.resolve() }));
vi.mock('../../src/background/review-edits', () => ({}));
vi.mock('../../src/background/frame-regions-intake', () => ({}));

await import('../../src/background/service-worker');
const ON = { taskId: 't', instruction: 'x', startedAt: 1, frameSecret: 's' };
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the worker\'s hold follows the recording flag', () => {
  it('registers one change listener and reads the flag at start', () => {
    expect(flag.changed.length).toBe(1);
    // Other start-up code may read the flag too; the hold's own read is among them.
    expect(flag.reads.length).toBeGreaterThanOrEqual(1);
  });

  it('holds from its start when the flag says a recording is on (a worker the browser stopped, started again)', async () => {
    for (const r of flag.reads.splice(0)) r.resolve(ON);
    await settle();
    expect(flag.holds.at(-1)).toBe(true);
  });

  it('a read at start answering after a change is not taken: the change says what the flag is now', async () => {
    // A worker started afresh, its read at start still unanswered.
    vi.resetModules();
    flag.changed.length = 0;
    flag.reads.length = 0;
    flag.holds.length = 0;
    await import('../../src/background/service-worker');
    const startReads = flag.reads.splice(0);
    flag.changed[0]!(ON);
    expect(flag.holds.at(-1)).toBe(true);
    // The read asked at start, answered late with what the flag was then.
    for (const r of startReads) r.resolve(null);
    await settle();
    expect(flag.holds.at(-1)).toBe(true);
    // And a Stop's change turns it off with no read that could fail or come late.
    flag.changed[0]!(null);
    expect(flag.holds.at(-1)).toBe(false);
    for (const r of flag.reads.splice(0)) r.reject(new Error('storage read failed'));
    await settle();
    expect(flag.holds.at(-1)).toBe(false);
  });

  it('follows Start and Stop exactly, whatever reads other code makes meanwhile', async () => {
    flag.changed[0]!(ON);
    for (const x of flag.reads.splice(0)) x.resolve(null);
    await settle();
    expect(flag.holds.at(-1)).toBe(true);
    flag.changed[0]!(null);
    for (const x of flag.reads.splice(0)) x.resolve(ON);
    await settle();
    expect(flag.holds.at(-1)).toBe(false);
  });
});
