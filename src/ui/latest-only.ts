// A page's reads of the worker's state are round trips whose answers can come
// back out of order. Applied as they came, an older answer arriving late put
// back a state that had moved on: the popup showed "Not recording" for good
// when a refresh begun just before Start answered after Start's own news.
// Only the newest call's answer is applied here.

/** Wraps `read` so each call applies its answer only if no later call was made meanwhile. */
export function latestOnly<A extends unknown[], T>(read: (...args: A) => Promise<T>, apply: (value: T) => void): (...args: A) => Promise<void> {
  let newest = 0;
  return async (...args: A): Promise<void> => {
    const mine = ++newest;
    const value = await read(...args);
    if (mine === newest) apply(value);
  };
}
