// npm start -- --firefox: serve the demo page on 127.0.0.1 and open Firefox ESR
// with dist/firefox/ installed as a temporary add-on (through WebDriver BiDi,
// as the tests do). Headed when a display is available, headless otherwise.
// --smoke: install, open the demo page, and exit (checks a fresh setup).
import { existsSync } from 'node:fs';
import { FIREFOX_BUILD } from './build-paths.mjs';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { serveStatic } from './fixture-server.mjs';
import { headless, smoke } from './start-options.mjs';

const root = resolve(import.meta.dirname, '..');
const build = join(root, FIREFOX_BUILD);
const firefox = process.env.FIREFOX_PATH ?? ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p));

if (!firefox) {
  console.error('No Firefox found: install it (Debian: apt-get install -y firefox-esr) or set FIREFOX_PATH.');
  process.exit(1);
}
if (!existsSync(join(build, 'manifest.json'))) {
  console.error(`${FIREFOX_BUILD}/ is missing: run \`npm run build\` first (npm start does this for you).`);
  process.exit(1);
}

const server = await serveStatic(join(root, 'tests/fixtures'), Number(process.env.PORT ?? 0));
const browser = await puppeteer.launch({ browser: 'firefox', executablePath: firefox, headless });
const id = await browser.installExtension(build);
const page = (await browser.pages())[0] ?? (await browser.newPage());
const demo = `${server.url}/demo/index.html`;
await page.goto(demo);
console.log(`Firefox (${headless ? 'headless' : 'headed'}) is running with ALIEN Dataflow installed as ${id}.`);
console.log(`Demo page: ${demo}`);
console.log('Open the recorder from its toolbar button. A temporary add-on and its recordings last until Firefox closes.');

const shutdown = async () => {
  await browser.close().catch(() => undefined);
  await server.close();
  process.exit(0);
};
if (smoke) await shutdown();
console.log('Press Ctrl+C to stop.');
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
browser.on('disconnected', () => void server.close().then(() => process.exit(0)));
