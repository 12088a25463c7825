// CLI `replay` on a zip that is no export: the same check, message and exit code (2, a usage error) as every other
// command's, through zip-input's trajectoryOf. replay had its own copy of the check, which exited 1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { main } from '../../src/cli/main';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'adf-replay-input-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('replay on a zip without a trajectory', () => {
  it('exits 2 as validate, stats and scrub do', async () => {
    const path = join(dir, 'not-an-export.zip');
    writeFileSync(path, zipSync({ 'notes.txt': strToU8('hello') }));
    expect(await main(['validate', path])).toBe(2);
    expect(await main(['replay', path, '--yes'])).toBe(2);
  });

  // trajectoryOf threw without closing the zip it had opened: replay (which had closed it itself before it used
  // trajectoryOf), scrub, stats and format each left a file handle open per zip without a trajectory.
  it.runIf(existsSync('/proc/self/fd'))('closes the zip it opened', async () => {
    const path = join(dir, 'no-trajectory.zip');
    writeFileSync(path, zipSync({ 'manifest.json': strToU8('{}') }));
    const open = (): number => readdirSync('/proc/self/fd').length;
    const before = open();
    for (const args of [['replay', path, '--yes'], ['scrub', path, join(dir, 'out.zip')], ['stats', path], ['format', path, '--out', dir]]) {
      expect(await main(args)).toBe(2);
    }
    expect(open()).toBe(before);
  });
});
