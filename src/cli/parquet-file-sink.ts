// hyparquet-writer's byte writer, bound to one open file: its buffer is
// written out with one write per megabytes, through a descriptor opened once
// (the library's own file writer reopens the file for every 1 MB append), and
// starts large enough that a row group's pages do not grow it by doubling.
import { closeSync, openSync, writeSync } from 'node:fs';
import { ByteWriter } from 'hyparquet-writer';

const FLUSH_AT = 8 * 1024 ** 2;

export function parquetFileSink(path: string): ByteWriter {
  const writer = new ByteWriter(FLUSH_AT * 2);
  const fd = openSync(path, 'w');
  const flush = (): void => {
    if (writer.index > 0) writeSync(fd, new Uint8Array(writer.buffer, 0, writer.index));
    writer.index = 0;
  };
  const grow = writer.ensure.bind(writer);
  writer.ensure = (size: number): void => {
    if (writer.index > FLUSH_AT) flush();
    grow(size);
  };
  writer.finish = (): void => {
    flush();
    closeSync(fd);
  };
  // Called by the library after each row group: what is buffered goes to disk.
  (writer as ByteWriter & { flush?: () => void }).flush = flush;
  return writer;
}
