// One split's Parquet shards of one config: rows are buffered into row
// groups, flushed to disk as each fills (hyparquet-writer over our own file
// writer), and a shard is closed once it holds `shardSize` bytes. Shards are
// written under temporary names and renamed once their count is known.
import { rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ParquetWriter } from 'hyparquet-writer';
import { ParquetFileWriter } from './parquet-file-writer';
import { STEP_COLUMNS, parquetSchema, type Field } from '../core/dataset/columns';
import { hfParquetMetadata } from '../core/dataset/hf-features';
import type { SplitName } from '../core/dataset/split';

/** Row groups of about this much row data (or 128 rows): big enough for parallel readers, small enough to stay flat. */
const ROW_GROUP_BYTES = 4 * 1024 ** 2;
const ROW_GROUP_ROWS = 128;
/**
 * Columns written PLAIN: screenshots and DOM trees are unique per row, so a
 * dictionary never pays and deciding that costs a hash of every value.
 * Screenshots are PNGs, already compressed: stored as they are.
 */
const COLUMN_OPTIONS: Record<string, { encoding?: 'PLAIN'; codec?: 'UNCOMPRESSED'; statistics?: false }> = {
  image: { encoding: 'PLAIN', codec: 'UNCOMPRESSED', statistics: false },
  images: { encoding: 'PLAIN', codec: 'UNCOMPRESSED', statistics: false },
  observation: { encoding: 'PLAIN' },
};

/** The dataset could not be written (disk full, no permission): the whole pack stops; no source is to blame. */
export class OutputWriteError extends Error {}

/** Runs a write into the output, so that its failure stops the pack instead of being blamed on the zip being read. */
export function writingOutput<T>(what: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    throw new OutputWriteError(`cannot write ${what}: ${(error as Error).message}`, { cause: error });
  }
}

export class ShardWriter {
  private writer: ParquetWriter | null = null;
  private file: ParquetFileWriter | null = null;
  private shardBytes = 0;
  private rows: Record<string, unknown>[] = [];
  private rowBytes = 0;
  readonly files: string[] = [];

  constructor(private readonly dir: string, private readonly split: SplitName, private readonly shardSize: number, private readonly columns: Field[] = STEP_COLUMNS) {}

  add(row: Record<string, unknown>, bytes: number): void {
    this.rows.push(row);
    this.rowBytes += bytes;
    if (this.rows.length >= ROW_GROUP_ROWS || this.rowBytes >= ROW_GROUP_BYTES) this.flush();
  }

  private flush(): void {
    if (this.rows.length === 0) return;
    if (!this.writer) {
      const path = join(this.dir, `${this.split}-${this.files.length}.parquet.partial`);
      this.files.push(path);
      this.writer = writingOutput(path, () => {
        this.file = new ParquetFileWriter(path);
        return new ParquetWriter({
          writer: this.file, schema: parquetSchema(this.columns) as never, createdBy: 'alien-dataflow pack',
          // Typed for `datasets` in the file itself: load_dataset("parquet", data_dir=…) never reads the card.
          kvMetadata: [hfParquetMetadata(this.columns)],
        });
      });
    }
    const rows = this.rows;
    const writer = this.writer;
    this.writing(() => writer.write({ columnData: this.columns.map((c) => ({ name: c.name, data: rows.map((r) => r[c.name]), ...COLUMN_OPTIONS[c.name] })), rowGroupSize: rows.length }));
    this.shardBytes += this.rowBytes;
    this.rows = [];
    this.rowBytes = 0;
    if (this.shardBytes >= this.shardSize) this.close();
  }

  /** A write into the open shard; when it fails, the shard's file is closed so the pack can remove it. */
  private writing(write: () => void): void {
    try {
      writingOutput(this.files.at(-1)!, write);
    } catch (error) {
      this.file?.abandon();
      throw error;
    }
  }

  close(): void {
    this.flush();
    const writer = this.writer;
    if (writer) this.writing(() => writer.finish());
    this.writer = null;
    this.file = null;
    this.shardBytes = 0;
  }

  /** Closes the last shard and gives every shard its final name (`train-00000-of-00003.parquet`); returns `<config>/<name>`s. */
  async finish(): Promise<string[]> {
    this.close();
    const n = this.files.length;
    const names: string[] = [];
    for (let i = 0; i < n; i++) {
      const final = join(this.dir, `${this.split}-${String(i).padStart(5, '0')}-of-${String(n).padStart(5, '0')}.parquet`);
      await rename(this.files[i]!, final);
      names.push(`${basename(this.dir)}/${basename(final)}`);
    }
    return names;
  }
}
