// The `grounding` config of a packed dataset (grounding/): one Parquet row per
// screenshot with its elements' instructions and boxes (core/formats/grounding).
// Written in-process as the steps go by, since its rows need each step's
// dom_tree, which the dialogue configs' thread is sent only with
// --observation dom|both (pack leaves it out otherwise).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Step } from '../core/schema';
import { SPLITS, type SplitName } from '../core/dataset/split';
import { GROUNDING_FORMAT } from '../core/formats/registry';
import { ShardWriter } from './parquet-shards';

export class GroundingShards {
  /** Rows written per split, for the card's dataset_info. */
  readonly rows: Record<SplitName, number> = { train: 0, validation: 0, test: 0 };

  private constructor(private readonly writers: Record<SplitName, ShardWriter>) {}

  static async open(out: string, shardSize: number): Promise<GroundingShards> {
    const dir = join(out, GROUNDING_FORMAT.id);
    await mkdir(dir, { recursive: true });
    return new GroundingShards(Object.fromEntries(SPLITS.map((sp) => [sp, new ShardWriter(dir, sp, shardSize, GROUNDING_FORMAT.parquet.columns)])) as Record<SplitName, ShardWriter>);
  }

  /** The step's screenshot row, if it has elements to ground. */
  add(split: SplitName, step: Step, image: Uint8Array | null): void {
    const line = GROUNDING_FORMAT.line(step);
    if (!line || !image) return;
    this.writers[split].add(GROUNDING_FORMAT.parquet.row(line, image), image.byteLength + line.elements.length * 120);
    this.rows[split]++;
  }

  async finish(): Promise<void> {
    for (const split of SPLITS) await this.writers[split].finish();
  }
}
