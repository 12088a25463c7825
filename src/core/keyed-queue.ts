// Work that must not overtake earlier work on the same thing: a worker's
// message handlers run concurrently, each awaiting storage, so two calls for
// one tab could finish in either order. Calls for different keys still run
// side by side.

/** Runs `work` for `key` after every earlier call for that key has settled; its result (or error) is its own. */
export type KeyedQueue<K> = <T>(key: K, work: () => Promise<T>) => Promise<T>;

export function keyedQueue<K>(): KeyedQueue<K> {
  const tails = new Map<K, Promise<void>>();
  return <T>(key: K, work: () => Promise<T>): Promise<T> => {
    const run = (tails.get(key) ?? Promise.resolve()).then(work);
    const tail = run.then(() => undefined, () => undefined);
    tails.set(key, tail);
    // A key with nothing queued is forgotten, so closed tabs do not pile up.
    void tail.then(() => { if (tails.get(key) === tail) tails.delete(key); });
    return run;
  };
}
