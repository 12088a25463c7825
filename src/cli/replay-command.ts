// `replay`: each task replayed in Chromium (replay.ts), per step ok / failed / skipped with its
// reason; a JSON report and a copy of the export annotated with the results on request.
import { writeFile } from 'node:fs/promises';
import { command } from './command';
import { annotateExport, replay } from './replay';
import { sameFile } from './same-file';
import { UsageError } from './usage-error';
import { print } from './terminal-output';

export const replayCommand = command({
  needs: { operands: ['<export.zip>'] },
  flags: {
    report: { type: 'string' }, annotate: { type: 'string' }, task: { type: 'string' }, headed: { type: 'boolean' },
    timeout: { type: 'string' }, yes: { type: 'boolean' }, hosts: { type: 'string' },
  },
  synopsis: [
    '[--report out.json] [--annotate copy.zip] [--task ID] [--headed] [--timeout ms]',
    '[--yes | --hosts host[:port],…]   (every host the replay touches is asked about, loopback too)',
  ],
  async run([zip], values, limits) {
    const timeout = values.timeout ? Number(values.timeout) : 5000;
    if (!(timeout > 0)) throw new UsageError('--timeout is a number of milliseconds');
    const hosts = values.hosts?.split(',').map((h) => h.trim()).filter(Boolean);
    const report = await replay(zip, { task: values.task, headed: !!values.headed, timeout, yes: !!values.yes, hosts, limits, log: (l) => print(l) });
    const s = report.summary;
    print(`replayed ${report.tasks.length} task(s): ${s.ok} ok, ${s.failed} failed, ${s.skipped} skipped`);
    if (values.report) {
      await writeFile(values.report, `${JSON.stringify(report, null, 2)}\n`);
      print(`report: ${values.report}`);
    }
    if (values.annotate) {
      if (await sameFile(zip, values.annotate)) throw new UsageError('--annotate writes a copy: give it another file name');
      await annotateExport(zip, values.annotate, report, limits);
      print(`annotated copy: ${values.annotate} (each step's replay status, each task's replay_score)`);
    }
    return 0;
  },
});
