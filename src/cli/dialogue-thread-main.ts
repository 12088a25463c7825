// The worker thread that writes pack's dialogue configs. Its rows embed the
// same screenshots again (about as many bytes as data/), so on a machine with
// a second core, building and writing them here runs beside the step rows.
import { parentPort, workerData } from 'node:worker_threads';
import { DialogueShards, type DialogueOptions, type DialogueTask } from './dialogue-shards';
import { OutputWriteError } from './parquet-shards';
import type { FromDialogueThread, ToDialogueThread } from './dialogue-thread';

const port = parentPort!;
const tell = (m: FromDialogueThread): void => port.postMessage(m);
const opened = DialogueShards.open(workerData as DialogueOptions);
let failed = false;

port.on('message', (m: ToDialogueThread) => {
  void opened.then(async (shards) => {
    if (failed) return;
    if (m.kind === 'task') {
      shards.add(m.task as DialogueTask);
      tell({ kind: 'ack', bytes: m.bytes });
    } else {
      await shards.finish();
      tell({ kind: 'finished' });
    }
  }).catch((error: unknown) => {
    failed = true;
    tell({ kind: 'error', message: (error as Error).message, output: error instanceof OutputWriteError });
  });
});
