// background/step-intake's attachShot: a capture whose browser call never answers kept its step (and every later
// step of its task, which wait for it) pending, and its worker awake: the wake alarm kept that same worker alive,
// so the recovery a fresh worker does never ran. After a bound the step is given its frame's absence and a note.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeStorageArea, type FakeArea } from './fake-storage';
import type { ShotResult } from '../../src/background/capture-scheduler';

const local: FakeArea = new Map();
const session: FakeArea = new Map();
vi.mock('webextension-polyfill', () => ({ default: { storage: { local: fakeStorageArea(local), session: fakeStorageArea(session) } } }));
vi.mock('../../src/platform/host', () => ({ host: {} }));

const records = new Map<string, { draftId: string; frame: unknown }>();
vi.mock('../../src/platform/db', () => ({
  db: () => Promise.resolve({
    transaction: () => ({
      store: {
        get: (id: string) => Promise.resolve(records.get(id)),
        put: (r: { draftId: string; frame: unknown }) => { records.set(r.draftId, r); return Promise.resolve(); },
      },
      done: Promise.resolve(),
    }),
  }),
}));
const kicks: number[] = [];
vi.mock('../../src/background/step-processor', () => ({
  shotInMemory: () => ({ keep: () => undefined, settled: () => undefined }), isCapturing: () => false,
  kickProcessor: () => { kicks.push(1); return Promise.resolve(); }, onRecordedCount: () => undefined,
}));
vi.mock('../../src/background/frame-vault', () => ({ sealShot: () => Promise.reject(new Error('not used')) }));

afterEach(() => {
  vi.useRealTimers();
  records.clear();
  kicks.length = 0;
});

describe('a capture that never ends', () => {
  it('leaves its step with no frame and a note after 20 s, its capture mark released and the processor kicked', async () => {
    vi.useFakeTimers();
    const { attachShot } = await import('../../src/background/step-intake');
    records.set('d1', { draftId: 'd1', frame: null });
    const settled = vi.fn();
    const done = attachShot('d1', new Promise<ShotResult>(() => undefined), { keep: () => undefined, settled });
    await vi.advanceTimersByTimeAsync(19_000);
    expect(records.get('d1')!.frame).toBeNull();
    expect(settled).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    await done;
    expect(records.get('d1')!.frame).toEqual({ kind: 'none', note: 'the capture did not finish in 20 s' });
    expect(settled).toHaveBeenCalledTimes(1);
    expect(kicks.length).toBe(1);
  });

  it('a capture that fails says why, at once, as before', async () => {
    const { attachShot } = await import('../../src/background/step-intake');
    records.set('d2', { draftId: 'd2', frame: null });
    const settled = vi.fn();
    await attachShot('d2', Promise.resolve<ShotResult>({ ok: false, error: 'tab was not visible' }), { keep: () => undefined, settled });
    expect(records.get('d2')!.frame).toEqual({ kind: 'none', note: 'tab was not visible' });
    expect(settled).toHaveBeenCalledTimes(1);
  });
});
