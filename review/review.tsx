// Review: a human confirms each demonstration. Task list (search, delete),
// then each step of the chosen task: screenshot with the action drawn on it,
// editable thought, delete step, blur a region; confirm the task; export it.
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Task } from '../src/core/task';
import type { StoredStep } from '../src/core/stored-step';
import type { Box } from '../src/core/schema';
import { listTasks } from '../src/platform/db';
import { blurFinalRegion, blurRegion, deleteFinal, deleteStep, deleteTask, editThought, labelOutcome, liveSteps, setTaskStatus } from '../src/platform/review-store';
import { ask } from '../src/platform/messaging';
import { onNews } from '../src/platform/news';
import { loadExportPrefs, toExportOptions } from '../src/platform/export-prefs';
import { latestOnly } from '../src/ui/latest-only';
import { count } from '../src/ui/count';
import { StepCard } from './step-card';
import { ReplayPanel } from './replay-panel';
import { OUTCOME_LABEL, OutcomePanel } from './outcome-panel';
import { FinalCard } from './final-card';
import '../src/ui/base.css';
import './review.css';

const STATUS: Record<Task['status'], string> = { recording: 'recording', review: 'to review', confirmed: 'confirmed' };
const PAGE = 40;

/** Shows the next page of steps when it comes near the viewport; a button does the same by keyboard. */
function MoreSteps({ onVisible, left }: { onVisible: () => void; left: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return undefined;
    const io = new IntersectionObserver((e) => { if (e.some((x) => x.isIntersecting)) onVisible(); }, { rootMargin: '1200px' });
    io.observe(ref.current);
    return () => io.disconnect();
  }, [onVisible, left]);
  return <div ref={ref} class="more"><button type="button" onClick={onVisible}>Show more steps ({left} left)</button></div>;
}

function App() {
  const [tasks, setTasks] = useState<Task[]>([]);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState<string | null>(new URLSearchParams(location.search).get('task'));
  const [steps, setSteps] = useState<StoredStep[]>([]);
  const [versions, setVersions] = useState<Record<number, number>>({});
  const [status, setStatus] = useState('');
  // Cards are rendered a page at a time as the list scrolls: a 1,000-step task opens at once.
  const [shown, setShown] = useState(PAGE);
  const [blurStyle, setBlurStyle] = useState<{ mode: 'gaussian' | 'pixelate'; strength: number }>({ mode: 'gaussian', strength: 12 });

  // The newest read only: a task's steps read slowly must not land under the task chosen after it.
  const reloadTasks = useMemo(() => latestOnly(listTasks, setTasks), []);
  const reloadSteps = useMemo(() => latestOnly(async (taskId: string | null) => (taskId ? liveSteps(taskId) : []), setSteps), []);

  useEffect(() => {
    void reloadTasks();
    void ask<'config/get'>({ kind: 'config/get' }).then((c) => setBlurStyle({ mode: c.config.blur.mode, strength: c.config.blur.strength }));
    return onNews((news) => {
      if (news.kind === 'recording/changed') void reloadTasks();
      if (news.kind === 'export/progress' && news.progress.phase !== 'running' && news.progress.phase !== 'waiting') {
        setStatus(news.progress.phase === 'done' ? `Exported ${news.progress.filename}` : news.progress.error ?? news.progress.phase);
      }
    });
  }, []);

  useEffect(() => {
    setShown(PAGE);
    void reloadSteps(current);
    if (current) history.replaceState(null, '', `?task=${current}`);
  }, [current]);

  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? tasks.filter((t) => t.instruction.toLowerCase().includes(q) || STATUS[t.status].includes(q)) : tasks;
  }, [tasks, query]);
  const task = tasks.find((t) => t.id === current) ?? null;

  const act = async (what: string, fn: () => Promise<unknown>): Promise<void> => {
    try {
      await fn();
      setStatus(what);
    } catch (error) {
      setStatus(`Failed: ${String(error)}`);
    }
  };

  return (
    <div class="layout">
      <aside aria-label="Tasks">
        <h1>Review</h1>
        <label for="search">Search tasks</label>
        <input id="search" type="search" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        {visible.length === 0 ? <p class="empty">No tasks.</p> : (
          <ul class="task-list">
            {visible.map((t) => (
              <li key={t.id}>
                <button type="button" class="task" aria-current={t.id === current} onClick={() => setCurrent(t.id)}>
                  <span>{t.instruction}</span>
                  <span class="meta">{STATUS[t.status]}{t.outcome ? ` · ${OUTCOME_LABEL[t.outcome.outcome]}` : ''} · {count(t.stepCount, 'step')} · {new Date(t.createdAt).toLocaleString()}</span>
                </button>
                <button
                  type="button" aria-label={`Delete task ${t.instruction}`} disabled={t.status === 'recording'}
                  onClick={() => {
                    if (!confirm(`Delete "${t.instruction}" and its ${count(t.stepCount, 'step')}?`)) return;
                    void act('Task deleted', async () => {
                      await deleteTask(t.id);
                      if (current === t.id) setCurrent(null);
                      await reloadTasks();
                    });
                  }}
                >✕</button>
              </li>
            ))}
          </ul>
        )}
      </aside>
      <main>
        <p role="status" aria-live="polite" class="muted">{status}</p>
        {!task ? <p class="empty">Choose a task to review.</p> : (
          <>
            <div class="task-head">
              <h1>{task.instruction}</h1>
              <span class={`badge ${task.status}`}>{STATUS[task.status]}</span>
              <span class="muted">{count(steps.length, 'step')}</span>
              <button
                type="button" class="primary" disabled={task.status === 'recording'}
                onClick={() => void act(task.status === 'confirmed' ? 'Task back to review' : 'Task confirmed', async () => {
                  await setTaskStatus(task.id, task.status === 'confirmed' ? 'review' : 'confirmed');
                  await reloadTasks();
                })}
              >{task.status === 'confirmed' ? 'Unconfirm task' : 'Confirm task'}</button>
              <button
                type="button" disabled={task.status === 'recording'}
                onClick={() => void act('Exporting…', async () => {
                  // The formats and action style chosen in the popup apply here too.
                  const options = { ...toExportOptions(await loadExportPrefs(), new Set()), taskIds: [task.id], onlyConfirmed: false };
                  // Our own id: asked again if the worker drops the message as it stops or starts.
                  const reply = await ask<'export/start'>({ kind: 'export/start', options, exportId: crypto.randomUUID() });
                  if (!reply.ok) throw new Error(reply.error);
                })}
              >Export this task</button>
            </div>
            <OutcomePanel
              task={task} steps={steps}
              onSave={(label) => void act(label.outcome ? `Outcome saved: ${OUTCOME_LABEL[label.outcome]}` : 'Outcome cleared', async () => {
                await labelOutcome(task.id, label);
                await reloadTasks();
              })}
            />
            <ReplayPanel taskId={task.id} />
            {steps.length === 0 && <p class="empty">No steps.</p>}
            {steps.slice(0, shown).map((s, i) => (
              <StepCard
                key={`${s.taskId}:${s.seq}`} step={s} index={i} version={versions[s.seq] ?? 0}
                onThought={(text) => void act(`Thought for step ${i + 1} saved`, async () => {
                  await editThought(s.taskId, s.seq, text);
                  await reloadSteps(current);
                })}
                onDelete={() => void act(`Step ${i + 1} deleted`, async () => {
                  await deleteStep(s.taskId, s.seq);
                  await reloadSteps(current);
                  await reloadTasks();
                })}
                onBlur={(region: Box) => void act(`Region blurred in step ${i + 1}`, async () => {
                  await blurRegion(s, region, blurStyle);
                  setVersions((v) => ({ ...v, [s.seq]: (v[s.seq] ?? 0) + 1 }));
                  await reloadSteps(current);
                })}
              />
            ))}
            {shown < steps.length && <MoreSteps onVisible={() => setShown((n) => n + PAGE)} left={steps.length - shown} />}
            {shown >= steps.length && (
              <FinalCard
                taskId={task.id} version={task.stepCount}
                onBlur={(final, region: Box) => act('Region blurred in the final state', () => blurFinalRegion(final, region, blurStyle))}
                onDelete={(final) => act('Final state removed', () => deleteFinal(final.taskId))}
              />
            )}
          </>
        )}
      </main>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
