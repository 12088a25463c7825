// The replay report of the task under review: load the JSON that
// `alien-dataflow replay --report` wrote, see which steps reproduced, or read
// how to make one. The file is parsed against the report's schema.
import { useEffect, useState } from 'preact/hooks';
import { ReplayReportSchema, type ReplayReport } from '../src/core/replay-report';
import { loadTaskReplay, saveTaskReplay, type TaskReplay } from '../src/platform/replay-results';

export function ReplayPanel({ taskId }: { taskId: string }) {
  const [entry, setEntry] = useState<TaskReplay | null>(null);
  const [note, setNote] = useState('');

  useEffect(() => {
    setNote('');
    void loadTaskReplay(taskId).then(setEntry);
  }, [taskId]);

  const load = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    let parsed: ReplayReport;
    try {
      parsed = ReplayReportSchema.parse(JSON.parse(await file.text()));
    } catch (error) {
      setNote(`${file.name} is not a replay report: ${(error as Error).message.split('\n')[0]}`);
      return;
    }
    const mine = parsed.tasks.find((t) => t.task_id === taskId);
    if (!mine) {
      setNote(`${file.name} has no result for this task (it covers ${parsed.tasks.length} other task${parsed.tasks.length === 1 ? '' : 's'}).`);
      return;
    }
    await saveTaskReplay(taskId, mine);
    setEntry(mine);
    setNote(`Loaded ${file.name}.`);
  };

  const count = (s: string): number => entry?.steps.filter((x) => x.status === s).length ?? 0;
  return (
    <details class="replay" open={!!entry}>
      <summary>Replay{entry ? `: ${count('ok')} ok, ${count('failed')} failed, ${count('skipped')} skipped (score ${entry.score})` : ''}</summary>
      {!entry && (
        <p class="muted">
          To check that this task reproduces, export it and run{' '}
          <code>alien-dataflow replay export.zip --report replay.json</code>, then load the report here.
        </p>
      )}
      {entry && entry.steps.some((s) => s.status !== 'ok') && (
        <ul aria-label="Steps that did not replay">
          {entry.steps.filter((s) => s.status !== 'ok').map((s) => (
            <li key={s.step_id}><strong>Step {s.step_id}</strong> ({s.type}) {s.status}: {s.reason ?? 'no reason given'}</li>
          ))}
        </ul>
      )}
      <label class="row">Load replay report <input type="file" accept=".json,application/json" onChange={(e) => {
        const input = e.target as HTMLInputElement;
        const file = input.files?.[0];
        input.value = ''; // the same input takes the next file, even one with the same name
        void load(file);
      }} /></label>
      <p role="status" aria-live="polite">{note}</p>
    </details>
  );
}
