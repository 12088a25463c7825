// Finding keys by prefix without reading every value: storage areas also hold
// large entries (the config, hand-overs, pages' last states). getKeys() is
// Chrome 130+ and Firefox 143+; older browsers read everything.
import type browser from 'webextension-polyfill';

type Area = browser.Storage.StorageArea & { getKeys?: () => Promise<string[]> };

export async function keysStartingWith(area: browser.Storage.StorageArea, ...prefixes: string[]): Promise<string[]> {
  const a = area as Area;
  const keys = a.getKeys ? await a.getKeys() : Object.keys(await a.get(null));
  return keys.filter((k) => prefixes.some((p) => k.startsWith(p)));
}

/** The values under `keys` (none read when there are none). */
export async function valuesOf<T>(area: browser.Storage.StorageArea, keys: string[]): Promise<T[]> {
  return keys.length ? Object.values(await area.get(keys)) as T[] : [];
}
