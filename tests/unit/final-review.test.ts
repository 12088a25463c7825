// The task's final state in review and export (platform/db, platform/review-store), against an in-memory database.
// Before: a closed tab's final state, filed mid-task, outlived Stop when Stop took none, and export wrote it as the
// result of the steps after it; and the review page could neither blur a region of the final screenshot nor drop
// it, so a secret missed there was exported unless the whole task was deleted.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { extensionDb, installKeyRange, type FakeDb } from './fake-idb';

// One database for the file: platform/db opens it once and keeps it.
const fake: FakeDb = extensionDb();
const blurred: { rects: unknown[]; style: unknown }[] = [];
vi.mock('webextension-polyfill', () => ({ default: { runtime: {}, storage: { local: {}, session: {} } } }));
vi.mock('idb', () => ({ openDB: () => Promise.resolve(fake.db) }));
vi.mock('../../src/platform/image-ops', () => ({
  processImage: (_blob: Blob, _w: number | null, rects: unknown[], style: unknown) => {
    blurred.push({ rects, style });
    return Promise.resolve({ blob: new Blob(['blurred']), width: 800, height: 600 });
  },
}));
installKeyRange();

const { currentFinal } = await import('../../src/platform/db');
const { blurFinalRegion, blurRegion, deleteFinal, finalOfTask } = await import('../../src/platform/review-store');

const TASK = 'task-1';
const style = { mode: 'gaussian' as const, strength: 12 };
const put = (store: string, value: object): void => void (fake.db as { put: (s: string, v: object) => Promise<unknown> }).put(store, value);

function final(timestamp: number, taskId = TASK) {
  return {
    taskId, draftId: `final:${taskId}:${timestamp}`, imageId: `img-final-${taskId}`, redactions: { email: 1 },
    state: { task_id: taskId, timestamp, tab_id: 7, after_step: 0, observation: { screenshot_path: null, dom_tree: '<html/>', active_window: 'Shop', url: 'https://shop.example/', viewport: { width: 800, height: 600 }, device_pixel_ratio: 1, screenshot_captured_at: timestamp, screenshot_fresh: true } },
  };
}
function step(seq: number, timestamp: number, deleted = false) {
  return {
    taskId: TASK, seq, draftId: `d${seq}`, imageId: deleted ? null : `img-${seq}`, redactions: {}, deleted,
    step: { step_id: seq, timestamp, action: { type: 'click' }, observation: { dom_tree: '', viewport: { width: 800, height: 600 } } },
  };
}
const image = (id: string) => ({ id, blob: new Blob(['raw']), width: 800, height: 600 });

beforeEach(() => {
  for (const store of fake.stores.values()) store.clear();
  blurred.length = 0;
  put('tasks', { id: TASK, instruction: 'x', status: 'review', createdAt: 0, stepCount: 2 });
});

describe('the final state that stands', () => {
  it('is none once a step came after it (a closed tab\'s, filed mid-task, with no final taken at Stop)', async () => {
    put('finals', final(2000));
    put('steps', step(1, 1000));
    expect((await currentFinal(TASK))?.state.timestamp).toBe(2000);
    put('steps', step(2, 3000));
    expect(await currentFinal(TASK)).toBeNull();
    expect(await finalOfTask(TASK)).toBeNull();
  });

  it('a deleted step after it counts too (its action happened); a step of its own moment does not', async () => {
    put('finals', final(2000));
    put('steps', step(1, 2000));
    expect(await currentFinal(TASK)).not.toBeNull();
    put('steps', step(2, 2500, true));
    expect(await currentFinal(TASK)).toBeNull();
  });

  it('review shows it without its trees', async () => {
    put('finals', final(2000));
    expect((await finalOfTask(TASK))?.state.observation.dom_tree).toBe('');
  });
});

describe('blurring and dropping the final state in review', () => {
  it('blurs a region of the final screenshot by the steps\' own path, and counts it', async () => {
    put('finals', final(2000));
    put('images', image(`img-final-${TASK}`));
    put('steps', step(1, 1000));
    put('images', image('img-1'));
    const f = (await finalOfTask(TASK))!;
    await blurFinalRegion(f, { x: 10, y: 20, width: 100, height: 40 }, style);
    await blurRegion(step(1, 1000) as never, { x: 10, y: 20, width: 100, height: 40 }, style);
    expect(blurred).toHaveLength(2);
    expect(blurred[0]).toEqual(blurred[1]);
    expect(blurred[0]!.rects).not.toEqual([]);
    const stored = fake.stores.get('images')!.get(JSON.stringify(`img-final-${TASK}`)) as { blob: Blob };
    expect(await stored.blob.text()).toBe('blurred');
    expect((await currentFinal(TASK))!.redactions).toEqual({ email: 1, manual: 1 });
  });

  it('drops the final state, its screenshot and a final still pending, and nothing else', async () => {
    put('finals', final(2000));
    put('images', image(`img-final-${TASK}`));
    put('finals', final(2000, 'task-2'));
    put('pending', { draftId: `final:${TASK}:5000`, taskId: TASK, arrivedAt: 5000, draft: { final: true }, tabId: 7, frameId: 0, noScreenshot: false, frame: null });
    put('pending', { draftId: 'd9', taskId: TASK, arrivedAt: 5001, draft: { action: { type: 'click' } }, tabId: 7, frameId: 0, noScreenshot: false, frame: null });
    await deleteFinal(TASK);
    expect(await currentFinal(TASK)).toBeNull();
    expect(fake.stores.get('images')!.size).toBe(0);
    expect([...fake.stores.get('pending')!.values()].map((p) => p.draftId)).toEqual(['d9']);
    expect(await currentFinal('task-2')).not.toBeNull();
  });
});
