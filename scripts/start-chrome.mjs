// npm start: serve the demo page on 127.0.0.1 and open Chromium with dist/chrome/ loaded (npm start -- --firefox: see start-firefox.mjs).
// Headed when a display is available, headless otherwise (or with HEADLESS=1 / --headless).
// --smoke: open the popup once, save a screenshot, and exit (used to check a fresh setup).
import { existsSync, mkdirSync } from 'node:fs';
import { CHROME_BUILD } from './build-paths.mjs';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { findChrome, INSTALL_HINT } from './find-chrome.mjs';
import { serveStatic } from './fixture-server.mjs';
import { headless, smoke } from './start-options.mjs';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, CHROME_BUILD);

const chrome = findChrome();
if (!chrome) {
  console.error(INSTALL_HINT);
  process.exit(1);
}
if (!existsSync(join(dist, 'manifest.json'))) {
  console.error(`${CHROME_BUILD}/ is missing: run \`npm run build\` first (npm start does this for you).`);
  process.exit(1);
}

const server = await serveStatic(join(root, 'tests/fixtures'), Number(process.env.PORT ?? 0));
const profile = join(root, '.profile');
mkdirSync(profile, { recursive: true });
const browser = await puppeteer.launch({
  executablePath: chrome,
  headless,
  pipe: true,
  enableExtensions: [dist],
  userDataDir: profile,
  defaultViewport: headless ? { width: 1280, height: 800 } : null,
  args: ['--no-sandbox', '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update',
    ...(headless ? ['--disable-gpu'] : [])],
});
const page = (await browser.pages())[0] ?? (await browser.newPage());
const demo = `${server.url}/demo/index.html`;
await page.goto(demo);
const extensions = await browser.extensions();
const ext = [...extensions.values()].find((e) => e.name.startsWith('ALIEN Dataflow'));
if (!ext) {
  console.error(`The extension did not load; check ${CHROME_BUILD}/manifest.json.`);
  await browser.close();
  process.exit(1);
}
console.log(`Chromium (${headless ? 'headless' : 'headed'}) is running with ALIEN Dataflow ${ext.version} loaded.`);
console.log(`Demo page: ${demo}`);
console.log(`Profile (recordings persist here): ${profile}`);

const shutdown = async () => {
  await browser.close().catch(() => undefined);
  await server.close();
  process.exit(0);
};

if (smoke || headless) {
  const popupTarget = browser.waitForTarget((t) => t.url().endsWith('/popup/popup.html'), { timeout: 10_000 });
  await page.triggerExtensionAction(ext);
  const popup = await (await popupTarget).asPage();
  await popup.waitForSelector('button');
  const shot = join(root, '.tmp', 'popup.png');
  mkdirSync(join(root, '.tmp'), { recursive: true });
  await popup.screenshot({ path: shot });
  console.log(`Popup opened; screenshot saved to ${shot}`);
}
if (smoke) await shutdown();
console.log('Press Ctrl+C to stop.');
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
browser.on('disconnected', () => void server.close().then(() => process.exit(0)));
