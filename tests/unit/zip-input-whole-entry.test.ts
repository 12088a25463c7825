// zip-input reads small entries (manifest, scrub report, each final/<task>.json) whole, up to a fixed 64 MiB. A
// final state past it ended validate with '<path> is 70254592 bytes: too big to read whole': no limit named,
// unlike every other limit's error. The message now names it as the reader's fixed limits are named.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { main } from '../../src/cli/main';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'adf-whole-entry-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an entry read whole past its fixed limit', () => {
  it('names the limit and the entry, and exits 1', async () => {
    const id = '0b6f3c1e-9a4d-4e2b-8f1a-3c5d7e9f1a2b';
    const path = join(dir, 'big-final.zip');
    // Stored, not deflated: the compression-ratio limit would stop it first.
    const big = new Uint8Array(67 * 1024 ** 2).fill(0x61);
    writeFileSync(path, zipSync({ 'trajectory.jsonl': [strToU8(''), { level: 0 }], [`final/${id}.json`]: [big, { level: 0 }] }));
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((m: string) => { errors.push(String(m)); });
    try {
      expect(await main(['validate', path])).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(errors.join('\n')).toContain(`the whole-entry limit (64 MiB, fixed) exceeded by final/${id}.json (67 MiB)`);
  });
});
