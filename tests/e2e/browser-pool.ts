// Browsers lent from one e2e file to the next: the broker. Each file runs in a process of its own, and launched its
// own browsers: 49 a run, on a run bound by CPU, each launch with the extension 2.1 CPU s (Chromium) to 4.8 s
// (Firefox) before any test work. scripts/e2e.mjs runs this broker, which launches browsers with
// default options on a DevTools port and lends them over HTTP on 127.0.0.1; tests/e2e/lent-browser is the files'
// side, which readies a browser for the next file before giving it back. A browser given back not ready, whose
// worker cannot be restarted, or whose process has ended, is not lent again.
import { rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import puppeteer, { type Page } from 'puppeteer-core';
import type { BrowserName } from '../../src/core/browser-name';
import { endSession, extensionPage, notTheWorker, startChromium, waitFor, workerStopper } from './harness';
import { extensionPopup, startFirefox } from './firefox-harness';

/** Where the files find the broker: its address, set in the environment the broker's process hands its files. */
export const POOL_ENV = 'ADF_BROWSER_POOL';

/** What a file is lent: where to connect, where downloads land, and storage.local as the extension had it at launch. */
export interface Loan { id: number; endpoint: string; downloads: string; pristine: Record<string, unknown>; lentBefore: number }

/** A browser the broker launched: its loan, whether its process still runs, and how to end it. */
export interface Pooled { loan: Loan; name: BrowserName; alive: boolean; end: () => Promise<void> }

/** How the broker launches a browser and readies one given back (true: lend it again); fakes in the unit tests. */
export interface PoolLaunchers {
  launch: (name: BrowserName, id: number) => Promise<Pooled>;
  refresh: (pooled: Pooled) => Promise<boolean>;
}

/** storage.local in an extension page of either browser. */
const localStorageArea = (page: Page): Promise<Record<string, unknown>> =>
  page.evaluate(() => ((globalThis as { browser?: typeof chrome }).browser ?? chrome).storage.local.get(null));

async function launchPooled(name: BrowserName, id: number): Promise<Pooled> {
  const started = name === 'chromium' ? await startChromium({ listen: true }) : await startFirefox();
  const { browser, downloads, folders } = started;
  const child = browser.process();
  try {
    const page = name === 'chromium' ? await extensionPage(browser) : await extensionPopup(browser);
    // Firefox's test script notes that it opened the popup tab before opening it; read once the note is stored.
    const pristine = await waitFor(async () => {
      const area = await localStorageArea(page);
      return name === 'chromium' || area.testOpened ? area : null;
    }, 10_000, 50);
    const loan = { id, endpoint: browser.wsEndpoint(), downloads, pristine, lentBefore: 0 };
    // Firefox's WebDriver BiDi takes one session at a time: the broker lets go of its own.
    await browser.disconnect();
    const pooled: Pooled = {
      loan, name, alive: true,
      end: async () => {
        pooled.alive = false;
        if (child && child.exitCode === null && child.signalCode === null) {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          // Its whole process group (puppeteer starts the browser detached), so no child writes the profile after.
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            child.kill('SIGKILL');
          }
          await exited;
        }
        for (const folder of folders) rmSync(folder, { recursive: true, force: true, maxRetries: 5 });
      },
    };
    child?.once('exit', () => { pooled.alive = false; });
    return pooled;
  } catch (error) {
    await endSession(browser, [], folders);
    throw error;
  }
}

/**
 * Stops Chromium's extension worker through a connection that does not attach to it (as detachWorker does), so the
 * next event starts it afresh; false if it was not seen stopped.
 */
async function restartChromiumWorker(endpoint: string): Promise<boolean> {
  const browser = await puppeteer.connect({ browserWSEndpoint: endpoint, targetFilter: notTheWorker });
  try {
    const stopper = await workerStopper(browser);
    const stopped = await stopper.stop();
    await stopper.close();
    return stopped;
  } finally {
    await browser.disconnect();
  }
}

const bodyOf = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return JSON.parse(text || '{}') as Record<string, unknown>;
};

/** How long a refresh may take before the browser is ended instead (a worker stop takes at most 8 s, by workerStopper's waits). */
const REFRESH_MS = 30_000;
const givingUp = (ms: number): Promise<false> => new Promise((resolve) => setTimeout(() => resolve(false), ms).unref());

/** The real browsers: Chromium's worker is stopped on its return (Firefox's background page is reloaded by the file). */
export const REAL_BROWSERS: PoolLaunchers = {
  launch: launchPooled,
  refresh: (pooled) => pooled.name === 'chromium' ? restartChromiumWorker(pooled.loan.endpoint).catch(() => false) : Promise.resolve(true),
};

/** Runs the broker on 127.0.0.1 and names it in the environment, for the test files this process starts. */
export async function startBrowserPool(launchers: PoolLaunchers = REAL_BROWSERS, refreshMs = REFRESH_MS): Promise<{ close: () => Promise<void>; counts: () => { launched: number; reused: number } }> {
  const all = new Map<number, Pooled>();
  const idle: Pooled[] = [];
  /** Ids lent and not yet given back: a second return of one is refused, never lent twice. */
  const out = new Set<number>();
  let next = 1;
  let reused = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await bodyOf(req);
      if (req.url === '/borrow') {
        const name = body.browser as BrowserName;
        const at = idle.findIndex((p) => p.name === name && p.alive);
        if (name !== 'chromium' && name !== 'firefox') throw new Error(`no such browser: ${String(name)}`);
        const found = at >= 0 ? idle.splice(at, 1)[0]! : await launchers.launch(name, next++);
        if (at >= 0) {
          reused++;
          found.loan.lentBefore++;
        }
        all.set(found.loan.id, found);
        out.add(found.loan.id);
        return found.loan;
      }
      if (req.url === '/return') {
        const found = all.get(Number(body.id));
        if (!found || !out.delete(found.loan.id)) throw new Error(`browser ${String(body.id)} is not out on loan`);
        // A refresh that hangs ends the browser rather than hold the file (and the run's end) waiting.
        const ready = body.ready === true && found.alive && await Promise.race([launchers.refresh(found), givingUp(refreshMs)]);
        if (ready && found.alive) idle.push(found);
        else await found.end();
        return { ok: true };
      }
      throw new Error(`unknown request ${req.url}`);
    })().then((reply) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply));
    }, (error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  process.env[POOL_ENV] = `http://127.0.0.1:${port}`;
  return {
    counts: () => ({ launched: next - 1, reused }),
    close: async () => {
      delete process.env[POOL_ENV];
      await new Promise((resolve) => server.close(resolve));
      for (const pooled of all.values()) await pooled.end();
    },
  };
}

