// hyparquet-writer builds each data page in a ByteWriter that starts at 1 KB
// and doubles, copying its whole buffer at every step: a 1 MB page of
// screenshots is copied about twenty times over in all and leaves ~4 MB of
// garbage. Pack writes gigabytes of such pages, so here a buffer that has
// outgrown 64 KB (only page data does) jumps straight to room for a whole
// page, and only the bytes in use are copied. Small buffers grow as before.
import { ByteWriter } from 'hyparquet-writer';

const BIG = 64 * 1024;
/** hyparquet-writer's default page size (1 MB) and one more screenshot's worth. */
const PAGE_ROOM = 1024 ** 2 + 512 * 1024;

let installed = false;

export function growPagesInOneStep(): void {
  if (installed) return;
  installed = true;
  ByteWriter.prototype.ensure = function ensure(this: ByteWriter, size: number): void {
    const needed = this.index + size;
    if (needed <= this.buffer.byteLength) return;
    const doubled = this.buffer.byteLength * 2;
    const next = Math.max(needed, doubled >= BIG ? Math.max(doubled, PAGE_ROOM) : doubled);
    const bigger = new ArrayBuffer(next);
    new Uint8Array(bigger).set(new Uint8Array(this.buffer, 0, this.index));
    this.buffer = bigger;
    this.view = new DataView(bigger);
  };
}
