// An export cut off by a worker stop (background/export-control with its ledger), driven through worker restarts:
// the cases a hostile review of the first version found, each of which failed then. A "worker" is a fresh module graph over the same storage.session (vi.resetModules), as a
// stopped and restarted service worker (or Firefox's unloaded background page) is. Everything the worker talks to
// (the image-work page, the downloads, IndexedDB) is a fake that records what it was asked.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeStorageArea, type FakeArea } from './fake-storage';

const session: FakeArea = new Map();
/** The keys of each write to storage.session, in order. */
let writes: string[][] = [];
/** Set: storage.session refuses every write (full: pages' maps fill it). */
let failWrites = false;
vi.mock('../../src/platform/stores', () => ({
  sessionStore: () => {
    const area = fakeStorageArea(session) as { set: (items: Record<string, unknown>) => Promise<void> };
    return { ...area, set: (items: Record<string, unknown>) => { writes.push(Object.keys(items).sort()); return failWrites ? Promise.reject(new Error('QUOTA_BYTES quota exceeded')) : area.set(items); } };
  },
}));

/** What the image-work page says it runs and finished, and whether it can be reached at all. */
const imageWork = { running: [] as string[], finished: [] as string[], ready: [] as { exportId: string; url: string; filename: string }[], reachable: true };
/** Every message the worker sent (to the image-work page) or broadcast (to the extension's pages). */
let sent: { kind: string; exportId?: string }[] = [];
let broadcasts: { kind: string; progress?: { exportId: string; phase: string; error?: string } }[] = [];
let alarms: string[] = [];
/** Work the worker keeps itself awake for: awaited to let a worker finish all it started. */
let work: Promise<unknown>[] = [];

vi.mock('../../src/platform/messaging', () => ({
  send: (m: { kind: string; exportId?: string }) => {
    sent.push(m);
    if (!imageWork.reachable) return Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
    if (m.kind === 'offscreen/exports-known') return Promise.resolve({ ok: true, running: [...imageWork.running], ready: [...imageWork.ready], finished: [...imageWork.finished] });
    return Promise.resolve({ ok: true });
  },
  broadcast: (m: { kind: string }) => { broadcasts.push(m); },
}));
let downloads: string[] = [];
/** What the browser's downloads know of each URL handed to them (a stopped worker's download carries on). */
let browserDownloads = new Map<string, 'saved' | 'refused' | 'none'>();
/** Set: each download call hangs until the test stops the worker (a worker stopped mid-hand-over). */
let downloadsHang = false;
/** The ledger's record of the export at the moment the download was asked for. */
let underWayAtDownload: unknown[] = [];
let askingDownloadsFails = false;
/** The URLs the downloads were asked about, and what their answer waits for (a slow browser). */
let askedAbout: string[] = [];
let downloadsAnswer: Promise<void> = Promise.resolve();
vi.mock('../../src/platform/host', () => ({
  host: {
    openImageWorkPage: () => { imageWork.reachable = true; return Promise.resolve(); },
    download: (url: string) => {
      downloads.push(url);
      underWayAtDownload.push((session.get('export:underWay') as Record<string, unknown> | undefined)?.[ID]);
      browserDownloads.set(url, 'saved');
      return downloadsHang ? new Promise<void>(() => undefined) : Promise.resolve();
    },
    downloadOf: async (url: string) => {
      askedAbout.push(url);
      await downloadsAnswer;
      if (askingDownloadsFails) throw new Error('downloads.search failed');
      return browserDownloads.get(url) ?? 'none';
    },
  },
}));
vi.mock('../../src/platform/sender', () => ({ isOwnBlobUrl: (url: string) => url.startsWith('blob:chrome-extension://') }));
vi.mock('../../src/platform/keep-awake', () => ({
  awakeWhile: (p: Promise<unknown>) => { work.push(p.catch(() => undefined)); return p; },
  holdAwake: () => undefined,
  releaseAwake: () => undefined,
}));
vi.mock('../../src/platform/wake-alarm', () => ({
  armWake: (name: string) => { alarms.push(`arm:${name}`); },
  clearWake: (name: string) => { alarms.push(`clear:${name}`); },
}));
vi.mock('../../src/platform/db', () => ({
  db: () => Promise.resolve({ countFromIndex: () => Promise.resolve(0) }),
  listTasks: () => Promise.resolve([]),
}));
vi.mock('../../src/background/scrubber-state', () => ({ configHash: () => Promise.resolve('h') }));
vi.mock('../../src/background/step-processor', () => ({ kickProcessor: () => Promise.resolve() }));
vi.mock('../../src/background/step-intake', () => ({ ingestUnsent: () => Promise.resolve() }));
vi.mock('../../src/platform/extension-info', () => ({ extensionVersion: () => '0.1.0' }));
vi.mock('../../src/platform/provenance-settings', () => ({ loadProvenance: () => Promise.resolve({ demonstratorId: '', salt: 's' }) }));

type Control = typeof import('../../src/background/export-control');
type Ledger = typeof import('../../src/background/export-ledger');
/** A worker that (re)starts: fresh module memory over the same storage.session. */
async function freshWorker(): Promise<{ control: Control; ledger: Ledger }> {
  vi.resetModules();
  return { control: await import('../../src/background/export-control'), ledger: await import('../../src/background/export-ledger') };
}
/** Worker A takes the export (claims the id, notes it under way), `meanwhile` happens, A is stopped; worker B starts. */
async function startedThenStopped(meanwhile: () => unknown = () => undefined): Promise<{ control: Control; ledger: Ledger }> {
  const a = await freshWorker();
  expect(await a.ledger.claimExport(ID, {})).toBe('fresh');
  await meanwhile();
  return freshWorker();
}
/** Lets the worker finish everything it started (each awaited work may start more). */
async function settle(): Promise<void> {
  for (let seen = -1; seen !== work.length;) {
    seen = work.length;
    await Promise.all(work);
  }
}
/** The worker's resume (at its start, or by its alarm), and all it started. */
async function resumeAndSettle(w: { control: Control }): Promise<void> {
  await w.control.resumeCutOffExports();
  await settle();
}
const ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const zipsAskedFor = (): number => sent.filter((m) => m.kind === 'offscreen/export' && m.exportId === ID).length;

beforeEach(() => {
  session.clear();
  Object.assign(imageWork, { running: [], finished: [], ready: [], reachable: true });
  downloads = [];
  browserDownloads = new Map();
  downloadsHang = false;
  underWayAtDownload = [];
  askingDownloadsFails = false;
  askedAbout = [];
  downloadsAnswer = Promise.resolve();
  failWrites = false;
  sent = [];
  broadcasts = [];
  alarms = [];
  work = [];
});

describe('an export cut off by a worker stop', () => {
  it('is run again, once, by the next worker when nothing else comes first', async () => {
    const b = await startedThenStopped();
    await resumeAndSettle(b);
    await resumeAndSettle(b);
    expect(zipsAskedFor()).toBe(1);
  });

  it('is run again when the popup\'s re-asked export/start is what starts the next worker', async () => {
    // Worker A takes the Export (claims the id, notes it under way) and is stopped while it waits for the steps,
    // before its answer reaches the popup. The popup's ask sends export/start again: that message starts worker B,
    // whose top-level resume runs alongside the handler (the handler's claim is synchronous up to its first await).
    const b = await startedThenStopped();
    const resumed = b.control.resumeCutOffExports();
    expect(await b.control.startExport({}, ID)).toEqual({ ok: true, exportId: ID });
    await resumed;
    await settle();
    // And again on each 'resume-exports' alarm while worker B lives (the popup's 3 s refresh keeps it alive).
    await resumeAndSettle(b);
    expect(zipsAskedFor()).toBe(1);
  });

  it('is not run again after the user cancelled it', async () => {
    // Worker A was stopped while the export waited for steps. The popup hears nothing and the user presses Cancel:
    // export/cancel starts worker B. No job waits in B, so the cancel goes to the image-work page, which is not
    // there yet (Firefox: the iframe dies with the background page; Chrome: no offscreen document) and is lost.
    // Worker B's resume then runs the export the user cancelled, and its zip is saved.
    const b = await startedThenStopped();
    imageWork.reachable = false;
    await b.control.cancelExport(ID);
    await resumeAndSettle(b);
    expect(zipsAskedFor()).toBe(0);
    expect(await b.ledger.anyExportUnderWay()).toBe(false);
  });

  it('whose zip the image-work page made but whose export/ready was lost is not ended in silence', async () => {
    // Chrome: the offscreen document outlives the worker. It finishes the zip, broadcasts 'done' (the popup now says
    // "Saved …") and export/ready while the worker is stopping or starting: a broadcast is never asked again, so
    // export/ready is lost and nothing is downloaded. The next worker asks which exports the page finished.
    const b = await startedThenStopped(() => { imageWork.finished = [ID]; });
    await resumeAndSettle(b);
    // Either the zip is handed over again, or someone is told that it was not: neither happens.
    const saidSo = broadcasts.some((m) => m.kind === 'export/progress' && m.progress?.exportId === ID && m.progress.phase === 'error');
    expect(zipsAskedFor() > 0 || saidSo).toBe(true);
  });

  it('is still noted under way after a recording starts or stops meanwhile', async () => {
    // Export, then Start the next task (Start stays enabled while exporting), or Export while recording, then Stop:
    // both wipe storage.session (tab-memory clearAll keeps only the frame vault's key), the export ledger with it.
    // Worker A is then stopped while the export waits for steps; worker B starts.
    const b = await startedThenStopped(async () => (await import('../../src/background/tab-memory')).tabMemory.clearAll());
    expect(await b.ledger.anyExportUnderWay()).toBe(true);
    await resumeAndSettle(b);
    expect(zipsAskedFor()).toBe(1);
  });

  it('clears its wake alarm once the last export noted under way is ended by the resume itself', async () => {
    // takeCutOffExports ends a finished or given-up export through the ledger, not export-control's `ended`:
    // nothing clears 'resume-exports' then, and the alarm wakes the worker once more for nothing.
    const b = await startedThenStopped(() => { imageWork.finished = [ID]; });
    await resumeAndSettle(b);
    expect(await b.ledger.anyExportUnderWay()).toBe(false);
    expect(alarms).toContain('clear:resume-exports');
  });

  it('is noted started and under way in one write, so no stop can land between the two', async () => {
    // Two writes left an id that every later export/start answered "ok" without running, and no resume knew of.
    const a = await freshWorker();
    writes = [];
    expect(await a.ledger.claimExport(ID, {})).toBe('fresh');
    expect(writes).toEqual([['export:started', 'export:underWay']]);
  });

  it('is not started by a re-asked export/start that arrives after the user cancelled it', async () => {
    // The popup's ask retries export/start for up to ~12 s while the worker stops and starts, showing
    // "Exporting 0/0". The user presses Cancel: export/cancel reaches the new worker first (nothing of the id is
    // known there; the image-work page is not up yet) and the popup brings Export back. The retry lands next.
    const b = await freshWorker();
    imageWork.reachable = false;
    await b.control.cancelExport(ID);
    expect(await b.control.startExport({}, ID)).toEqual({ ok: true, exportId: ID });
    await settle();
    expect(zipsAskedFor()).toBe(0);
  });

  it('whose zip was made but whose export/ready was lost is handed over by the next worker, once', async () => {
    const a = await freshWorker();
    expect(await a.ledger.claimExport(ID, {})).toBe('fresh');
    imageWork.ready = [{ exportId: ID, url: 'blob:chrome-extension://x/1', filename: 'alien-dataflow-1.zip' }];
    const b = await freshWorker();
    // The lost news comes late after all, alongside the resume: still one download.
    await Promise.all([b.control.resumeCutOffExports(), b.control.handOverZip({ exportId: ID, url: 'blob:chrome-extension://x/1', filename: 'alien-dataflow-1.zip', saveAs: false })]);
    await settle();
    expect(downloads).toEqual(['blob:chrome-extension://x/1']);
    expect(await b.ledger.anyExportUnderWay()).toBe(false);
    await b.control.handOverZip({ exportId: ID, url: 'blob:chrome-extension://x/1', filename: 'alien-dataflow-1.zip', saveAs: false });
    expect(downloads).toHaveLength(1);
  });

  it('made after the person cancelled is not saved', async () => {
    const a = await freshWorker();
    expect(await a.ledger.claimExport(ID, {})).toBe('fresh');
    await a.control.cancelExport(ID);
    await a.control.handOverZip({ exportId: ID, url: 'blob:chrome-extension://x/2', filename: 'alien-dataflow-2.zip', saveAs: false });
    expect(downloads).toEqual([]);
  });
});

describe('an export whose worker stopped as its zip went to the downloads', () => {
  const URL_A = 'blob:chrome-extension://x/a';
  const zipA = { exportId: ID, url: URL_A, filename: 'alien-dataflow-a.zip', saveAs: false };
  /** Worker A takes the export and hands its zip to the downloads, and is stopped before it notes the end. */
  async function stoppedMidHandOver(): Promise<{ control: Control; ledger: Ledger }> {
    const a = await freshWorker();
    expect(await a.ledger.claimExport(ID, {})).toBe('fresh');
    downloadsHang = true;
    void a.control.handOverZip(zipA);
    await vi.waitFor(() => expect(downloads).toEqual([URL_A]));
    downloadsHang = false;
    // Worker A's hung hand-over dies with it.
    work = [];
    return freshWorker();
  }

  it('notes the zip handed over before it asks the downloads', async () => {
    const a = await freshWorker();
    await a.ledger.claimExport(ID, {});
    await a.control.handOverZip(zipA);
    expect(underWayAtDownload).toEqual([expect.objectContaining({ handedOverUrls: [URL_A] })]);
    expect(await a.ledger.anyExportUnderWay()).toBe(false);
  });

  it('is not run again when the image-work page died with the worker (Firefox) and the zip was saved', async () => {
    // Firefox unloads the background page, the image-work page inside it: the next worker found the export
    // under way, unknown to the page, and ran it again, so one Export saved two zips.
    const b = await stoppedMidHandOver();
    await resumeAndSettle(b);
    expect(zipsAskedFor()).toBe(0);
    expect(downloads).toEqual([URL_A]);
    expect(await b.ledger.anyExportUnderWay()).toBe(false);
    expect(alarms.at(-1)).toBe('clear:resume-exports');
  });

  it('is not handed over again when the image-work page still holds the zip (Chrome)', async () => {
    const b = await stoppedMidHandOver();
    imageWork.ready = [zipA];
    await resumeAndSettle(b);
    // The page's news of the zip, arriving late, is no second download either.
    await b.control.handOverZip(zipA);
    expect(downloads).toEqual([URL_A]);
    expect(await b.ledger.anyExportUnderWay()).toBe(false);
  });

  it('is run again when the zip never reached the downloads (the worker stopped before the browser took it)', async () => {
    const b = await stoppedMidHandOver();
    browserDownloads.clear();
    await resumeAndSettle(b);
    expect(zipsAskedFor()).toBe(1);
    // Its new zip is handed over in turn, under the new URL, and the export ends.
    await b.control.handOverZip({ ...zipA, url: 'blob:chrome-extension://x/b' });
    expect(downloads).toEqual([URL_A, 'blob:chrome-extension://x/b']);
    expect(await b.ledger.anyExportUnderWay()).toBe(false);
  });

  it('is handed over again from the image-work page when the zip never reached the downloads', async () => {
    const b = await stoppedMidHandOver();
    browserDownloads.clear();
    imageWork.ready = [zipA];
    await resumeAndSettle(b);
    expect(downloads).toEqual([URL_A, URL_A]);
    expect(zipsAskedFor()).toBe(0);
  });

  it('ends as cancelled, not run again, when the person closed the save dialog', async () => {
    const b = await stoppedMidHandOver();
    browserDownloads.set(URL_A, 'refused');
    await resumeAndSettle(b);
    expect(zipsAskedFor()).toBe(0);
    expect(broadcasts.some((m) => m.progress?.exportId === ID && m.progress.phase === 'cancelled')).toBe(true);
    expect(await b.ledger.anyExportUnderWay()).toBe(false);
  });

  it('is run again when the downloads cannot be asked (a zip is not lost for want of an answer)', async () => {
    const b = await stoppedMidHandOver();
    askingDownloadsFails = true;
    await resumeAndSettle(b);
    expect(zipsAskedFor()).toBe(1);
  });

  it('is ended in silence, not given up as cut off too often, when its last run\'s zip was saved', async () => {
    const b = await stoppedMidHandOver();
    // Its third run: the next worker would give it up ("cut off 3 times… Press Export again") with the zip saved.
    const record = session.get('export:underWay') as Record<string, { runs: number }>;
    session.set('export:underWay', { [ID]: { ...record[ID]!, runs: 3 } });
    await resumeAndSettle(b);
    expect(broadcasts.filter((m) => m.progress?.exportId === ID)).toEqual([]);
    expect(zipsAskedFor()).toBe(0);
    expect(await b.ledger.anyExportUnderWay()).toBe(false);
  });

  it('stays noted while it runs again, so a stop during the rerun still asks about the first zip', async () => {
    const b = await stoppedMidHandOver();
    browserDownloads.clear();
    await resumeAndSettle(b);
    // Worker B is stopped while it runs the export again, and the first zip reached the downloads after all.
    browserDownloads.set(URL_A, 'saved');
    const c = await freshWorker();
    await resumeAndSettle(c);
    expect(zipsAskedFor()).toBe(1);
    expect(await c.ledger.anyExportUnderWay()).toBe(false);
  });

  it('is not saved when the person cancels while the downloads are asked about the stopped worker\'s zip', async () => {
    // Worker B gets the page's late news of zip A and asks the (slow) downloads about it; Cancel lands meanwhile.
    const b = await stoppedMidHandOver();
    browserDownloads.clear();
    let answer!: () => void;
    downloadsAnswer = new Promise<void>((r) => { answer = r; });
    const handing = b.control.handOverZip(zipA);
    await vi.waitFor(() => expect(askedAbout).toEqual([URL_A]));
    await b.control.cancelExport(ID);
    answer();
    await handing;
    await settle();
    expect(downloads).toEqual([URL_A]);
  });

  it('is not saved when the person\'s Cancel and the zip\'s news arrive together', async () => {
    const a = await freshWorker();
    await a.ledger.claimExport(ID, {});
    await Promise.all([a.control.handOverZip(zipA), a.control.cancelExport(ID)]);
    await settle();
    expect(downloads).toEqual([]);
  });

  it('still asks about the first zip after a rerun\'s zip was handed over and that worker stopped too', async () => {
    // A's zip reaches the downloads only after B, which found it unknown, ran the export again and handed its own
    // zip over as it stopped in turn: worker C must know of both URLs.
    const URL_B = 'blob:chrome-extension://x/b';
    const b = await stoppedMidHandOver();
    browserDownloads.clear();
    await resumeAndSettle(b);
    expect(zipsAskedFor()).toBe(1);
    downloadsHang = true;
    void b.control.handOverZip({ ...zipA, url: URL_B });
    await vi.waitFor(() => expect(downloads).toEqual([URL_A, URL_B]));
    downloadsHang = false;
    work = [];
    browserDownloads.clear();
    browserDownloads.set(URL_A, 'saved');
    const c = await freshWorker();
    await resumeAndSettle(c);
    expect(zipsAskedFor()).toBe(1);
    expect(await c.ledger.anyExportUnderWay()).toBe(false);
  });

  it('does not hold up another cut-off export while its own zip\'s save dialog stays open', async () => {
    const ID2 = '7a2b3c4d-5e6f-4a70-8b8c-9d0e1f2a3b4c';
    const a = await freshWorker();
    await a.ledger.claimExport(ID, {});
    await a.ledger.claimExport(ID2, {});
    downloadsHang = true;
    void a.control.handOverZip(zipA);
    await vi.waitFor(() => expect(downloads).toEqual([URL_A]));
    downloadsHang = false;
    work = [];
    const b = await freshWorker();
    // ID's download is under way: the downloads answer only once it ends (up to 10 minutes).
    let answer!: () => void;
    downloadsAnswer = new Promise<void>((r) => { answer = r; });
    const resumed = b.control.resumeCutOffExports();
    await vi.waitFor(() => expect(askedAbout).toEqual([URL_A]));
    // ID2, cut off while it waited for its steps, is run again meanwhile.
    await vi.waitFor(() => expect(sent.filter((m) => m.kind === 'offscreen/export' && m.exportId === ID2)).toHaveLength(1), { timeout: 1000 });
    browserDownloads.set(URL_A, 'saved');
    answer();
    await resumed;
    await settle();
    expect(zipsAskedFor()).toBe(0);
    expect(await b.ledger.isUnderWay(ID)).toBe(false);
  });

  it('is not saved after a Cancel storage.session could not note, by the worker that heard it', async () => {
    const a = await freshWorker();
    await a.ledger.claimExport(ID, {});
    failWrites = true;
    await a.control.cancelExport(ID);
    await a.control.handOverZip(zipA);
    await settle();
    expect(downloads).toEqual([]);
  });
});
