// The dialogue configs of a packed dataset (sharegpt/, messages/): each task's
// steps become training examples (windows of steps, a few screenshots each),
// written as Parquet rows beside the steps. Runs in pack's worker thread
// (dialogue-thread.ts), or in-process where that thread's script is not built.
import type { FinalState } from '../core/final-state';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Step } from '../core/schema';
import type { Task } from '../core/task';
import { SPLITS, type SplitName } from '../core/dataset/split';
import { taskExamples } from '../core/formatters';
import { PARQUET_DIALOGUES, type DialogueFormat } from '../core/formats/registry';
import type { ExportOptions } from '../core/export-options';
import { ShardWriter } from './parquet-shards';
import { growPagesInOneStep } from './parquet-page-growth';

/** Where and how big, and of the export options the formats and how examples are cut. */
export interface DialogueOptions extends Pick<ExportOptions, 'formats'>, Partial<Pick<ExportOptions, 'window' | 'maxImages' | 'coordinates' | 'includeDom' | 'observation'>> {
  out: string;
  shardSize: number;
}

/** One task for the dialogue configs: its steps (without `dom_tree` unless examples carry it) and screenshots by path. */
export interface DialogueTask {
  split: SplitName;
  task: Task;
  steps: Step[];
  images: [string, Uint8Array][];
  /** The task's final state (its screenshot among `images`): the done turn sees it. */
  final?: FinalState | null;
}

/** Where pack sends tasks for the dialogue configs: a worker thread, or these shards in-process. */
export interface DialogueSink {
  add(t: DialogueTask): Promise<void>;
  /** Closes every shard under its final name. */
  finish(): Promise<void>;
  /** Stops without finishing (the pack failed): the output folder is removed by the caller. */
  abort(): Promise<void>;
}

interface Config { row: NonNullable<DialogueFormat['parquet']>['row']; writers: Record<SplitName, ShardWriter> }

export class DialogueShards {
  private constructor(private readonly configs: Config[], private readonly o: DialogueOptions) {}

  static async open(o: DialogueOptions): Promise<DialogueShards> {
    growPagesInOneStep();
    const configs: Config[] = [];
    for (const format of PARQUET_DIALOGUES.filter((f) => o.formats.includes(f.id))) {
      const dir = join(o.out, format.id);
      await mkdir(dir, { recursive: true });
      const { columns, row } = format.parquet!;
      configs.push({ row, writers: Object.fromEntries(SPLITS.map((sp) => [sp, new ShardWriter(dir, sp, o.shardSize, columns)])) as Record<SplitName, ShardWriter> });
    }
    return new DialogueShards(configs, o);
  }

  add(t: DialogueTask): void {
    const byPath = new Map(t.images);
    for (const e of taskExamples(t.task, t.steps, { actionStyle: 'json', includeDom: this.o.includeDom ?? false, observation: this.o.observation, window: this.o.window, maxImages: this.o.maxImages, coordinates: this.o.coordinates }, t.final ?? null)) {
      const bytes = e.turns.reduce((n, turn) => n + turn.observation.length + turn.answer.length + (turn.image ? byPath.get(turn.image)?.byteLength ?? 0 : 0), 0);
      for (const c of this.configs) c.writers[t.split].add(c.row(e, byPath), bytes);
    }
  }

  async finish(): Promise<void> {
    for (const c of this.configs) for (const split of SPLITS) await c.writers[split].finish();
  }
}
