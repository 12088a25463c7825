// The one reader of what the extension stores, for every e2e suite: the
// steps, pending steps and images in its IndexedDB, and a dump of everything
// for leak checks. Evaluated in one of the extension's own pages (Chromium's
// or Firefox's), so it reads the same database the worker writes. The store
// and index names here are the only place tests know the storage layout.
import type { Page } from 'puppeteer-core';

/** A stored step row as the tests read it (src/platform/db.ts has the whole shape). */
export interface StoredRow {
  taskId: string;
  imageId?: string | null;
  step: {
    action: { type: string; text?: string };
    observation: { screenshot_path: string | null; dom_tree: string; screenshot_note?: string; screenshot_fresh?: boolean };
    target: { element_id: number } | null;
  };
  /** The image work the step took (core/stored-step's StepWork), the parts these tests read. */
  work?: { fullFrame: boolean; detection?: { lines: number; unexplained: number; bands: number; bandsRun: number } };
}

/** One read of the database; `rows` and `pngs` only when asked for. */
export interface Stored {
  /** Steps stored: of the task when one is named, else of every task. */
  steps: number;
  /** Steps accepted and not stored yet, counted the same way. */
  pending: number;
  /** Image records, of every task. */
  images: number;
  rows: StoredRow[];
  /** The stored screenshots of the task's steps, base64. */
  pngs: string[];
}

/** Reads steps, pending steps and images; `taskId` null for every task. */
export function readStored(extensionPage: Page, taskId: string | null, want: { rows?: boolean; pngs?: boolean } = {}): Promise<Stored> {
  return extensionPage.evaluate((id, rows, pngs) => new Promise<Stored>((resolve, reject) => {
    // No named inner functions: the test runner's transform would wrap them in a helper the page lacks.
    const open = indexedDB.open('alien-dataflow');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['steps', 'pending', 'images']);
      const range = id === null ? null : IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]);
      const steps = tx.objectStore('steps').count(range ?? undefined);
      const pending = id === null ? tx.objectStore('pending').count() : tx.objectStore('pending').index('byTask').count(id);
      const images = tx.objectStore('images').count();
      const all = rows || pngs ? tx.objectStore('steps').getAll(range ?? undefined) : null;
      const blobs: Blob[] = [];
      if (all && pngs) {
        all.onsuccess = () => {
          for (const s of all.result as { imageId?: string | null }[]) {
            if (!s.imageId) continue;
            const image = tx.objectStore('images').get(s.imageId);
            image.onsuccess = () => { if (image.result) blobs.push((image.result as { blob: Blob }).blob); };
          }
        };
      }
      tx.onerror = () => reject(tx.error);
      tx.oncomplete = () => {
        db.close();
        Promise.all(blobs.map((blob) => blob.arrayBuffer().then((buffer) => {
          const bytes = new Uint8Array(buffer);
          let binary = '';
          for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          return btoa(binary);
        }))).then((encoded) => resolve({
          steps: steps.result, pending: pending.result, images: images.result,
          rows: rows && all ? all.result as StoredRow[] : [], pngs: encoded,
        }), reject);
      };
    };
  }), taskId, !!want.rows, !!want.pngs);
}

/** The task being recorded, from storage.local (null when none is). */
export function recordingTaskId(extensionPage: Page): Promise<string | null> {
  return extensionPage.evaluate(async () => {
    // Firefox's promise API is `browser`; Chromium's is `chrome`.
    const api = (globalThis as { browser?: typeof chrome }).browser ?? chrome;
    return ((await api.storage.local.get('recording')).recording as { taskId: string } | undefined)?.taskId ?? null;
  });
}

/**
 * Everything the extension stores (IndexedDB steps, tasks, pending steps and final states, and storage.local), for
 * leak checks. Not the images' bytes: their pixels are read by OCR from the export.
 */
export function dumpStorage(extensionPage: Page): Promise<string> {
  return extensionPage.evaluate(async () => {
    const stores = ['steps', 'tasks', 'pending', 'finals'];
    const idb = await new Promise<unknown[]>((resolve, reject) => {
      const open = indexedDB.open('alien-dataflow');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction(stores);
        const reads = stores.map((name) => tx.objectStore(name).getAll());
        tx.oncomplete = () => { open.result.close(); resolve(reads.map((r) => r.result)); };
        tx.onerror = () => reject(tx.error);
      };
    });
    const api = (globalThis as { browser?: typeof chrome }).browser ?? chrome;
    return JSON.stringify([idb, await api.storage.local.get(null)]);
  });
}

/**
 * Steps a task has accepted: stored, or pending (accepted and not stored yet). What a step in flight counts as
 * once the worker has it, so a test can act again as soon as its last action reached the worker.
 */
export async function acceptedSteps(extensionPage: Page, taskId: string): Promise<number> {
  const { steps, pending } = await readStored(extensionPage, taskId);
  return steps + pending;
}

/**
 * Whether the recorder in the tab showing `url` has told the worker its page settled at `since` (ms epoch) or
 * later: the worker files each reporting frame's screen regions, with when they were measured, in storage.session
 * under `textmap:<tab id>:<frame>`, the top frame as frame 0 (background/tab-text-map), and Start empties
 * storage.session before it sets the flag pages start on. So the entry is the page's own word that it records,
 * which the page itself never shows.
 */
export function recorderReported(extensionPage: Page, url: string, since = 0): Promise<boolean> {
  return extensionPage.evaluate(async (u, after) => {
    const api = (globalThis as { browser?: typeof chrome }).browser ?? chrome;
    const tabs = (await api.tabs.query({})).filter((t) => t.url === u && t.id !== undefined);
    if (!tabs.length) return false;
    const keys = tabs.map((t) => `textmap:${t.id}:0`);
    const got = await api.storage.session.get(keys);
    return keys.some((k) => ((got[k] as { at?: number } | undefined)?.at ?? -1) >= after);
  }, url, since);
}

/**
 * The typed texts the worker holds for edits not yet sent as steps (background/held-edits files each under
 * `edittext:<tab id>:<draft id>` in storage.session): the page's own word of what it last sent, scrubbed.
 */
export function heldTexts(extensionPage: Page): Promise<string[]> {
  return extensionPage.evaluate(async () => {
    const api = (globalThis as { browser?: typeof chrome }).browser ?? chrome;
    const all = await api.storage.session.get(null);
    return Object.entries(all).filter(([k]) => k.startsWith('edittext:')).map(([, v]) => String((v as { text?: unknown }).text ?? ''));
  });
}

/**
 * Waits, inside the extension page, until a task has at least `n` steps stored (with `accepted`, stored or
 * pending), and returns the last count (below `n` when `timeout` ran out). One evaluate that opens the database
 * once and counts every `every` ms: a count from the test process costs a protocol round trip and a database
 * open each time, about 6 ms of the browser's CPU, which every 25 ms was a fifth of a core (docs/benchmarks.md).
 * A string, not a function: the test runner's transform would wrap named inner functions in a helper the page lacks.
 */
export function countReaching(extensionPage: Page, taskId: string, n: number, opts: { accepted: boolean; timeout: number; every?: number }): Promise<number> {
  const args = JSON.stringify({ id: taskId, n, accepted: opts.accepted, timeout: opts.timeout, every: opts.every ?? 25 });
  return extensionPage.evaluate(`(() => {
    const { id, n, accepted, timeout, every } = ${args};
    const deadline = Date.now() + timeout;
    let db = null;
    return new Promise((resolve, reject) => {
      const end = (f, v) => { if (db) db.close(); f(v); };
      const tick = () => { try {
        if (!db) {
          const open = indexedDB.open('alien-dataflow');
          open.onerror = () => end(reject, open.error);
          open.onsuccess = () => {
            db = open.result;
            // The worker deleting or upgrading the database waits for every connection: this one steps aside.
            db.onversionchange = () => { db.close(); db = null; };
            tick();
          };
          return;
        }
        const tx = db.transaction(accepted ? ['steps', 'pending'] : ['steps']);
        const steps = tx.objectStore('steps').count(IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]));
        const pending = accepted ? tx.objectStore('pending').index('byTask').count(id) : null;
        tx.onerror = () => end(reject, tx.error);
        tx.oncomplete = () => {
          const count = steps.result + (pending ? pending.result : 0);
          if (count >= n || Date.now() > deadline) end(resolve, count);
          else setTimeout(tick, every);
        };
      } catch (e) { end(reject, e); } };
      tick();
    });
  })()`) as Promise<number>;
}
