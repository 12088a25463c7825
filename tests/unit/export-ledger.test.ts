// The worker's record of exports (background/export-ledger), across worker restarts in one browser session:
// an export/start asked again (its first message lost as the worker stopped or started) is one export, and an
// export a stopped worker left under way is run again, under its id, unless the image-work page runs or finished
// it; one cut off again and again is given up.
import { beforeEach, describe, expect, it, vi } from 'vitest';

let session: Record<string, unknown> = {};
vi.mock('../../src/platform/stores', () => ({
  sessionStore: () => ({
    get: (key: string) => Promise.resolve(key in session ? { [key]: structuredClone(session[key]) } : {}),
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
const underWay = (): string[] => Object.keys((session.exportsUnderWay ?? {}) as object).sort();

describe('claimExport', () => {
  beforeEach(() => { session = {}; });

  it('claims an id once, also when the second ask comes while the first is still being filed', async () => {
    const { claimExport } = await freshWorker();
    expect(await Promise.all([claimExport(id(1), {}), claimExport(id(1), {})])).toEqual([true, false]);
    expect(await claimExport(id(1), {})).toBe(false);
    expect(await claimExport(id(2), {})).toBe(true);
    expect(underWay()).toEqual([id(1), id(2)]);
  });

  it('a worker started after the first ask does not start the export again', async () => {
    expect(await (await freshWorker()).claimExport(id(3), {})).toBe(true);
    expect(await (await freshWorker()).claimExport(id(3), {})).toBe(false);
  });

  it('keeps the last ids only, reads a store holding something else as empty, and loses no record to overlapping writes', async () => {
    session = { exportsStarted: 'not a list', exportsUnderWay: ['nor a record'] };
    const { claimExport } = await freshWorker();
    expect(await Promise.all(Array.from({ length: 30 }, (_, n) => claimExport(id(100 + n), { taskIds: [] })))).toEqual(Array(30).fill(true));
    expect(session.exportsStarted as string[]).toHaveLength(20);
    expect((session.exportsStarted as string[]).at(-1)).toBe(id(129));
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
    expect((await first.takeCutOffExports(none, none)).resume).toEqual([]);
    const second = await freshWorker();
    expect(await second.takeCutOffExports(none, none)).toEqual({ resume: [[id(2), { options: { taskIds: ['b'] }, runs: 2 }]], givenUp: [] });
    // Resumed once by that worker: not again by it.
    expect((await second.takeCutOffExports(none, none)).resume).toEqual([]);
    expect(await second.anyExportUnderWay()).toBe(true);
  });

  it('leaves alone what the image-work page runs, and ends what it finished', async () => {
    await (await freshWorker()).claimExport(id(3), {});
    await (await freshWorker()).claimExport(id(4), {});
    const next = await freshWorker();
    expect(await next.takeCutOffExports(new Set([id(3)]), new Set([id(4)]))).toEqual({ resume: [], givenUp: [] });
    expect(underWay()).toEqual([id(3)]);
  });

  it('gives up an export cut off as many times as it may run', async () => {
    await (await freshWorker()).claimExport(id(5), {});
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { resume, givenUp } = await (await freshWorker()).takeCutOffExports(none, none);
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
