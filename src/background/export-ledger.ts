// The worker's record of exports, in storage.session (memory only, never
// disk; it outlives a worker stop but not the browser, nor is it cleared by
// Start or Stop: tab-memory keeps LEDGER_PREFIX):
// - the ids started, so an export/start asked again is one export. The
//   sender picks the id and asks again when its message is lost: a worker
//   being stopped or started drops messages (core/ask-again);
// - the exports under way with their options, so one cut off by a worker
//   stop (Chrome's idle stop while it waits for steps; Firefox unloading the
//   background page, and the image-work page inside it, mid-zip) is run again
//   when the worker next starts, instead of leaving no zip and an Export
//   button greyed out;
// - the ids cancelled, so a cancel that no job heard still holds.
import type { ExportOptionsInput } from '../core/export-options';
import { sessionStore } from '../platform/stores';
import { keyedQueue } from '../core/keyed-queue';

/** Every key of the ledger starts so: Start and Stop clear storage.session but these (tab-memory). */
export const LEDGER_PREFIX = 'export:';
const STARTED = `${LEDGER_PREFIX}started`;
const UNDER_WAY = `${LEDGER_PREFIX}underWay`;
const CANCELLED = `${LEDGER_PREFIX}cancelled`;
/** Asks again come within seconds; a few ids are plenty. */
const KEPT = 20;
/** An export cut off this many times is given up (said in the popup), not run for ever. */
export const EXPORT_RUNS_MAX = 3;

export interface ExportUnderWay {
  options: ExportOptionsInput;
  runs: number;
  /**
   * The zips' blob: URLs, each noted just before it went to the downloads: a worker stopped between that call
   * and the export's end leaves it under way, and the next one asks the downloads about these URLs before it
   * runs the export again (which saved a second zip). All of them: a rerun's zip does not make the first one's
   * download, which may still end, no longer count.
   */
  handedOverUrls?: string[];
}

/** Ids this worker runs (started or resumed): never resumed by it. */
const mine = new Set<string>();
/** Ids this worker noted under way and has not ended: the record, should storage.session refuse the write. */
const underWayHere = new Set<string>();
/** Ids this worker noted cancelled: the record, should storage.session refuse the write (a cancel holds anyway). */
const cancelledHere = new Set<string>();
/** Zips this worker is handing to the downloads: one hand-over each, however the news of the zip came. */
const handing = new Set<string>();
/** One read-change-write of the ledger at a time: two exports ending together must not write over each other. */
const inTurn = keyedQueue<string>();

/** An export id as senders make them (crypto.randomUUID): it names a lease and a progress report. */
export const EXPORT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Ledger { started: string[]; underWay: Record<string, ExportUnderWay>; cancelled: string[] }

const isIdList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isUnderWayMap = (v: unknown): v is Record<string, ExportUnderWay> => typeof v === 'object' && v !== null && !Array.isArray(v);

async function read(): Promise<Ledger> {
  const s: Record<string, unknown> = await sessionStore().get([STARTED, UNDER_WAY, CANCELLED]).catch(() => ({}));
  return {
    started: isIdList(s[STARTED]) ? s[STARTED] : [],
    underWay: isUnderWayMap(s[UNDER_WAY]) ? { ...s[UNDER_WAY] } : {},
    cancelled: isIdList(s[CANCELLED]) ? s[CANCELLED] : [],
  };
}

async function write(l: Partial<Ledger>): Promise<void> {
  const items: Record<string, unknown> = {};
  if (l.started) items[STARTED] = l.started.slice(-KEPT);
  if (l.underWay) items[UNDER_WAY] = l.underWay;
  if (l.cancelled) items[CANCELLED] = l.cancelled.slice(-KEPT);
  // One write for all keys: a worker stopped mid-way leaves all or none. A full storage.session (pages' maps
  // fill it) leaves this worker's memory as the record; a restart then cannot resume, which is said here.
  await sessionStore().set(items).catch((error: unknown) => console.warn('[alien-dataflow] the export ledger was not written', error));
}

/**
 * Claims `exportId` for a new export, noting it under way with `options`: 'fresh' the first time it is asked
 * for; 'known' when it was started (or cancelled) already and is not left cut off; 'cut-off' when a stopped
 * worker started it and left it under way (the ask came again and started this worker: resume it).
 */
export function claimExport(exportId: string, options: ExportOptionsInput): Promise<'fresh' | 'known' | 'cut-off'> {
  return inTurn('ledger', async () => {
    if (mine.has(exportId)) return 'known';
    const l = await read();
    if (l.cancelled.includes(exportId)) return 'known';
    if (l.started.includes(exportId)) return exportId in l.underWay ? 'cut-off' : 'known';
    mine.add(exportId);
    underWayHere.add(exportId);
    await write({ started: [...l.started, exportId], underWay: { ...l.underWay, [exportId]: { options, runs: 1 } } });
    return 'fresh';
  });
}

/** The export is over (its zip handed to the downloads, failed, or cancelled): nothing to resume. */
export function exportEnded(exportId: string): Promise<void> {
  return inTurn('ledger', async () => {
    underWayHere.delete(exportId);
    const l = await read();
    if (!(exportId in l.underWay)) return;
    delete l.underWay[exportId];
    await write({ underWay: l.underWay });
  });
}

/**
 * Its zip is about to go to the downloads by `url`: noted first, so that no restarted worker saves it twice.
 * False when the export is no longer under way (cancelled or ended meanwhile): its zip is not to be saved.
 */
export function noteHandedOver(exportId: string, url: string): Promise<boolean> {
  return inTurn('ledger', async () => {
    if (cancelledHere.has(exportId)) return false;
    const l = await read();
    const entry = l.underWay[exportId];
    if (!entry) return underWayHere.has(exportId);
    const urls = [...urlsOf(entry).filter((u) => u !== url), url].slice(-EXPORT_RUNS_MAX);
    await write({ underWay: { ...l.underWay, [exportId]: { ...entry, handedOverUrls: urls } } });
    return true;
  });
}

const urlsOf = (entry: ExportUnderWay): string[] => (Array.isArray(entry.handedOverUrls) ? entry.handedOverUrls.filter((u) => typeof u === 'string') : []);

/** The URLs by which `exportId`'s zips were handed to the downloads, if any were. */
export async function handedOverUrls(exportId: string): Promise<string[]> {
  const entry = (await read()).underWay[exportId];
  return entry ? urlsOf(entry) : [];
}

/** Exports under way that a stopped worker handed to the downloads (not this worker's own), with their zips' URLs. */
export async function handedOverByStoppedWorker(): Promise<[string, string[]][]> {
  return Object.entries((await read()).underWay).flatMap(([id, entry]) => {
    const urls = urlsOf(entry);
    return !mine.has(id) && urls.length ? [[id, urls] as [string, string[]]] : [];
  });
}

/** The person cancelled it: ended, and never started or resumed again, whoever asks. */
export function exportCancelled(exportId: string): Promise<void> {
  return inTurn('ledger', async () => {
    underWayHere.delete(exportId);
    cancelledHere.add(exportId);
    const l = await read();
    delete l.underWay[exportId];
    await write({ underWay: l.underWay, cancelled: [...l.cancelled.filter((id) => id !== exportId), exportId] });
  });
}

/** Whether `exportId` is still to be handed over (not ended, cancelled, or handed over already). */
export async function isUnderWay(exportId: string): Promise<boolean> {
  if (cancelledHere.has(exportId)) return false;
  return underWayHere.has(exportId) || exportId in (await read()).underWay;
}

/** Whether any export is noted under way. */
export async function anyExportUnderWay(): Promise<boolean> {
  return underWayHere.size > 0 || Object.keys((await read()).underWay).length > 0;
}

/** Claims the hand-over of `exportId`'s zip: false when this worker is handing it over already. */
export function beginHandOver(exportId: string): boolean {
  if (handing.has(exportId)) return false;
  handing.add(exportId);
  return true;
}

export function endHandOver(exportId: string): void {
  handing.delete(exportId);
}

/** What the image-work page knows of exports: running, its zip made, or ended without one. */
export interface ImageWorkExports { running: ReadonlySet<string>; ready: ReadonlySet<string>; finished: ReadonlySet<string> }

export interface CutOff {
  /** Run again, with their options (counted as run once more). */
  resume: [string, ExportUnderWay][];
  /** Cut off EXPORT_RUNS_MAX times: ended, to be said. */
  givenUp: string[];
  /** Their zip was made but never handed to the downloads (its news lost with a stopped worker). */
  handOver: string[];
  /** Ended by the image-work page without a zip, its report lost: ended, to be said. */
  endedUnheard: string[];
}

/** The exports a stopped worker left under way that no one runs now, sorted by what is to be done with each. */
export function takeCutOffExports(page: ImageWorkExports): Promise<CutOff> {
  return inTurn('ledger', async () => {
    const l = await read();
    const out: CutOff = { resume: [], givenUp: [], handOver: [], endedUnheard: [] };
    for (const [id, entry] of Object.entries(l.underWay)) {
      // Started by this worker (a start that woke it), or run by the image-work page: not cut off.
      if (mine.has(id) || page.running.has(id)) continue;
      mine.add(id);
      if (page.ready.has(id)) {
        out.handOver.push(id);
        continue;
      }
      if (page.finished.has(id) || entry.runs >= EXPORT_RUNS_MAX) {
        (page.finished.has(id) ? out.endedUnheard : out.givenUp).push(id);
        delete l.underWay[id];
        continue;
      }
      // Its hand-over URL stays noted until a run hands over a zip anew: whoever resumes it asks about it first.
      l.underWay[id] = { ...entry, runs: entry.runs + 1 };
      underWayHere.add(id);
      out.resume.push([id, l.underWay[id]!]);
    }
    await write({ underWay: l.underWay });
    return out;
  });
}
