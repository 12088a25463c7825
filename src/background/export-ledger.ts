// The worker's record of exports, in storage.session (memory only, never
// disk; it outlives a worker stop but not the browser):
// - the ids started, so an export/start asked again is one export. The
//   sender picks the id and asks again when its message is lost: a worker
//   being stopped or started drops messages (core/ask-again);
// - the exports under way with their options, so one cut off by a worker
//   stop (Chrome's idle stop while it waits for steps; Firefox unloading the
//   background page, and the image-work page inside it, mid-zip) is run again
//   when the worker next starts, instead of leaving no zip and an Export
//   button greyed out.
import type { ExportOptionsInput } from '../core/export-options';
import { sessionStore } from '../platform/stores';
import { keyedQueue } from '../core/keyed-queue';

const STARTED = 'exportsStarted';
const UNDER_WAY = 'exportsUnderWay';
/** Asks again come within seconds; a few ids are plenty. */
const KEPT = 20;
/** An export cut off this many times is given up (said in the popup), not run for ever. */
export const EXPORT_RUNS_MAX = 3;

export interface ExportUnderWay { options: ExportOptionsInput; runs: number }

/** Ids started by this worker (claimed or resumed): never resumed by it. */
const mine = new Set<string>();
/** Each record's read-change-write in turn: two exports ending together must not write over each other. */
const inTurn = keyedQueue<string>();

/** An export id as senders make them (crypto.randomUUID): it names a lease and a progress report. */
export const EXPORT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function read<T>(key: string, valid: (v: unknown) => v is T, empty: T): Promise<T> {
  const stored: Record<string, unknown> = await sessionStore().get(key).catch(() => ({}));
  return valid(stored[key]) ? stored[key] : empty;
}

const isIdList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isUnderWay = (v: unknown): v is Record<string, ExportUnderWay> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Claims `exportId` for a new export and notes it under way with `options`: true the first time it is asked for,
 * false when an export with it was started already (by this worker, or one before it in this browser session).
 */
export async function claimExport(exportId: string, options: ExportOptionsInput): Promise<boolean> {
  if (mine.has(exportId)) return false;
  mine.add(exportId);
  const fresh = await inTurn(STARTED, async () => {
    const before = await read(STARTED, isIdList, []);
    if (before.includes(exportId)) return false;
    await sessionStore().set({ [STARTED]: [...before, exportId].slice(-KEPT) }).catch(() => undefined);
    return true;
  });
  if (fresh) await setUnderWay(exportId, { options, runs: 1 });
  return fresh;
}

function setUnderWay(exportId: string, entry: ExportUnderWay | null): Promise<void> {
  return inTurn(UNDER_WAY, async () => {
    const all = { ...await read(UNDER_WAY, isUnderWay, {}) };
    if (entry) all[exportId] = entry;
    else delete all[exportId];
    await sessionStore().set({ [UNDER_WAY]: all }).catch(() => undefined);
  });
}

/** The export is over (its zip handed to the downloads, failed, or cancelled): nothing to resume. */
export function exportEnded(exportId: string): Promise<void> {
  return setUnderWay(exportId, null);
}

/** Whether any export is noted under way. */
export async function anyExportUnderWay(): Promise<boolean> {
  return Object.keys(await read(UNDER_WAY, isUnderWay, {})).length > 0;
}

/**
 * The exports a stopped worker left under way that no one runs now, given the ids the image-work page is
 * `running` and has `finished` (its zip made, or its failure said: a finished one is ended here, not run again).
 * Each is counted as run once more and returned with its options, or, past EXPORT_RUNS_MAX, ended and returned
 * as given up.
 */
export async function takeCutOffExports(running: ReadonlySet<string>, finished: ReadonlySet<string>): Promise<{ resume: [string, ExportUnderWay][]; givenUp: string[] }> {
  const all = await read(UNDER_WAY, isUnderWay, {});
  const resume: [string, ExportUnderWay][] = [];
  const givenUp: string[] = [];
  for (const [id, entry] of Object.entries(all)) {
    // Started by this worker meanwhile (a start that woke it), or run by the image-work page: not cut off.
    if (mine.has(id) || running.has(id)) continue;
    mine.add(id);
    if (finished.has(id)) {
      await exportEnded(id);
      continue;
    }
    if (entry.runs >= EXPORT_RUNS_MAX) {
      givenUp.push(id);
      await exportEnded(id);
    } else {
      const next = { options: entry.options, runs: entry.runs + 1 };
      resume.push([id, next]);
      await setUnderWay(id, next);
    }
  }
  return { resume, givenUp };
}
