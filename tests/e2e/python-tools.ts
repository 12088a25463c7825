// The real Python tools a dataset's users load it with (`datasets`, pyarrow),
// installed into a virtual environment from the machine's own Python index,
// once per machine: it lives in the user's cache (as npm's and pip's do), so a
// fresh clone does not spend minutes of its test run installing them again.
// Where Python or its index is missing, the tests that need them are skipped,
// saying why.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './harness';

const run = promisify(execFile);
const PACKAGES = ['datasets', 'pyarrow', 'pillow'];
/** ALIEN_PYTHON_TOOLS names another place (a clone's .tmp/, to start afresh). */
const VENV = process.env.ALIEN_PYTHON_TOOLS
  ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'alien-dataflow', `python-tools-${PACKAGES.join('-')}`);

let ready: Promise<{ python: string } | { skip: string }> | null = null;

async function install(): Promise<{ python: string } | { skip: string }> {
  const python = join(VENV, 'bin/python');
  try {
    if (!existsSync(python)) await run(process.env.PYTHON ?? 'python3', ['-m', 'venv', VENV], { timeout: 120_000 });
    // Installed already: checked by importing them (seconds), not by asking the index again.
    const have = await run(python, ['-c', 'import datasets, pyarrow, PIL'], { timeout: 120_000 }).then(() => true, () => false);
    // One retry, not pip's five with back-off: where the main index is unreachable and a local one serves (this
    // machine's), pip asked the main index five times per package, 30 packages: about 4 of the install's 4.5 minutes.
    if (!have) await run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--retries', '1', ...PACKAGES], { timeout: 600_000, maxBuffer: 16 * 1024 ** 2 });
    return { python };
  } catch (error) {
    const why = String((error as { stderr?: string }).stderr || (error as Error).message).trim().split('\n').slice(-2).join(' ');
    return { skip: `no Python with ${PACKAGES.join(', ')} here (python3 -m venv, then pip install from this machine's index): ${why}` };
  }
}

/** A Python with the packages above; started at most once per test process. */
export function pythonTools(): Promise<{ python: string } | { skip: string }> {
  ready ??= install();
  return ready;
}

/** Runs tests/e2e/python/load_pack.py: per config, what the first row's screenshots came back as; rows per messages file. */
export async function loadPack(python: string, dir: string, configs: string[], messages: string[]): Promise<{
  configs: Record<string, string>; parquet: Record<string, string>; messages: Record<string, number | string>;
  /** The default config's final screenshots (`PIL` when they load as images) and outcome values, per loader. */
  final: Record<string, string>; outcomes: Record<string, string[]>;
}> {
  const { stdout } = await run(python, [join(ROOT, 'tests/e2e/python/load_pack.py'), dir, ...configs, '--', ...messages], {
    timeout: 300_000, maxBuffer: 16 * 1024 ** 2, env: { ...process.env, HF_HUB_OFFLINE: '1', HF_DATASETS_OFFLINE: '1', HF_HOME: join(VENV, 'hf-home') },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}
