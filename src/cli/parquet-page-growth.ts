// hyparquet-writer builds each data page in a ByteWriter that starts at 1 KB
// and doubles, copying its whole buffer at every step: a 1 MB page of
// screenshots is copied about twenty times over in all and leaves ~4 MB of
// garbage. Pack writes gigabytes of such pages, so here a buffer that has
// outgrown 64 KB (only page data does) jumps straight to room for a whole
// page, and only the bytes in use are copied. Small buffers grow as before.
//
// A page-sized buffer is also used again once its page is in the file
// (`pageWritten`): a new ArrayBuffer is zero-filled and faulted in page by
// page, and 2,400 of them per 2.4 GB packed cost about 0.5 s and kept the
// garbage collector busy.
import { ByteWriter } from 'hyparquet-writer';

const BIG = 64 * 1024;
/** hyparquet-writer's default page size (1 MB) and one more screenshot's worth. */
const PAGE_ROOM = 1024 ** 2 + 512 * 1024;
/** Page buffers kept for reuse: pages are written one at a time, a few in flight at most. */
const MAX_SPARE = 4;

let installed = false;
/** Buffers this growth made: only those are ever reused (a caller's own bytes never are). */
const ours = new WeakSet<ArrayBuffer>();
const spare: ArrayBuffer[] = [];

function pageBuffer(): ArrayBuffer {
  const reused = spare.pop();
  if (reused) return reused;
  const made = new ArrayBuffer(PAGE_ROOM);
  ours.add(made);
  return made;
}

export function growPagesInOneStep(): void {
  if (installed) return;
  installed = true;
  ByteWriter.prototype.ensure = function ensure(this: ByteWriter, size: number): void {
    const needed = this.index + size;
    if (needed <= this.buffer.byteLength) return;
    const doubled = this.buffer.byteLength * 2;
    const next = Math.max(needed, doubled >= BIG ? Math.max(doubled, PAGE_ROOM) : doubled);
    const bigger = next === PAGE_ROOM ? pageBuffer() : new ArrayBuffer(next);
    new Uint8Array(bigger).set(new Uint8Array(this.buffer, 0, this.index));
    this.buffer = bigger;
    this.view = new DataView(bigger);
  };
}

/**
 * `bytes` were written to the file and nothing reads them again (a data or dictionary page handed to the file
 * writer, whose ByteWriter is then dropped): their buffer, if this growth made it, is used for a later page.
 */
export function pageWritten(bytes: Uint8Array): void {
  const buffer = bytes.buffer;
  if (buffer instanceof ArrayBuffer && ours.has(buffer) && spare.length < MAX_SPARE && !spare.includes(buffer)) spare.push(buffer);
}
