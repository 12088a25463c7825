// Writes an export zip from any source of tasks, steps and images: the
// extension's IndexedDB, or a zip read by the CLI. Images go first, one at a
// time, then each JSONL file is streamed task by task, so memory holds one
// task's steps and one image at once.
import type { Step } from './schema';
import { stepJsonSchema } from './schema';
import type { Task } from './task';
import { ZipStream, type ChunkSink } from './zip-stream';
import { ZIP_PATHS, buildManifest, trajectoryLine } from './zip-layout';
import { addCounts, type ScrubReport } from './scrub-report';
import { toShareGpt, toChatMessages, type FormatOptions } from './formatters';

export interface ExportStep { step: Step; imageId: string | null; redactions: Record<string, number> }

export interface ExportSource {
  tasks: Task[];
  steps(taskId: string): Promise<ExportStep[]>;
  image(imageId: string): Promise<Uint8Array>;
}

export interface ExportSettings extends FormatOptions {
  sharegpt: boolean;
  messages: boolean;
  extensionVersion: string;
  configHash: string;
  now: Date;
}

export interface ExportProgressInfo { doneSteps: number; totalSteps: number; bytes: number }

export class ExportCancelled extends Error {
  constructor() { super('export cancelled'); }
}

export async function writeExport(
  source: ExportSource, settings: ExportSettings, sink: ChunkSink,
  progress: (p: ExportProgressInfo) => void = () => undefined, cancelled: () => boolean = () => false,
): Promise<{ steps: number; bytes: number }> {
  const zip = new ZipStream(sink);
  const totalSteps = source.tasks.reduce((n, t) => n + t.stepCount, 0);
  let doneSteps = 0;
  const files: string[] = [];
  const counted: { task: Task; steps: Step[] }[] = [];
  const report: ScrubReport = { totals: {}, tasks: [] };
  const check = (): void => {
    if (cancelled()) throw new ExportCancelled();
  };

  // Pass 1: screenshots, stored as they are.
  for (const task of source.tasks) {
    const steps = await source.steps(task.id);
    const taskTotals: Record<string, number> = {};
    for (const s of steps) {
      check();
      if (s.imageId && s.step.observation.screenshot_path) {
        zip.add(s.step.observation.screenshot_path, await source.image(s.imageId), false);
        files.push(s.step.observation.screenshot_path);
      }
      addCounts(taskTotals, s.redactions);
      doneSteps++;
      progress({ doneSteps, totalSteps: Math.max(totalSteps, doneSteps), bytes: zip.bytes });
    }
    addCounts(report.totals, taskTotals);
    report.tasks.push({ task_id: task.id, totals: taskTotals, steps: steps.map((s) => ({ step_id: s.step.step_id, redactions: s.redactions })) });
    // Keep only what the manifest needs, not the DOM trees.
    counted.push({ task, steps: steps.map((s) => ({ ...s.step, observation: { ...s.step.observation, dom_tree: '' } })) });
  }

  // Pass 2..n: JSONL files, streamed task by task.
  const jsonl = async (path: string, lines: (task: Task, steps: ExportStep[]) => string[]): Promise<void> => {
    const file = zip.open(path, true);
    for (const task of source.tasks) {
      check();
      const steps = await source.steps(task.id);
      for (const line of lines(task, steps)) file.write(`${line}\n`);
    }
    file.end();
    files.push(path);
  };
  await jsonl(ZIP_PATHS.trajectory, (_task, steps) => steps.map((s) => trajectoryLine(s.step)));
  if (settings.sharegpt) await jsonl(ZIP_PATHS.sharegpt, (task, steps) => [JSON.stringify(toShareGpt(task, steps.map((s) => s.step), settings))]);
  if (settings.messages) await jsonl(ZIP_PATHS.messages, (task, steps) => [JSON.stringify(toChatMessages(task, steps.map((s) => s.step), settings))]);

  zip.add(ZIP_PATHS.stepSchema, JSON.stringify(stepJsonSchema(), null, 2));
  zip.add(ZIP_PATHS.scrubReport, JSON.stringify(report, null, 2));
  files.push(ZIP_PATHS.stepSchema, ZIP_PATHS.scrubReport, ZIP_PATHS.manifest);
  const manifest = buildManifest({
    extensionVersion: settings.extensionVersion, createdAt: settings.now, configHash: settings.configHash, files, tasks: counted,
  });
  zip.add(ZIP_PATHS.manifest, JSON.stringify(manifest, null, 2));
  await zip.end();
  progress({ doneSteps, totalSteps: Math.max(totalSteps, doneSteps), bytes: zip.bytes });
  return { steps: doneSteps, bytes: zip.bytes };
}
