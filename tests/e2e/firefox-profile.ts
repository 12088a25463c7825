// A Firefox profile that has started once, copied for each test launch. A new profile compiles Firefox's own
// scripts into its startup cache at every launch: measured here, 3 launches took 12.0-12.6 CPU s with new
// profiles against 6.5-7.6 s with copies of one that had started (about 1.7 CPU s and 1.5 s saved per launch,
// 38 launches per run). The copy holds no extension and no page's data: the template only opened about:blank.
// scripts/e2e.mjs makes the template once per run and names it in ADF_FIREFOX_TEMPLATE; a file run alone, without
// it, starts from a new profile as before.
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

const ENV = 'ADF_FIREFOX_TEMPLATE';
/** Written last: a template without it is unfinished and not used. */
const READY = '.adf-template-ready';
/** Firefox's profile locks: a copied lock naming a live process would make the copy "in use". */
const LOCKS = ['lock', '.parentlock', 'parent.lock'];

/** Starts Firefox once in a new profile and keeps the profile (locks removed); its folder, or null if it failed. */
export async function makeFirefoxTemplate(executablePath: string): Promise<string | null> {
  const dir = mkdtempSync(join(tmpdir(), 'adf-firefox-template-'));
  try {
    const browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true, userDataDir: dir });
    try {
      const page = await browser.newPage();
      await page.goto('about:blank');
    } finally {
      await browser.close();
    }
    for (const lock of LOCKS) rmSync(join(dir, lock), { force: true });
    if (!existsSync(join(dir, 'startupCache'))) throw new Error('no startup cache was written');
    writeFileSync(join(dir, READY), '');
    return dir;
  } catch (error) {
    console.log(`# Firefox profile template not made (each launch starts from a new profile): ${String(error)}`);
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

/** The template for child processes to use, by the environment. */
export function shareFirefoxTemplate(dir: string): void {
  process.env[ENV] = dir;
}

/** A copy of the run's template under `root`, for one launch; undefined (a new profile) when there is none. */
export function firefoxProfileCopy(root: string): string | undefined {
  const template = process.env[ENV];
  if (!template || !existsSync(join(template, READY))) return undefined;
  const dir = join(root, 'profile');
  cpSync(template, dir, { recursive: true });
  return dir;
}
