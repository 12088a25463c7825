// Runs every tests/e2e/*.test.ts, each file in a process of its own, three at once, the slowest files first.
// `node --test` sorts its files by name, so a long file that sorts late (rendering-paths) started two thirds of the
// way through and ran alone at the end, on a machine that sat half idle meanwhile. Started first, it overlaps the
// rest. Run with `node --import tsx scripts/e2e.mjs` (npm run test:e2e builds first); E2E_CONCURRENCY overrides
// the three. One file: `node --import tsx --test tests/e2e/FILE.test.ts`, as before.
import { readdirSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from 'node:test';
import { tap } from 'node:test/reporters';

const DIR = fileURLToPath(new URL('../tests/e2e/', import.meta.url));

/**
 * The files that take longest, longest first (summed test time in a run of three at once on 2 cores, in s):
 * rendering-paths 396, hostile-pages 157, long-private-session 126, recorder 110, ui-libraries 106,
 * review-export 102, screenshot-policy 100. A file not listed runs after these, by name; a name here that no
 * longer exists is ignored.
 */
const SLOWEST_FIRST = [
  'rendering-paths', 'hostile-pages', 'long-private-session', 'recorder', 'ui-libraries', 'review-export',
  'screenshot-policy', 'worker-restart', 'text-leaks', 'long-session',
];

// Files named on the command line (`scripts/e2e.mjs tests/e2e/a.test.ts …`) run instead of all, ordered the same way.
const named = process.argv.slice(2).map((f) => resolve(f));
const files = named.length ? named : readdirSync(DIR).filter((f) => f.endsWith('.test.ts')).sort().map((f) => join(DIR, f));
const rank = (f) => {
  const i = SLOWEST_FIRST.indexOf(basename(f).replace(/\.test\.ts$/, ''));
  return i < 0 ? SLOWEST_FIRST.length : i;
};
const ordered = files.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);

const concurrency = Number(process.env.E2E_CONCURRENCY ?? 3);
if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`E2E_CONCURRENCY must be a whole number ≥ 1, not "${process.env.E2E_CONCURRENCY}"`);

// One Firefox start in a profile the test launches then copy (tests/e2e/firefox-profile.ts): about 1.7 CPU s less per launch.
const { FIREFOX, firefoxSkip } = await import('../tests/e2e/firefox-harness.ts');
const { makeFirefoxTemplate, shareFirefoxTemplate } = await import('../tests/e2e/firefox-profile.ts');
const template = firefoxSkip ? null : await makeFirefoxTemplate(FIREFOX);
if (template) shareFirefoxTemplate(template);

// Browsers with default options are lent from file to file (tests/e2e/browser-pool): E2E_POOL=0 launches one per file.
const { startBrowserPool } = await import('../tests/e2e/browser-pool.ts');
const pool = process.env.E2E_POOL === '0' ? null : await startBrowserPool();

const stream = run({ files: ordered, concurrency });
stream.on('test:fail', () => { process.exitCode = 1; });
stream.compose(tap).pipe(process.stdout);
stream.on('close', async () => {
  if (pool) {
    const { launched, reused } = pool.counts();
    console.log(`# browser pool: ${launched} launched, ${reused} lent again`);
    await pool.close();
  }
  if (template) rmSync(template, { recursive: true, force: true });
});
