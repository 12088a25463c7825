// Where pack writes its dialogue configs: in-process by default, or with
// --parallel in a worker thread of their own (dialogue-thread-main.ts), which
// on a second core runs beside the step rows. Measured on this 2-core machine
// (2,000 tasks, 1.2 GB): 16.5 s -> 12.1-13.3 s, but peak RSS 229 -> 338-358 MB
// (the thread's own heap and code, about 47 MB, and its copies of the
// screenshots: in-process the dialogue rows share the step rows' bytes). Tasks
// are posted with their screenshots (copied), at most OUTSTANDING_BYTES ahead
// of what the thread has written, so memory stays flat when it falls behind.
// Where the thread's script is not built (running from source), --parallel
// falls back to in-process.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DialogueShards, type DialogueOptions, type DialogueSink, type DialogueTask } from './dialogue-shards';
import { OutputWriteError } from './parquet-shards';

export type ToDialogueThread = { kind: 'task'; task: DialogueTask; bytes: number } | { kind: 'finish' };
export type FromDialogueThread = { kind: 'ack'; bytes: number } | { kind: 'finished' } | { kind: 'error'; message: string; output: boolean };

/** Screenshot bytes posted but not yet written: a few row groups' worth. */
const OUTSTANDING_BYTES = 8 * 1024 ** 2;

/** The built thread script, beside the CLI bundle or one folder up from its chunks; null when running from source. */
function threadScript(): URL | null {
  for (const relative of ['./dialogue-thread.mjs', '../dialogue-thread.mjs']) {
    const url = new URL(relative, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

export async function openDialogueSink(o: DialogueOptions, parallel: boolean): Promise<DialogueSink> {
  const script = parallel ? threadScript() : null;
  if (script) return new DialogueThread(script, o);
  const shards = await DialogueShards.open(o);
  return { add: async (t) => shards.add(t), finish: () => shards.finish(), abort: async () => undefined };
}

class DialogueThread implements DialogueSink {
  private readonly worker: Worker;
  private outstanding = 0;
  private failure: Error | null = null;
  private finished = false;
  private wake: (() => void)[] = [];

  constructor(script: URL, o: DialogueOptions) {
    this.worker = new Worker(script, { workerData: o });
    this.worker.on('message', (m: FromDialogueThread) => {
      if (m.kind === 'ack') this.outstanding -= m.bytes;
      else if (m.kind === 'finished') this.finished = true;
      // Whatever stopped it, the dataset cannot be written whole: an output failure, never blamed on a source.
      else this.failure = new OutputWriteError(m.output ? m.message : `cannot write the dialogue configs: ${m.message}`);
      this.notify();
    });
    this.worker.on('error', (error) => {
      this.failure ??= new OutputWriteError(`cannot write the dialogue configs: ${error.message}`);
      this.notify();
    });
    this.worker.on('exit', () => {
      if (!this.finished) this.failure ??= new OutputWriteError('cannot write the dialogue configs: their writer stopped');
      this.notify();
    });
  }

  private notify(): void {
    for (const w of this.wake.splice(0)) w();
  }

  private async until(ready: () => boolean): Promise<void> {
    while (!ready() && !this.failure) await new Promise<void>((r) => this.wake.push(r));
    if (this.failure) throw this.failure;
  }

  async add(t: DialogueTask): Promise<void> {
    await this.until(() => this.outstanding < OUTSTANDING_BYTES);
    const bytes = t.images.reduce((n, [, b]) => n + b.byteLength, 0) + 1;
    this.outstanding += bytes;
    this.worker.postMessage({ kind: 'task', task: t, bytes } satisfies ToDialogueThread);
  }

  async abort(): Promise<void> {
    this.finished = true;
    await this.worker.terminate();
  }

  async finish(): Promise<void> {
    this.worker.postMessage({ kind: 'finish' } satisfies ToDialogueThread);
    try {
      await this.until(() => this.finished);
    } finally {
      await this.worker.terminate();
    }
  }
}
