// Keeps the worker running while it has work in hand. Both browsers stop an
// idle worker after 30 s: Chrome's service worker when no event or extension
// API call came, Firefox's event page when no event or call into the parent
// process came (extensions.background.idle.timeout). Firefox does not wait for
// work a listener started: measured on firefox-esr 153, a background page
// that ran a 10 s timer chain without API calls was unloaded 2 s in (idle
// timeout 2 s); one calling runtime.getPlatformInfo() every 0.5 s ran to the
// end. Cut off, a step's image work is redone later, its screenshot can be
// lost, and an export dies. So while any lease is held, a cheap API call is
// made every quarter second (the Firefox tests cut the idle timeout to 2 s,
// and a busy machine delays timers);
// nothing is called once all are released.
import browser from 'webextension-polyfill';
import { AwakeLeases, UNTIL_RELEASED } from '../core/awake-leases';

const TICK_MS = 250;
const leases = new AwakeLeases();
let ticker: ReturnType<typeof setInterval> | null = null;
let anonymous = 0;

function tick(): void {
  if (!leases.held(Date.now())) {
    if (ticker !== null) clearInterval(ticker);
    ticker = null;
    return;
  }
  browser.runtime.getPlatformInfo().catch(() => undefined);
}

/** Keeps the worker running for `forMs` (or until released), renewing an earlier hold of `key`. */
export function holdAwake(key: string, forMs: number = UNTIL_RELEASED): void {
  leases.hold(key, Date.now(), forMs);
  ticker ??= setInterval(tick, TICK_MS);
}

export function releaseAwake(key: string): void {
  leases.release(key);
}

/**
 * Held while a recording is on. The screenshot before an action is the tab's last settled frame, which the worker
 * keeps in memory (background/capture-scheduler): a worker stopped for idling had none when the next click woke it,
 * so after any pause past the idle timeout the step's frame was captured after the click (measured: 3 of 3 clicks
 * after 33-40 s pauses, in both browsers, each showing the click's result). One call every 10 s keeps either
 * browser's 30 s idle timeout from running out, loaded machine included; the browser may still stop the worker
 * (an update, a crash, a Firefox test's shorter timeout), which the rest of the worker survives as before.
 */
const STEADY_TICK_MS = 10_000;
let steadyTicker: ReturnType<typeof setInterval> | null = null;

export function holdAwakeSteadily(on: boolean): void {
  if (on) steadyTicker ??= setInterval(() => { browser.runtime.getPlatformInfo().catch(() => undefined); }, STEADY_TICK_MS);
  else if (steadyTicker !== null) {
    clearInterval(steadyTicker);
    steadyTicker = null;
  }
}

/** Keeps the worker running until `work` settles. */
export function awakeWhile<T>(work: Promise<T>): Promise<T> {
  const key = `work:${++anonymous}`;
  holdAwake(key);
  return work.finally(() => releaseAwake(key));
}
