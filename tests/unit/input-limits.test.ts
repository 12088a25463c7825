// Limits by meaning on what an input zip may cost: bytes inflated per zip,
// lines per file, screenshot pixels from the PNG header before decoding. Each
// error names its limit. The bombs run in a child process of the CLI, whose
// peak memory is measured (bench/report-peak-rss.cjs) and must stay under 300 MB.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { zipSync, strToU8 } from 'fflate';
import { openZip } from '../../src/cli/zip-reader';
import { checkPngHeader, DEFAULT_INPUT_LIMITS, limitLabel, limitsFrom, parseAmount } from '../../src/cli/input-limits';
import { pngHeader } from '../../src/core/png-header';
import { main } from '../../src/cli/main';
import { step, task } from './fixtures';
import { greyPng, smallPng, writeTestExport } from './cli-exports';

const ROOT = join(import.meta.dirname, '../..');
const PEAK_LIMIT = 300 * 1024 ** 2;
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'adf-limits-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The CLI from source in a child process, with its peak RSS (the whole process: threads too). */
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string; peak: number } {
  const run = spawnSync(process.execPath, ['--require', join(ROOT, 'bench/report-peak-rss.cjs'), '--import', 'tsx', join(ROOT, 'src/cli/entry.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  const peak = Number(/peak_rss_bytes=(\d+)/.exec(run.stderr)?.[1] ?? NaN);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, peak };
}

describe('limits, named', () => {
  it('reads amounts with binary suffixes and names a limit with its flag and value', () => {
    expect(parseAmount('4G')).toBe(4 * 1024 ** 3);
    expect(parseAmount('4GiB')).toBe(4 * 1024 ** 3);
    expect(parseAmount('64Mpixel')).toBe(64 * 1024 ** 2);
    expect(parseAmount('1000')).toBe(1000);
    expect(parseAmount('0')).toBeNull();
    expect(parseAmount('lots')).toBeNull();
    expect(limitLabel('maxInflatedBytes', DEFAULT_INPUT_LIMITS.maxInflatedBytes)).toBe('--max-inflated-bytes (default 4 GiB)');
    expect(limitLabel('maxLines', 500)).toBe('--max-lines 500');
    expect(limitLabel('maxImagePixels', DEFAULT_INPUT_LIMITS.maxImagePixels)).toBe('--max-image-pixels (default 64 Mpixel)');
    expect(limitsFrom({ 'max-lines': '20', 'max-inflated-bytes': '1M' })).toMatchObject({ maxLines: 20, maxInflatedBytes: 1024 ** 2 });
    expect(() => limitsFrom({ 'max-lines': 'many' })).toThrow(/--max-lines is a whole number/);
  });

  it('reads a PNG\'s size from its header, and refuses one too large, interlaced, or no PNG at all', () => {
    expect(pngHeader(smallPng())).toMatchObject({ width: 8, height: 6, interlaced: false });
    expect(pngHeader(strToU8('GIF89a and so on, long enough to be read'))).toEqual({ error: 'not a PNG' });
    const limits = DEFAULT_INPUT_LIMITS;
    expect(() => checkPngHeader('images/ok.png', smallPng(), limits)).not.toThrow();
    // Over the side limit though under the pixel limit, and the reverse.
    expect(() => checkPngHeader('images/tall.png', greyPng(1, 20_000), limits)).toThrow('--max-image-side (default 16,384) exceeded by images/tall.png (1 x 20000 pixels)');
    expect(() => checkPngHeader('images/wide.png', greyPng(9000, 9000).subarray(0, 40), limits)).toThrow('--max-image-pixels (default 64 Mpixel) exceeded by images/wide.png (9000 x 9000 pixels)');
    expect(() => checkPngHeader('images/i.png', greyPng(4, 4, true), limits)).toThrow(/interlaced/);
    expect(() => checkPngHeader('images/x.png', strToU8('<svg/>'), limits)).toThrow('images/x.png is not a PNG');
  });

  it('caps the bytes a zip may inflate in all, naming the entry that crossed the cap', async () => {
    const path = join(dir, 'sum.zip');
    writeFileSync(path, zipSync({ 'a.txt': strToU8('x'.repeat(600)), 'images/step_3.png': new Uint8Array(600) }, { level: 0 }));
    await expect(openZip(path, { maxInflatedBytes: 1000 })).rejects.toThrow(/^--max-inflated-bytes 1,000 bytes exceeded by images\/step_3\.png/);
    await (await openZip(path, { maxInflatedBytes: 1200 })).close();
    // On the command line, the flag and the zip are named.
    await writeTestExport(join(dir, 'small.zip'), [{ task: task({ stepCount: 2 }), steps: [step(1), step(2)] }]);
    expect(await main(['validate', join(dir, 'small.zip'), '--max-inflated-bytes', '2K'])).toBe(1);
  });

  it('caps the lines of a file (empty ones count), and reads just the head of an entry', async () => {
    const path = join(dir, 'lines.zip');
    writeFileSync(path, zipSync({ 't.jsonl': strToU8('a\n\n\nb\nc\n'), 'big.bin': new Uint8Array(1024 ** 2).fill(7) }));
    const read = async (maxLines: number): Promise<string[]> => {
      const zip = await openZip(path, { maxLines });
      const out: string[] = [];
      try {
        for await (const l of zip.lines('t.jsonl')) out.push(l);
      } finally {
        await zip.close();
      }
      return out;
    };
    expect(await read(5)).toEqual(['a', 'b', 'c']);
    await expect(read(4)).rejects.toThrow('--max-lines 4 exceeded by t.jsonl');
    const zip = await openZip(path);
    expect([...await zip.head('big.bin', 4)]).toEqual([7, 7, 7, 7]);
    expect((await zip.head('t.jsonl', 100)).length).toBe(8);
    await zip.close();
  });
});

describe('bombs, in the CLI\'s own process', () => {
  it('a PNG bomb: scrub refuses it from its header, naming the limit, under 300 MB', async () => {
    // 10,000 x 10,000 grey (100 Mpixel): 98 KB here, 400 MB of RGBA once pngjs decodes it, twice that enlarged for OCR.
    const bomb = greyPng(10_000, 10_000);
    expect(bomb.length).toBeLessThan(200_000);
    const steps = [1, 2, 3].map((i) => step(i));
    const input = await writeTestExport(join(dir, 'png-bomb.zip'), [{ task: task({ stepCount: 3 }), steps }], { image: (p) => (p.endsWith('step_3.png') ? bomb : smallPng()) });
    const out = join(dir, 'png-bomb-scrubbed.zip');
    const run = cli('scrub', input, out, '--config', join(ROOT, 'config/scrubber.yaml'));
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/--max-image-pixels \(default 64 Mpixel\) exceeded by images\/[\w-]+\/step_3\.png \(10000 x 10000 pixels\)/);
    expect(existsSync(out)).toBe(false);
    expect(run.peak).toBeLessThan(PEAK_LIMIT);
    console.log(`PNG bomb: scrub's peak RSS ${(run.peak / 1024 ** 2).toFixed(0)} MB`);
    // pack reads the same header before the screenshot goes into a dataset.
    const packed = cli('pack', input, '--out', join(dir, 'png-bomb-dataset'));
    expect(packed.status).toBe(1);
    expect(packed.stdout + packed.stderr).toMatch(/--max-image-pixels \(default 64 Mpixel\) exceeded by images\/[\w-]+\/step_3\.png/);
    expect(packed.peak).toBeLessThan(PEAK_LIMIT);
  }, 120_000);

  it('a line bomb: ten million lines in a 30 MB zip are refused at the line limit, under 300 MB', () => {
    // Stored, so no ratio check stops it: as strings in an array, ten million lines take well over 300 MB.
    const input = join(dir, 'line-bomb.zip');
    writeFileSync(input, zipSync({ 'trajectory.jsonl': strToU8('{}\n'.repeat(10_000_000)) }, { level: 0 }));
    for (const command of [['validate', input], ['pack', input, '--out', join(dir, 'line-bomb-dataset')]]) {
      const run = cli(...command);
      expect(run.status, run.stderr).toBe(1);
      expect(run.stdout + run.stderr).toContain('--max-lines (default 1,000,000) exceeded by trajectory.jsonl');
      expect(run.peak).toBeLessThan(PEAK_LIMIT);
      console.log(`line bomb: ${command[0]}'s peak RSS ${(run.peak / 1024 ** 2).toFixed(0)} MB`);
    }
  }, 120_000);
});

describe('validate on a zip of bad lines', () => {
  it('prints the first 100 problems and how many more, not one line per problem', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'adf-flood-')), 'flood.zip');
    writeFileSync(path, zipSync({ 'trajectory.jsonl': strToU8('{}\n'.repeat(5000)) }));
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { lines.push(a.map(String).join(' ')); });
    try {
      expect(await main(['validate', path])).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(lines.filter((l) => l.startsWith('error: ')).length).toBe(100);
    expect(lines.some((l) => /^… and \d+ more$/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^\d+ problems in /);
    expect(lines.length).toBeLessThan(110);
  });
});
