// Messages to the extension's worker from one of its own pages, through the browser's promise API. A module of its
// own: the pool's hand-over (lent-browser) uses it too, and browsers.ts registers node:test hooks when imported.
import type { Page } from 'puppeteer-core';

/** A message to the worker from one of the extension's pages. */
export function askWorker(extensionPage: Page, message: object): Promise<unknown> {
  return extensionPage.evaluate((m) => ((globalThis as { browser?: typeof chrome }).browser ?? chrome).runtime.sendMessage(m), message);
}

/** Stops a recording a test left on (nothing when none is). */
export async function stopRecordingIfOn(extensionPage: Page): Promise<void> {
  const status = await askWorker(extensionPage, { kind: 'recording/get' }) as { state: unknown };
  if (status.state) await askWorker(extensionPage, { kind: 'recording/stop' });
}
