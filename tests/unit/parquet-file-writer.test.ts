// The pack's Parquet file writer sends large pieces straight to the file and
// gathers small ones: whatever the mix, the file must read back exactly.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ParquetWriter } from 'hyparquet-writer';
import { parquetReadObjects } from 'hyparquet';
import { ParquetFileWriter } from '../../src/cli/parquet-file-writer';

const dir = mkdtempSync(join(tmpdir(), 'adf-pqw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bytes that differ by position and seed, so a misplaced or repeated piece shows. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed * 2654435761 >>> 0;
  for (let i = 0; i < length; i++) { x = (x * 1103515245 + 12345) >>> 0; out[i] = x >>> 24; }
  return out;
}

describe('ParquetFileWriter', () => {
  it('writes small and large values (over the direct-write size) that read back byte for byte', async () => {
    const path = join(dir, 'mixed.parquet');
    const sizes = [10, 70_000, 3, 2_000_000, 65_536, 0, 500_000, 1];
    const blobs = sizes.map((n, i) => noise(n, i + 1));
    const file = new ParquetFileWriter(path);
    const writer = new ParquetWriter({
      writer: file,
      schema: [
        { name: 'root', num_children: 2 },
        { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
        { name: 'blob', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
      ],
    });
    // Two row groups, as pack writes them.
    for (const [from, to] of [[0, 5], [5, sizes.length]] as const) {
      writer.write({
        columnData: [
          { name: 'id', data: sizes.slice(from, to).map((_n, k) => from + k) },
          { name: 'blob', data: blobs.slice(from, to), encoding: 'PLAIN', codec: 'UNCOMPRESSED' },
        ],
      });
    }
    writer.finish();
    const bytes = readFileSync(path);
    expect(file.offset).toBe(bytes.length);
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), utf8: false });
    expect(rows.map((r) => r.id)).toEqual(sizes.map((_n, i) => i));
    rows.forEach((r, i) => expect(Buffer.from(r.blob as Uint8Array).equals(Buffer.from(blobs[i]!))).toBe(true));
  });

  it('refuses to write once finished', () => {
    const file = new ParquetFileWriter(join(dir, 'closed.parquet'));
    file.appendUint32(1);
    file.finish();
    expect(() => file.appendBytes(noise(100_000, 9))).toThrow(/already closed/);
  });
});
