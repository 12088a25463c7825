// The reviewer's verdict on a task: succeeded, failed or partly done, the step
// where it went wrong, and a note. Radio buttons and a select, so arrows and
// Tab do it all; saved with one button (the worker scrubs the note).
import { useEffect, useState } from 'preact/hooks';
import type { Task } from '../src/core/task';
import type { StoredStep } from '../src/core/stored-step';
import type { Outcome, OutcomeInput } from '../src/core/outcome';

const CHOICES: { value: Outcome | null; label: string }[] = [
  { value: null, label: 'Not labelled' },
  { value: 'succeeded', label: 'Succeeded' },
  { value: 'failed', label: 'Failed' },
  { value: 'partial', label: 'Partly done' },
];

export const OUTCOME_LABEL: Record<Outcome, string> = { succeeded: 'succeeded', failed: 'failed', partial: 'partly done' };

interface Props {
  task: Task;
  /** The task's live steps in export order: "Step N" is step_id N in the zip. */
  steps: StoredStep[];
  onSave: (label: OutcomeInput) => void;
}

export function OutcomePanel({ task, steps, onSave }: Props) {
  const [outcome, setOutcome] = useState<Outcome | null>(task.outcome?.outcome ?? null);
  const [failureSeq, setFailureSeq] = useState<number | null>(task.outcome?.failureSeq ?? null);
  const [note, setNote] = useState(task.outcome?.note ?? '');
  // Another task chosen, or this one saved (its note comes back scrubbed): show what is stored.
  useEffect(() => {
    setOutcome(task.outcome?.outcome ?? null);
    setFailureSeq(task.outcome?.failureSeq ?? null);
    setNote(task.outcome?.note ?? '');
  }, [task.id, task.outcome?.labelledAt]);
  const locked = task.status === 'recording';
  const noStep = outcome === null || outcome === 'succeeded';
  return (
    <fieldset class="outcome" disabled={locked}>
      <legend>Outcome</legend>
      <div role="radiogroup" aria-label="Task outcome" class="choices">
        {CHOICES.map((c) => (
          <label key={c.label} class={`choice ${c.value ?? 'none'}`}>
            <input type="radio" name="outcome" value={c.value ?? ''} checked={outcome === c.value} onChange={() => setOutcome(c.value)} />
            {c.label}
          </label>
        ))}
      </div>
      <label for="failure-step">Step where it went wrong</label>
      <select
        id="failure-step" disabled={noStep} value={noStep || failureSeq === null ? '' : String(failureSeq)}
        onChange={(e) => { const v = (e.target as HTMLSelectElement).value; setFailureSeq(v ? Number(v) : null); }}
      >
        <option value="">None</option>
        {steps.map((s, i) => <option key={s.seq} value={String(s.seq)}>Step {i + 1}: {s.step.thought_trace.slice(0, 80)}</option>)}
      </select>
      <label for="outcome-note">Outcome note</label>
      <textarea id="outcome-note" value={note} maxLength={2000} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      <div>
        <button type="button" onClick={() => onSave({ outcome, failureSeq: noStep ? null : failureSeq, note })}>Save outcome</button>
      </div>
    </fieldset>
  );
}
