// A streaming zip writer over fflate: entries are written one after another
// and output leaves in chunks, so an export never holds the whole archive in
// one buffer. PNGs are stored (already compressed); text is deflated.
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export type ChunkSink = (chunk: Uint8Array) => void;

const encoder = new TextEncoder();

export class ZipStream {
  private readonly zip: Zip;
  private failure: Error | null = null;
  private finished!: () => void;
  readonly done: Promise<void>;
  bytes = 0;

  constructor(sink: ChunkSink) {
    this.done = new Promise((resolve) => { this.finished = resolve; });
    this.zip = new Zip((err, data, final) => {
      if (err) {
        this.failure = err;
        return;
      }
      this.bytes += data.length;
      sink(data);
      if (final) this.finished();
    });
  }

  /** A whole file at once. */
  add(path: string, data: Uint8Array | string, compress = typeof data === 'string'): void {
    const entry = this.open(path, compress);
    entry.push(typeof data === 'string' ? encoder.encode(data) : data, true);
    this.check();
  }

  /** A file written in pieces (e.g. JSONL line by line); call `end()` once. */
  open(path: string, compress: boolean): { push: (data: Uint8Array, final?: boolean) => void; write: (text: string) => void; end: () => void } {
    const file = compress ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
    file.mtime = new Date();
    this.zip.add(file);
    return {
      push: (data, final = false) => file.push(data, final),
      write: (text) => file.push(encoder.encode(text), false),
      end: () => file.push(new Uint8Array(0), true),
    };
  }

  end(): Promise<void> {
    this.zip.end();
    this.check();
    return this.done;
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}
