// The CLI reads zips someone else may have made: hostile names, bombs, lies
// about sizes and truncation get a clear error, never a crash or a write
// outside the output.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { openZip, unsafeEntryName, ZipError } from '../../src/cli/zip-reader';
import { main } from '../../src/cli/main';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'adf-zip-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** A zip whose central directory says `name` holds `size` bytes, whatever it really holds. */
function withDeclaredSize(zip: Uint8Array, size: number): Uint8Array {
  const out = Uint8Array.from(zip);
  const view = new DataView(out.buffer);
  for (let i = out.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return out;
}

describe('zip reader', () => {
  it('reads entries and the non-empty lines of a text entry', async () => {
    const path = write('ok.zip', zipSync({ 'a.txt': strToU8('one\n\ntwo\nthree'), 'images/x.png': new Uint8Array([1, 2, 3]) }));
    const zip = await openZip(path);
    expect([...zip.entries.keys()].sort()).toEqual(['a.txt', 'images/x.png']);
    const lines: string[] = [];
    for await (const l of zip.lines('a.txt')) lines.push(l);
    expect(lines).toEqual(['one', 'two', 'three']);
    expect([...(await zip.bytes('images/x.png'))]).toEqual([1, 2, 3]);
    await zip.close();
  });

  it('reads a long line that spans many chunks whole', async () => {
    const long = 'x'.repeat(3 * 1024 * 1024);
    const path = write('long.zip', zipSync({ 't.jsonl': strToU8(`${long}\nend\n`) }, { level: 0 }));
    const zip = await openZip(path);
    const lines: string[] = [];
    for await (const l of zip.lines('t.jsonl')) lines.push(l);
    expect(lines.map((l) => l.length)).toEqual([long.length, 3]);
    await zip.close();
  });

  it('reads stored entries in one go, and still reads one whose local header is longer than guessed', async () => {
    const image = Uint8Array.from({ length: 30_000 }, (_v, i) => (i * 7) & 255);
    const path = write('stored.zip', zipSync({
      'images/a.png': [image, { level: 0 }],
      // A local extra field far longer than the reader's guess: the one-read path gives way to the general one.
      'images/b.png': [image.subarray(1), { level: 0, extra: { 0xcafe: new Uint8Array(300).fill(9) } }],
      'images/c.png': [new Uint8Array(0), { level: 0 }],
    }));
    const zip = await openZip(path);
    expect(Buffer.from(await zip.bytes('images/a.png')).equals(Buffer.from(image))).toBe(true);
    expect(Buffer.from(await zip.bytes('images/b.png')).equals(Buffer.from(image.subarray(1)))).toBe(true);
    expect((await zip.bytes('images/c.png')).length).toBe(0);
    await zip.close();
  });

  it('refuses a stored entry whose two sizes disagree, and one whose local header is gone', async () => {
    const stored = zipSync({ 'images/a.png': [new Uint8Array(5000).fill(1), { level: 0 }] });
    await expect(openZip(write('two-sizes.zip', withDeclaredSize(stored, 9000)))).rejects.toThrow(/stored but declares two sizes/);
    const noHeader = Uint8Array.from(stored);
    noHeader.fill(0, 0, 4);
    const zip = await openZip(write('no-header.zip', noHeader));
    await expect(zip.bytes('images/a.png')).rejects.toThrow(/is corrupt/);
    await zip.close();
  });

  it.each([
    ['/etc/passwd', 'an absolute path'],
    ['..\\evil.txt', 'a backslash'],
    ['images/../../evil.txt', 'a ".." segment'],
    ['C:/evil.txt', 'a drive letter'],
    ['ok/name.png', null],
  ])('entry name %s: %s', (name, why) => {
    expect(unsafeEntryName(name)).toBe(why);
  });

  it('refuses a zip with an unsafe entry name, whole', async () => {
    const path = write('abs.zip', zipSync({ '/abs/trajectory.jsonl': strToU8('{}') }));
    await expect(openZip(path)).rejects.toThrow(/absolute path; refusing the whole zip/);
  });

  it('refuses a zip bomb from its directory, before inflating anything', async () => {
    const path = write('bomb.zip', zipSync({ 'trajectory.jsonl': new Uint8Array(64 * 1024 * 1024).fill(10) }));
    await expect(openZip(path)).rejects.toThrow(/zip bomb/);
  });

  it('stops an entry that inflates past its declared size', async () => {
    const real = zipSync({ 'trajectory.jsonl': strToU8('{"a":1}\n'.repeat(1000)) });
    const path = write('liar.zip', withDeclaredSize(real, 100));
    const zip = await openZip(path);
    await expect(zip.bytes('trajectory.jsonl')).rejects.toThrow(/past its declared/);
    await expect((async () => { for await (const l of zip.lines('trajectory.jsonl')) void l; })()).rejects.toThrow(/past its declared/);
    await zip.close();
  });

  it('says an entry whose deflate data is damaged does not inflate, read whole or by lines', async () => {
    const real = zipSync({ 'trajectory.jsonl': strToU8('{"step_id":1}\n'.repeat(2000)) });
    const damaged = real.slice();
    // The local header is 30 bytes plus the name; the deflate data follows. Overwrite a run of it.
    damaged.fill(0xff, 30 + 'trajectory.jsonl'.length + 2, 30 + 'trajectory.jsonl'.length + 40);
    const zip = await openZip(write('damaged.zip', damaged));
    await expect(zip.bytes('trajectory.jsonl')).rejects.toBeInstanceOf(ZipError);
    await expect((async () => { for await (const l of zip.lines('trajectory.jsonl')) void l; })()).rejects.toBeInstanceOf(ZipError);
    await zip.close();
  });

  it('says what is wrong with a file that is not a zip, or a truncated one', async () => {
    await expect(openZip(write('text.zip', strToU8('hello, not a zip at all')))).rejects.toBeInstanceOf(ZipError);
    const real = zipSync({ 'a.txt': strToU8('x'.repeat(5000)) }, { level: 0 });
    await expect(openZip(write('cut.zip', real.subarray(0, real.length - 40)))).rejects.toThrow(/directory|truncated|not a zip/);
  });
});

describe('CLI on hostile input', () => {
  it('refuses to write its output over its input, which stays intact', async () => {
    const path = write('same.zip', zipSync({ 'trajectory.jsonl': strToU8('') }));
    const before = readFileSync(path);
    expect(await main(['scrub', path, path, '--text-only'])).toBe(2);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('validate reports an unsafe zip clearly and exits 1', async () => {
    const path = write('evil.zip', zipSync({ '../../trajectory.jsonl': strToU8('{}') }));
    expect(await main(['validate', path])).toBe(1);
  });

  it('a failed scrub leaves no partial output', async () => {
    const path = write('bad.zip', zipSync({ 'trajectory.jsonl': strToU8('not json\n') }));
    const out = join(dir, 'out.zip');
    expect(await main(['scrub', path, out, '--text-only'])).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe('CLI scrub on a real export', () => {
  it('re-scrubs the task instruction with the steps, through the guarded reader', async () => {
    const { writeExport, inBatches } = await import('../../src/core/export-writer');
    const { step, task } = await import('./fixtures');
    const chunks: Uint8Array[] = [];
    const s = step(1, { observation: { ...step(1).observation, screenshot_path: null } });
    await writeExport(
      { tasks: [task({ instruction: 'Mail ops-lead@example-corp.net about the order', stepCount: 1 })], steps: () => inBatches([{ step: s, imageId: null, redactions: {} }]), image: async () => new Uint8Array() },
      { formats: ['sharegpt', 'messages'], actionStyle: 'json', includeDom: false, extensionVersion: 'test', configHash: 'x', now: new Date(0) },
      (chunk) => { chunks.push(chunk); },
    );
    const input = write('real.zip', Buffer.concat(chunks));
    const out = join(dir, 'real-scrubbed.zip');
    expect(await main(['scrub', input, out, '--text-only', '--config', join(import.meta.dirname, '../../config/scrubber.yaml')])).toBe(0);
    const zip = await openZip(out);
    const manifest = new TextDecoder().decode(await zip.bytes('manifest.json'));
    await zip.close();
    expect(manifest).not.toContain('ops-lead@example-corp.net');
    expect(manifest).toContain('Mail <REDACTED> about the order');
  });
});
