// Host behaviour that happens to be the same in Chrome and Firefox today,
// kept here so each host still says what it does.
import browser from 'webextension-polyfill';
import type { DownloadOutcome } from './host';

/** Longest wait for the browser to finish saving a zip (a save dialog can stay open a while). */
const DOWNLOAD_WAIT_MS = 10 * 60_000;

/**
 * Saves the zip and resolves once the browser has finished reading it, or given up: the blob: URL lives in
 * the image-work page, which in Firefox dies with a suspended background page.
 */
export async function downloadZip(url: string, filename: string, saveAs: boolean): Promise<void> {
  const id = await browser.downloads.download({ url, filename, saveAs, conflictAction: 'uniquify' });
  await downloadEnded(id);
}

/**
 * What became of a zip handed to the downloads by `url` (a blob: URL, unique to one zip): 'saved' once the
 * browser saved it, 'refused' when the person closed the save dialog, 'none' when no download of it is known or
 * it failed (Firefox: the blob died with the background page that held it). One still under way is waited for.
 */
export async function downloadOf(url: string): Promise<DownloadOutcome> {
  const under = (await browser.downloads.search({ url })).find((d) => d.state === 'in_progress');
  if (under) await downloadEnded(under.id);
  const items = await browser.downloads.search({ url });
  if (items.some((d) => d.state === 'complete')) return 'saved';
  if (items.some((d) => d.error === 'USER_CANCELED')) return 'refused';
  // Still under way past the wait (a save dialog left open for ten minutes): taken as saved, not made again.
  return items.some((d) => d.state === 'in_progress') ? 'saved' : 'none';
}

function downloadEnded(id: number): Promise<void> {
  return new Promise((resolve) => {
    const listener = (d: browser.Downloads.OnChangedDownloadDeltaType): void => {
      if (d.id === id && d.state && d.state.current !== 'in_progress') done();
    };
    const timer = setTimeout(() => done(), DOWNLOAD_WAIT_MS);
    function done(): void {
      browser.downloads.onChanged.removeListener(listener);
      clearTimeout(timer);
      resolve();
    }
    browser.downloads.onChanged.addListener(listener);
    // It may have ended before the listener was added.
    void browser.downloads.search({ id }).then(([item]) => { if (item?.state !== 'in_progress') done(); }, () => done());
  });
}
