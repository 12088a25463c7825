// An in-memory stand-in for the idb database the extension opens (platform/db), for unit tests of code that reads
// and writes it: the stores by key path, get/put/delete/getAll/count, transactions (run at once: no isolation),
// cursors over a key range either way, and indexes by key path. Only what platform/db and review-store use.
type Key = string | number | Key[];
type Value = Record<string, unknown>;

function compare(a: Key, b: Key): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compare(a[i]!, b[i]!);
      if (c) return c;
    }
    return a.length - b.length;
  }
  if (typeof a === typeof b) return a < b ? -1 : a > b ? 1 : 0;
  return typeof a === 'number' ? -1 : 1;
}

interface Range { lower?: Key; upper?: Key; lowerOpen?: boolean; upperOpen?: boolean }
const inRange = (k: Key, r: Range | null | undefined): boolean => {
  if (!r) return true;
  const lo = r.lower === undefined ? 1 : compare(k, r.lower);
  const hi = r.upper === undefined ? -1 : compare(k, r.upper);
  return (r.lowerOpen ? lo > 0 : lo >= 0) && (r.upperOpen ? hi < 0 : hi <= 0);
};

/** IDBKeyRange as far as platform/db and review-store need it. */
export function installKeyRange(): void {
  (globalThis as { IDBKeyRange?: unknown }).IDBKeyRange = {
    bound: (lower: Key, upper: Key, lowerOpen = false, upperOpen = false): Range => ({ lower, upper, lowerOpen, upperOpen }),
    only: (k: Key): Range => ({ lower: k, upper: k }),
  };
}

const keyOf = (v: Value, path: string | string[]): Key => (Array.isArray(path) ? path.map((p) => v[p] as Key) : (v[path] as Key));

export interface FakeDb {
  stores: Map<string, Map<string, Value>>;
  db: unknown;
}

/** `keyPaths`: each store's key path; `indexes`: store -> index name -> key path. */
export function fakeDb(keyPaths: Record<string, string | string[]>, indexes: Record<string, Record<string, string | string[]>> = {}): FakeDb {
  const stores = new Map(Object.keys(keyPaths).map((n) => [n, new Map<string, Value>()]));
  const data = (name: string): Map<string, Value> => {
    const s = stores.get(name);
    if (!s) throw new Error(`no store ${name}`);
    return s;
  };
  const id = (k: Key): string => JSON.stringify(k);
  const cursorOver = (rows: { key: Key; value: Value }[], store: Map<string, Value>, path: string | string[]) => {
    const at = (i: number): unknown => (i >= rows.length ? null : {
      get value() { return structuredClone(rows[i]!.value); },
      key: rows[i]!.key,
      continue: () => Promise.resolve(at(i + 1)),
      delete: () => { store.delete(id(keyOf(rows[i]!.value, path))); return Promise.resolve(); },
      update: (v: Value) => { store.set(id(keyOf(v, path)), structuredClone(v)); return Promise.resolve(); },
    });
    return at(0);
  };
  const storeApi = (name: string) => {
    const path = keyPaths[name]!;
    const s = data(name);
    const sorted = (by: string | string[], range: Range | null | undefined, dir?: string) => {
      // A record without the index's key is not in the index (as in IndexedDB).
      const rows = [...s.values()].map((value) => ({ key: keyOf(value, by), value }))
        .filter((r) => r.key !== undefined && inRange(r.key, range));
      rows.sort((a, b) => compare(a.key, b.key) || compare(keyOf(a.value, path), keyOf(b.value, path)));
      return dir === 'prev' ? rows.reverse() : rows;
    };
    return {
      get: (k: Key) => Promise.resolve(s.has(id(k)) ? structuredClone(s.get(id(k))) : undefined),
      getKey: (k: Key) => Promise.resolve(s.has(id(k)) ? k : undefined),
      getAll: () => Promise.resolve(sorted(path, null).map((r) => structuredClone(r.value))),
      put: (v: Value) => { s.set(id(keyOf(v, path)), structuredClone(v)); return Promise.resolve(keyOf(v, path)); },
      delete: (k: Key) => { s.delete(id(k)); return Promise.resolve(); },
      count: () => Promise.resolve(s.size),
      openCursor: (range?: Range | null, dir?: string) => Promise.resolve(cursorOver(sorted(path, range, dir), s, path)),
      index: (indexName: string) => {
        const by = indexes[name]?.[indexName];
        if (!by) throw new Error(`no index ${name}.${indexName}`);
        return {
          openCursor: (range?: Range | null, dir?: string) => Promise.resolve(cursorOver(sorted(by, range, dir), s, path)),
          getKey: (k: Key) => Promise.resolve(sorted(by, { lower: k, upper: k })[0] ? keyOf(sorted(by, { lower: k, upper: k })[0]!.value, path) : undefined),
          getAll: (k?: Key) => Promise.resolve(sorted(by, k === undefined ? null : { lower: k, upper: k }).map((r) => structuredClone(r.value))),
          getAllInRange: (range?: Range) => Promise.resolve(sorted(by, range).map((r) => structuredClone(r.value))),
        };
      },
    };
  };
  const db = {
    transaction: (names: string | string[]) => {
      const list = Array.isArray(names) ? names : [names];
      return { objectStore: storeApi, store: storeApi(list[0]!), done: Promise.resolve() };
    },
    get: (n: string, k: Key) => storeApi(n).get(k),
    getAll: (n: string) => storeApi(n).getAll(),
    getAllFromIndex: (n: string, indexName: string, range?: Range) => storeApi(n).index(indexName).getAllInRange(range),
    put: (n: string, v: Value) => storeApi(n).put(v),
    delete: (n: string, k: Key) => storeApi(n).delete(k),
    count: (n: string) => storeApi(n).count(),
  };
  return { stores, db };
}

/** The extension's own stores and indexes (platform/db). */
export function extensionDb(): FakeDb {
  return fakeDb(
    { tasks: 'id', steps: ['taskId', 'seq'], images: 'id', pending: 'draftId', finals: 'taskId' },
    { steps: { byDraft: 'draftId' }, pending: { byTask: 'taskId', byArrival: ['arrivedAt', 'draftId'], byAfterArrival: 'afterArrival' } },
  );
}
