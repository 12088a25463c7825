// The worker's record of exports (background/export-ledger), across worker restarts in one browser session:
// an export/start asked again (its first message lost as the worker stopped or started) is one export, and an
// export a stopped worker left under way is run again, under its id, unless the image-work page runs or finished
// it; one cut off again and again is given up.
import { beforeEach, describe, expect, it, vi } from 'vitest';

let session: Record<string, unknown> = {};
vi.mock('../../src/platform/stores', () => ({
  sessionStore: () => ({
    get: (keys: string | string[]) => Promise.resolve(Object.fromEntries([keys].flat().filter((k) => k in session).map((k) => [k, structuredClone(session[k])]))),
    set: async (items: Record<string, unknown>) => {
      // A write lands a little later than it was asked for, as storage does: writes that overlap lose one.
      await new Promise((r) => setTimeout(r, 1));
      session = { ...session, ...structuredClone(items) };
    },
  }),
}));

type Ledger = typeof import('../../src/background/export-ledger');
/** A fresh worker: the module's memory starts empty, storage.session is what the last one left. */
async function freshWorker(): Promise<Ledger> {
  vi.resetModules();
  return import('../../src/background/export-ledger');
}

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const none = new Set<string>();
const page = (running = none, ready = none, finished = none) => ({ running, ready, finished });
const underWay = (): string[] => Object.keys((session['export:underWay'] ?? {}) as object).sort();

describe('claimExport', () => {
  beforeEach(() => { session = {}; });

  it('claims an id once, also when the second ask comes while the first is still being filed', async () => {
    const { claimExport } = await freshWorker();
    expect(await Promise.all([claimExport(id(1), {}), claimExport(id(1), {})])).toEqual(['fresh', 'known']);
    expect(await claimExport(id(1), {})).toBe('known');
    expect(await claimExport(id(2), {})).toBe('fresh');
    expect(underWay()).toEqual([id(1), id(2)]);
  });

  it('a worker started by the ask again finds the export cut off (to resume), or known once it ended', async () => {
    expect(await (await freshWorker()).claimExport(id(3), {})).toBe('fresh');
    expect(await (await freshWorker()).claimExport(id(3), {})).toBe('cut-off');
    const third = await freshWorker();
    await third.exportEnded(id(3));
    expect(await third.claimExport(id(3), {})).toBe('known');
  });

  it('a cancelled id is never started, whoever asks', async () => {
    const first = await freshWorker();
    await first.exportCancelled(id(4));
    expect(await first.claimExport(id(4), {})).toBe('known');
    expect(await (await freshWorker()).claimExport(id(4), {})).toBe('known');
  });

  it('keeps the last ids only, reads a store holding something else as empty, and loses no record to overlapping writes', async () => {
    session = { 'export:started': 'not a list', 'export:underWay': ['nor a record'] };
    const { claimExport } = await freshWorker();
    expect(await Promise.all(Array.from({ length: 30 }, (_, n) => claimExport(id(100 + n), { taskIds: [] })))).toEqual(Array(30).fill('fresh'));
    expect(session['export:started'] as string[]).toHaveLength(20);
    expect((session['export:started'] as string[]).at(-1)).toBe(id(129));
    expect(underWay()).toHaveLength(30);
  });

  it('knows an export id by its shape', async () => {
    const { EXPORT_ID } = await freshWorker();
    expect(EXPORT_ID.test(crypto.randomUUID())).toBe(true);
    expect(EXPORT_ID.test('../../etc')).toBe(false);
    expect(EXPORT_ID.test('')).toBe(false);
  });
});

describe('takeCutOffExports', () => {
  beforeEach(() => { session = {}; });

  it('an ended export is not resumed; one under way is, by the next worker only, with its options', async () => {
    const first = await freshWorker();
    await first.claimExport(id(1), { taskIds: ['a'] });
    await first.claimExport(id(2), { taskIds: ['b'] });
    await first.exportEnded(id(1));
    // The worker that started it does not resume it (it may still be waiting for steps).
    expect((await first.takeCutOffExports(page())).resume).toEqual([]);
    const second = await freshWorker();
    expect(await second.takeCutOffExports(page())).toEqual({ resume: [[id(2), { options: { taskIds: ['b'] }, runs: 2 }]], givenUp: [], handOver: [], endedUnheard: [] });
    // Resumed once by that worker: not again by it.
    expect((await second.takeCutOffExports(page())).resume).toEqual([]);
    expect(await second.anyExportUnderWay()).toBe(true);
  });

  it('leaves alone what the image-work page runs, hands over what it made, and ends what it ended', async () => {
    const first = await freshWorker();
    for (const n of [3, 4, 5]) await first.claimExport(id(n), {});
    const next = await freshWorker();
    expect(await next.takeCutOffExports(page(new Set([id(3)]), new Set([id(5)]), new Set([id(4)])))).toEqual({ resume: [], givenUp: [], handOver: [id(5)], endedUnheard: [id(4)] });
    // The one to hand over stays noted until its zip is with the downloads.
    expect(underWay()).toEqual([id(3), id(5)]);
  });

  it('gives up an export cut off as many times as it may run', async () => {
    await (await freshWorker()).claimExport(id(5), {});
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { resume, givenUp } = await (await freshWorker()).takeCutOffExports(page());
      runs.push(...resume.map(([, e]) => e.runs));
      if (givenUp.length) {
        expect(givenUp).toEqual([id(5)]);
        break;
      }
    }
    expect(runs).toEqual([2, 3]);
    expect(underWay()).toEqual([]);
  });
});
