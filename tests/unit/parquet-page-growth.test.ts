// Pack's change to how hyparquet-writer's buffers grow must not change a byte
// they hold: small buffers double as before, a page-sized one jumps once, and
// only a written page's own buffer is used again.
import { describe, expect, it } from 'vitest';
import { ByteWriter } from 'hyparquet-writer';
import { growPagesInOneStep, pageWritten } from '../../src/cli/parquet-page-growth';

describe('growPagesInOneStep', () => {
  it('keeps every byte, doubles small buffers, and gives a page-sized buffer room for a whole page at once', () => {
    growPagesInOneStep();
    const w = new ByteWriter();
    const expected: number[] = [];
    for (let i = 0; i < 300; i++) { w.appendUint8(i & 0xff); expected.push(i & 0xff); }
    expect(w.buffer.byteLength).toBe(1024); // untouched below the first kilobyte
    const piece = new Uint8Array(40_000).map((_v, i) => (i * 7) & 0xff);
    w.appendBytes(piece);
    expect(w.buffer.byteLength).toBe(40_300); // below 64 KB as before: doubled, or just what is needed
    w.appendBytes(piece);
    const afterBig = w.buffer.byteLength;
    expect(afterBig).toBeGreaterThanOrEqual(1.5 * 1024 ** 2); // one jump to room for a page
    for (let k = 0; k < 20; k++) w.appendBytes(piece.subarray(0, 30_000));
    expect(w.buffer.byteLength).toBe(afterBig); // a 1 MB page needs no further growth
    const bytes = w.getBytes();
    expect(bytes.length).toBe(300 + 80_000 + 600_000);
    expect(Array.from(bytes.subarray(0, 300))).toEqual(expected);
    expect(Buffer.from(bytes.subarray(300, 40_300)).equals(Buffer.from(piece))).toBe(true);
    expect(Buffer.from(bytes.subarray(40_300, 80_300)).equals(Buffer.from(piece))).toBe(true);
    expect(Buffer.from(bytes.subarray(80_300 + 570_000)).equals(Buffer.from(piece.subarray(0, 30_000)))).toBe(true);
  });

  it('uses a written page\'s buffer for the next page, and never a buffer it did not make', () => {
    growPagesInOneStep();
    const page = (fill: number): ByteWriter => {
      const w = new ByteWriter();
      // Screenshot by screenshot, as a page of them is built.
      for (let k = 0; k < 4; k++) w.appendBytes(new Uint8Array(25_000).fill(fill));
      return w;
    };
    const first = page(1);
    pageWritten(first.getBytes());
    const second = page(2);
    expect(first.buffer.byteLength).toBeGreaterThanOrEqual(1.5 * 1024 ** 2);
    expect(second.buffer === first.buffer).toBe(true); // the same memory, now holding the second page
    expect(second.getBytes().length).toBe(100_000);
    expect(second.getBytes().every((b) => b === 2)).toBe(true);

    // A caller's bytes of the very same size are not taken into the pool.
    const foreign = new Uint8Array(first.buffer.byteLength);
    pageWritten(foreign);
    pageWritten(second.getBytes());
    const third = page(3);
    expect(third.buffer === second.buffer).toBe(true);
    expect(page(4).buffer === foreign.buffer).toBe(false);
  });
});
