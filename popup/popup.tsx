// The popup: type the task, start and stop recording, export. The names
// "Task", "Start recording", "Stop recording" and "Export" are a contract that
// tests and users rely on.
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ExportProgress, RecordingState } from '../src/core/messages';
import { DIALOGUE_FORMATS, REPLAY_FORMAT } from '../src/core/formats/registry';
import type { Task } from '../src/core/task';
import { ask, send } from '../src/platform/messaging';
import { onNews } from '../src/platform/news';
import { openExtensionTab } from '../src/platform/tabs';
import { latestOnly } from '../src/ui/latest-only';
import { DEFAULT_PREFS, loadExportPrefs, saveExportPrefs, toExportOptions, type ExportPrefs } from '../src/platform/export-prefs';
import { count } from '../src/ui/count';
import '../src/ui/base.css';

/** An export silent this long may have lost its worker: the popup wakes it (see the effect below). */
const EXPORT_SILENCE_MS = 3000;
import './popup.css';

const STATUS_LABEL: Record<Task['status'], string> = { recording: 'recording', review: 'to review', confirmed: 'confirmed' };

/** "12 steps", or "12 of 14 steps stored" while the last ones are still being scrubbed. */
function stepsLabel(t: Task): string {
  const recorded = t.recordedCount ?? t.stepCount;
  if (recorded > t.stepCount) return `${t.stepCount} of ${recorded} steps stored`;
  return count(t.stepCount, 'step');
}

function App() {
  const [instruction, setInstruction] = useState('');
  const [recording, setRecording] = useState<RecordingState | null>(null);
  // Until the worker answers, the popup does not know: saying "Not recording" then would be wrong.
  const [known, setKnown] = useState(false);
  const [stepCount, setStepCount] = useState(0);
  const [recordedCount, setRecordedCount] = useState(0);
  const [tasks, setTasks] = useState<Task[]>([]);
  const [error, setError] = useState('');
  const [storageProblem, setStorageProblem] = useState<string | null>(null);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  /** When the export last said anything (or was started): a silence means its worker may have been stopped. */
  const heardAt = useRef(0);
  /**
   * The id of a start that did not go through, for the next press: its worker may have taken it before the
   * answers were lost, and the same id is then the same export, not a second zip.
   */
  const unanswered = useRef<string | null>(null);
  const [prefs, setPrefs] = useState<ExportPrefs>(DEFAULT_PREFS);
  const update = (patch: Partial<ExportPrefs>): void => {
    setPrefs((p) => {
      const next = { ...p, ...patch };
      void saveExportPrefs(next);
      return next;
    });
  };
  const toggleChosen = (id: string, on: boolean): void =>
    update({ chosen: on ? [...prefs.chosen.filter((x) => x !== id), id] : prefs.chosen.filter((x) => x !== id) });

  // The newest answer only: one begun before Start and answered after it must not say "Not recording".
  const refresh = useMemo(() => latestOnly(
    async () => ({ status: await ask<'recording/get'>({ kind: 'recording/get' }), tasks: (await ask<'tasks/list'>({ kind: 'tasks/list' })).tasks }),
    ({ status, tasks: listed }) => {
      setRecording(status.state);
      setKnown(true);
      setStepCount(status.stepCount);
      setRecordedCount(status.recordedCount);
      setStorageProblem(status.storageProblem);
      if (status.state) setInstruction(status.state.instruction);
      setTasks(listed);
    },
  ), []);

  useEffect(() => {
    void refresh().catch((e: unknown) => setError(String(e)));
    void loadExportPrefs().then(setPrefs);
    return onNews((news) => {
      if (news.kind === 'recording/changed') {
        setRecording(news.state);
        setStepCount(news.stepCount);
        setRecordedCount(news.recordedCount);
        void refresh();
      }
      if (news.kind === 'export/progress') {
        heardAt.current = Date.now();
        setProgress(news.progress);
        if (news.progress.phase === 'error') setError(news.progress.error ?? 'Export failed');
      }
    });
  }, []);

  /** A failed call is said in the popup, never left as a button that seems to do nothing. */
  const said = (label: string, work: () => Promise<void>) => async (): Promise<void> => {
    setError('');
    try {
      await work();
    } catch (e) {
      setError(`${label} did not go through: ${(e instanceof Error ? e.message : String(e)).replace(/\.$/, '')}. Try again.`);
    }
    await refresh().catch(() => undefined);
  };

  const start = said('Start recording', async () => {
    // Sent once: asked again, a lost answer could start a second task.
    const reply = await send<'recording/start'>({ kind: 'recording/start', instruction });
    if (!reply.ok) setError(reply.error);
  });

  // Stopping twice is stopping once: asked again while the worker stops or starts.
  const stop = said('Stop recording', async () => {
    await ask<'recording/stop'>({ kind: 'recording/stop' });
  });

  const exportZip = async (): Promise<void> => {
    setError('');
    const options = toExportOptions(prefs, new Set(tasks.map((t) => t.id)));
    if (prefs.scope === 'chosen' && options.taskIds?.length === 0) {
      setError('Choose at least one task to export, or export all finished tasks.');
      return;
    }
    // The id is ours, so the start can be asked again: a worker stopping or starting drops the message.
    const exportId = unanswered.current ?? crypto.randomUUID();
    heardAt.current = Date.now();
    setProgress({ exportId, phase: 'running', doneSteps: 0, totalSteps: 0, bytes: 0 });
    try {
      unanswered.current = exportId;
      const reply = await ask<'export/start'>({ kind: 'export/start', options, exportId });
      unanswered.current = null;
      if (!reply.ok) throw new Error(reply.error);
    } catch (e) {
      // Never left greyed out with no export under way.
      setProgress(null);
      setError(`Export did not go through: ${(e instanceof Error ? e.message : String(e)).replace(/\.$/, '')}. Try again.`);
    }
  };

  const cancel = async (): Promise<void> => {
    if (!progress?.exportId) return;
    const exportId = progress.exportId;
    // Asked again if lost: a cancel the worker never hears would let a resumed export save its zip after all.
    await ask<'export/cancel'>({ kind: 'export/cancel', exportId }).catch(() => undefined);
    if (unanswered.current === exportId) unanswered.current = null;
    // An export that no one runs any more (its worker stopped with it) sends no "cancelled": Export comes back.
    setProgress((p) => (p?.exportId === exportId && p.phase !== 'done' ? null : p));
  };

  const exporting = progress?.phase === 'running' || progress?.phase === 'waiting';
  // An export reports several times a second. Silent, its worker may have been stopped mid-export, and Chrome
  // starts a stopped worker only for an event: asking for the status is one, and a worker that starts runs the
  // cut-off export again (background/export-ledger).
  useEffect(() => {
    if (!exporting) return undefined;
    const timer = setInterval(() => {
      if (Date.now() - heardAt.current > EXPORT_SILENCE_MS) void refresh().catch(() => undefined);
    }, EXPORT_SILENCE_MS);
    return () => clearInterval(timer);
  }, [exporting]);
  const openPage = (path: string): void => void openExtensionTab(path);

  return (
    <main>
      <h1>{recording && <span class="rec-dot" aria-hidden="true" />}ALIEN Dataflow</h1>
      <section>
        <label class="field" for="task">
          Task
          <input
            id="task" type="text" value={instruction} disabled={!!recording}
            placeholder="e.g. Buy a USB-C cable under $10"
            onInput={(e) => setInstruction((e.target as HTMLInputElement).value)}
            onKeyDown={(e) => { if (e.key === 'Enter' && known && !recording) void start(); }}
          />
        </label>
        <div class="row">
          <button type="button" class="primary" disabled={!known || !!recording} onClick={() => void start()}>Start recording</button>
          <button type="button" disabled={!known || !recording} onClick={() => void stop()}>Stop recording</button>
        </div>
        {storageProblem && <p class="error" role="alert">{storageProblem}</p>}
        <p class="muted" role="status" aria-live="polite" id="status">
          {!known ? 'Checking…' : recording ? `Recording: ${recordedCount} recorded, ${stepCount} stored` : 'Not recording'}
        </p>
      </section>

      <section aria-labelledby="tasks-heading">
        <h2 id="tasks-heading" class="visually-hidden">Recorded tasks</h2>
        {tasks.length === 0 ? <p class="muted">No tasks recorded yet.</p> : (
          <ul class="tasks" aria-label="Recorded tasks">
            {tasks.slice(0, 20).map((t) => (
              <li key={t.id}>
                {prefs.scope === 'chosen' && t.status !== 'recording' ? (
                  <label class="instr" title={t.instruction}>
                    <input type="checkbox" checked={prefs.chosen.includes(t.id)} onChange={(e) => toggleChosen(t.id, (e.target as HTMLInputElement).checked)} />
                    {' '}{t.instruction}
                  </label>
                ) : <span class="instr" title={t.instruction}>{t.instruction}</span>}
                <span class="muted">{stepsLabel(t)} · {STATUS_LABEL[t.status]}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section>
        <div class="row">
          <button type="button" class="primary" disabled={exporting} onClick={() => void exportZip()}>Export</button>
          {exporting && <button type="button" onClick={() => void cancel()}>Cancel export</button>}
        </div>
        <details>
          <summary>Export options</summary>
          <div class="opts">
            <label>Tasks{' '}
              <select value={prefs.scope} onChange={(e) => update({ scope: (e.target as HTMLSelectElement).value as ExportPrefs['scope'] })}>
                <option value="all">All finished tasks</option>
                <option value="confirmed">Only confirmed tasks</option>
                <option value="chosen">Tasks I tick in the list</option>
              </select>
            </label>
            <fieldset>
              <legend>Files in the export</legend>
              {DIALOGUE_FORMATS.map((f) => (
                <label key={f.id}>
                  <input type="checkbox" checked={prefs.formats.includes(f.id)}
                    onChange={(e) => update({ formats: (e.target as HTMLInputElement).checked ? [...prefs.formats, f.id] : prefs.formats.filter((x) => x !== f.id) })} /> {f.label}
                </label>
              ))}
              <label><input type="checkbox" checked={prefs.replay} onChange={(e) => update({ replay: (e.target as HTMLInputElement).checked })} /> {REPLAY_FORMAT.label}</label>
            </fieldset>
            <label><input type="checkbox" checked={prefs.includeDom} onChange={(e) => update({ includeDom: (e.target as HTMLInputElement).checked })} /> Include pruned DOM in dialogues</label>
            <label>Action format{' '}
              <select value={prefs.actionStyle} onChange={(e) => update({ actionStyle: (e.target as HTMLSelectElement).value as ExportPrefs['actionStyle'] })}>
                <option value="json">JSON</option>
                <option value="call">click(element_id=…)</option>
                <option value="browsergym">BrowserGym: click('42')</option>
                <option value="pyautogui">pyautogui.click(x=0.19, y=0.2)</option>
              </select>
            </label>
            <label><input type="checkbox" checked={prefs.saveAs} onChange={(e) => update({ saveAs: (e.target as HTMLInputElement).checked })} /> Ask where to save</label>
          </div>
        </details>
        {progress && (
          <div aria-live="polite">
            <progress max={Math.max(progress.totalSteps, 1)} value={progress.doneSteps} aria-label="Export progress" />
            <p class="muted">
              {progress.phase === 'waiting' && `Scrubbing ${progress.pendingSteps ?? 0} screenshot${progress.pendingSteps === 1 ? '' : 's'} before the export…`}
              {progress.phase === 'running' && `Exporting ${progress.doneSteps}/${progress.totalSteps} steps… (runs in the background; you may close this popup)`}
              {progress.phase === 'done' && `Saved ${progress.filename} (${(progress.bytes / 1e6).toFixed(1)} MB)`}
              {progress.phase === 'cancelled' && 'Export cancelled.'}
            </p>
          </div>
        )}
        {error && <p class="error" role="alert">{error}</p>}
      </section>

      <footer>
        <a href="#" onClick={(e) => { e.preventDefault(); openPage('review/review.html'); }}>Review tasks</a>
        <a href="#" onClick={(e) => { e.preventDefault(); openPage('options/options.html'); }}>Settings</a>
      </footer>
    </main>
  );
}

render(<App />, document.getElementById('app')!);
