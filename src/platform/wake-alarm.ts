// A wake-up call for work a stopped worker left behind. Pending steps are resumed when the worker starts
// again, but a worker stopped mid-work (Chrome's 30 s idle stop, or Firefox unloading an event page whose
// keep-awake calls a loaded machine delayed past its idle timeout) starts again only on the next event, and a
// person who has stopped acting sends none: their last steps would wait, unstored, until they next touch the
// browser. An alarm is an event that wakes the worker by itself. It is armed while steps are pending and
// cleared when none are; it repeats every 30 s (Chrome's floor for packed MV3 extensions), so a loop that
// outlasts one period and is then cut off is still woken.
import browser from 'webextension-polyfill';

/** One alarm per kind of work left behind: each is cleared by its own work without touching the other. */
export type WakeName = 'resume-pending-steps' | 'resume-exports';
/** Chrome fires a packed MV3 extension's alarm no sooner than 30 s after it is set. */
const DELAY_MINUTES = 0.5;

/** Wakes the worker every 30 s until cleared; arming it again starts the period afresh. */
export function armWake(name: WakeName = 'resume-pending-steps'): void {
  void Promise.resolve(browser.alarms.create(name, { delayInMinutes: DELAY_MINUTES, periodInMinutes: DELAY_MINUTES })).catch(() => undefined);
}

export function clearWake(name: WakeName = 'resume-pending-steps'): void {
  void browser.alarms.clear(name).catch(() => undefined);
}

/** Registered at the worker's top level, so the alarm that starts it finds its listener. */
export function onWake(listener: () => void, name: WakeName = 'resume-pending-steps'): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === name) listener();
  });
}
