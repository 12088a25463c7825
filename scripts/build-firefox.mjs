// The Firefox build (dist/firefox/), made from the Chrome build in dist/chrome/: the same files, with
// the manifest Firefox needs. Firefox has no service worker background and no
// offscreen API: the worker script runs as a background page
// (background.scripts), and image work and export run in that page's own
// iframe of offscreen/offscreen.html (src/background/offscreen-document.ts).
// Everything else, the CSP and the other permissions included, is unchanged.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { CHROME_BUILD, FIREFOX_BUILD } from './build-paths.mjs';

export const FIREFOX_ID = 'recorder@alien-dataflow.local';

/** Chrome's manifest, rewritten for Firefox. */
export function firefoxManifest(chrome) {
  const m = structuredClone(chrome);
  delete m.minimum_chrome_version;
  m.background = { scripts: [chrome.background.service_worker], type: chrome.background.type };
  m.permissions = chrome.permissions.filter((p) => p !== 'offscreen');
  // Firefox 140 (an ESR) reads data_collection_permissions: this extension sends nothing anywhere.
  // gecko_android only states the version that reads that key; Firefox for Android is not tested.
  m.browser_specific_settings = {
    gecko: { id: FIREFOX_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
    gecko_android: { strict_min_version: '142.0' },
  };
  return m;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  rmSync(FIREFOX_BUILD, { recursive: true, force: true });
  cpSync(CHROME_BUILD, FIREFOX_BUILD, { recursive: true });
  const manifest = firefoxManifest(JSON.parse(readFileSync(`${CHROME_BUILD}/manifest.json`, 'utf8')));
  writeFileSync(`${FIREFOX_BUILD}/manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`built ${FIREFOX_BUILD}/ (Firefox) from ${CHROME_BUILD}/ (Chrome)`);
}
