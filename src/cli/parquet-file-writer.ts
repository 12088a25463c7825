// The file side of a Parquet writer. hyparquet-writer's own fileWriter copies
// every byte into a growing buffer and reopens the file for each 1 MB append;
// packing writes gigabytes of screenshots, so here small pieces (headers,
// levels, short values) are gathered in one fixed buffer, while a large piece
// (a page of screenshots) goes straight to the open file without a copy.
import { closeSync, openSync, writeSync } from 'node:fs';
import { ByteWriter } from 'hyparquet-writer';
import { pageWritten } from './parquet-page-growth';

const BUFFER_BYTES = 1024 ** 2;
/** Pieces at least this big skip the buffer. */
const DIRECT_BYTES = 64 * 1024;

export class ParquetFileWriter extends ByteWriter {
  private fd: number | null;

  constructor(path: string) {
    super(BUFFER_BYTES);
    this.fd = openSync(path, 'w');
  }

  private writeOut(bytes: Uint8Array): void {
    if (this.fd === null) throw new Error('the Parquet file is already closed');
    for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at, bytes.length - at);
  }

  private drain(): void {
    if (this.index === 0) return;
    this.writeOut(new Uint8Array(this.buffer, 0, this.index));
    this.index = 0;
  }

  override ensure(size: number): void {
    if (this.index + size <= this.buffer.byteLength) return;
    this.drain();
    // A single small append larger than the buffer (never in practice): grow once to fit it.
    if (size > this.buffer.byteLength) {
      this.buffer = new ArrayBuffer(size);
      this.view = new DataView(this.buffer);
    }
  }

  override appendBytes(value: Uint8Array): void {
    if (value.length < DIRECT_BYTES) return super.appendBytes(value);
    this.drain();
    this.writeOut(value);
    this.offset += value.length;
    // Written synchronously: a page's buffer can take the next page.
    pageWritten(value);
  }

  override finish(): void {
    this.drain();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** Closes the file after a failed write, so the half-written shard can be removed. */
  abandon(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  override getBuffer(): ArrayBuffer {
    throw new Error('a Parquet file writer has no buffer to give');
  }

  override getBytes(): Uint8Array<ArrayBuffer> {
    throw new Error('a Parquet file writer has no bytes to give');
  }
}
