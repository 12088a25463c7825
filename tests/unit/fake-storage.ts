// An in-memory browser.storage area for unit tests of worker code: get (a key, keys or null for all), set and
// remove, each copying values as the browser's structured clone does.
export type FakeArea = Map<string, unknown>;

export function fakeStorageArea(store: FakeArea): unknown {
  return {
    get: (keys: string | string[] | null) => {
      const wanted = keys === null ? [...store.keys()] : Array.isArray(keys) ? keys : [keys];
      return Promise.resolve(Object.fromEntries(wanted.filter((k) => store.has(k)).map((k) => [k, structuredClone(store.get(k))])));
    },
    set: (items: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(items)) store.set(k, structuredClone(v));
      return Promise.resolve();
    },
    remove: (keys: string | string[]) => {
      for (const k of Array.isArray(keys) ? keys : [keys]) store.delete(k);
      return Promise.resolve();
    },
  };
}
