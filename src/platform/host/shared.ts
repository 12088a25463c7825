// Host behaviour that happens to be the same in Chrome and Firefox today,
// kept here so each host still says what it does.
import browser from 'webextension-polyfill';

export async function downloadZip(url: string, filename: string, saveAs: boolean): Promise<void> {
  await browser.downloads.download({ url, filename, saveAs, conflictAction: 'uniquify' });
}
