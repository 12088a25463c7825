// Writes an export zip from any source of tasks, steps and images: the
// extension's IndexedDB, or a zip read by the CLI. Steps come in batches, so
// memory holds a batch of steps and one image at a time: images first, then
// trajectory.jsonl batch by batch. Only the dialogue files hold a whole task,
// without its DOM trees unless they are asked for in the dialogues.
import type { Step } from './schema';
import type { ExportedStep as ExportStep } from './stored-step';
import { stepJsonSchema } from './schema';
import type { Task } from './task';
import { ZipStream, type ChunkSink } from './zip-stream';
import { ZIP_PATHS, buildManifest, trajectoryLine } from './zip-layout';
import { addCounts, type ScrubReport } from './scrub-report';
import { taskExamples } from './formatters';
import { FORMAT_LIST, formatLine, unknownFormat, type DialogueFormat, type TaskFilesFormat } from './formats/registry';
import type { TaskFilesWriter } from './formats/format';
import type { WriterOptions } from './export-options';
import { exportedOutcome, type ExportedOutcome } from './outcome';
import { finalPaths, finalStateJson, type ExportedFinal, type FinalState } from './final-state';

// One type, core/stored-step's `ExportedStep`; the CLI (src/cli) still imports it by this name.
export type { ExportedStep as ExportStep } from './stored-step';

export interface ExportSource {
  tasks: Task[];
  /** A task's steps in export order, a batch at a time; `withDom: false` may leave dom_tree empty. */
  steps(taskId: string, withDom: boolean): AsyncIterable<ExportStep[]>;
  image(imageId: string): Promise<Uint8Array>;
  /** The task's final state (core/final-state), if one was taken; `after_step` and its screenshot path are set here. */
  final?(taskId: string): Promise<ExportedFinal | null>;
}

/** An in-memory list as a source of batches (the CLI, tests). */
export async function* inBatches<T>(list: readonly T[], size = 100): AsyncIterable<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

async function collect(batches: AsyncIterable<ExportStep[]>): Promise<ExportStep[]> {
  const all: ExportStep[] = [];
  for await (const batch of batches) all.push(...batch);
  return all;
}

/** What to write (the export options, formats/registry) and the provenance that goes into the manifest. */
export interface ExportSettings extends WriterOptions {
  extensionVersion: string;
  configHash: string;
  /** Salted hash of the demonstrator's id (core/provenance), when one is set. */
  demonstratorHash?: string | null;
  /** Per task, the share of steps that replayed ok (replay --annotate). */
  replayScores?: Record<string, number>;
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
  const counted: { task: Task; steps: Step[]; outcome: ExportedOutcome; final: FinalState | null }[] = [];
  const report: ScrubReport = { totals: {}, tasks: [] };
  // Screenshot path → image id, for OpenAI lines that carry the image itself.
  const imageIds = new Map<string, string>();
  const check = (): void => {
    if (cancelled()) throw new ExportCancelled();
  };

  /** `counts`: where the final state's redactions are added, once its screenshot is read (a re-scrub counts OCR's there). */
  const writeFinal = async (taskId: string, steps: number, counts: { final?: Record<string, number> }): Promise<FinalState | null> => {
    const got = await source.final?.(taskId);
    if (!got) return null;
    const paths = finalPaths(taskId);
    const png = got.imageId ? paths.png : null;
    if (got.imageId && png) {
      zip.add(png, await source.image(got.imageId), false);
      files.push(png);
      imageIds.set(png, got.imageId);
    }
    const state: FinalState = { ...got.state, task_id: taskId, after_step: steps, observation: { ...got.state.observation, screenshot_path: png } };
    zip.add(paths.json, finalStateJson(state));
    files.push(paths.json);
    if (got.redactions) counts.final = { ...got.redactions };
    return { ...state, observation: { ...state.observation, dom_tree: '' } };
  };

  // Pass 1: screenshots, stored as they are.
  for (const task of source.tasks) {
    const taskTotals: Record<string, number> = {};
    const perStep: { step_id: number; redactions: Record<string, number> }[] = [];
    const light: Step[] = [];
    // The reviewer's failure step is kept by seq (the extension) or step_id (a zip): its step_id here.
    const stepIdBySeq = new Map<number, number>();
    for await (const batch of source.steps(task.id, false)) {
      for (const s of batch) {
        check();
        if (s.imageId && s.step.observation.screenshot_path) {
          zip.add(s.step.observation.screenshot_path, await source.image(s.imageId), false);
          files.push(s.step.observation.screenshot_path);
          imageIds.set(s.step.observation.screenshot_path, s.imageId);
        }
        stepIdBySeq.set(s.seq ?? s.step.step_id, s.step.step_id);
        addCounts(taskTotals, s.redactions);
        perStep.push({ step_id: s.step.step_id, redactions: s.redactions });
        // Keep only what the manifest needs, not the DOM trees.
        light.push({ ...s.step, observation: { ...s.step.observation, dom_tree: '' } });
        doneSteps++;
        progress({ doneSteps, totalSteps: Math.max(totalSteps, doneSteps), bytes: zip.bytes });
      }
    }
    // The final state after the steps: final/<task>.json (with its trees) and its PNG; the dialogues keep it light.
    const finalCounts: { final?: Record<string, number> } = {};
    const final = await writeFinal(task.id, light.length, finalCounts);
    if (finalCounts.final) addCounts(taskTotals, finalCounts.final);
    addCounts(report.totals, taskTotals);
    report.tasks.push({ task_id: task.id, totals: taskTotals, steps: perStep, ...finalCounts });
    counted.push({ task, steps: light, outcome: exportedOutcome(task.outcome, (seq) => stepIdBySeq.get(seq)), final });
  }

  // Per-task files (the replay flows) see each step while its tree is at hand, and are written from the light steps.
  const taskFiles = new Map<TaskFilesFormat, TaskFilesWriter>();
  for (const f of FORMAT_LIST) if (f.kind === 'task-files' && settings[f.option]) taskFiles.set(f, f.start());

  // trajectory.jsonl, streamed batch by batch.
  const trajectory = zip.open(ZIP_PATHS.trajectory, true);
  for (const task of source.tasks) {
    for await (const batch of source.steps(task.id, true)) {
      check();
      for (const s of batch) {
        trajectory.write(`${trajectoryLine(s.step)}\n`);
        for (const w of taskFiles.values()) w.see(task.id, s.step);
      }
    }
  }
  trajectory.end();
  files.push(ZIP_PATHS.trajectory);

  // Dialogues: one line per example (a window of steps). Without DOM they need only the light steps kept for the manifest.
  const dialogue = async (format: DialogueFormat): Promise<void> => {
    const file = zip.open(format.file, true);
    for (const [i, task] of source.tasks.entries()) {
      check();
      const steps = settings.includeDom ? (await collect(source.steps(task.id, true))).map((s) => s.step) : counted[i]!.steps;
      for (const example of taskExamples(task, steps, settings, counted[i]!.final)) {
        file.write(`${await formatLine(format, example, {
          prefix: settings.imageUrlPrefix, detail: settings.detail,
          bytes: async (path) => { const id = imageIds.get(path); return id ? source.image(id) : null; },
        })}\n`);
      }
    }
    file.end();
    files.push(format.file);
  };
  // Every chosen format in the registry's order.
  const written: { format: DialogueFormat; path: string }[] = [];
  for (const format of FORMAT_LIST) {
    switch (format.kind) {
      case 'dialogue':
        if (!settings.formats.includes(format.id)) break;
        await dialogue(format);
        written.push({ format, path: format.file });
        break;
      case 'task-files': {
        const writer = taskFiles.get(format);
        if (!writer) break;
        for (const [i, task] of source.tasks.entries()) {
          check();
          for (const f of await writer.files(task, counted[i]!.steps)) {
            zip.add(f.path, f.content);
            files.push(f.path);
          }
        }
        break;
      }
      case 'index': {
        const content = format.content(written);
        if (content === null) break;
        zip.add(format.file, content);
        files.push(format.file);
        break;
      }
      default:
        unknownFormat(format);
    }
  }

  zip.add(ZIP_PATHS.stepSchema, JSON.stringify(stepJsonSchema(), null, 2));
  zip.add(ZIP_PATHS.scrubReport, JSON.stringify(report, null, 2));
  files.push(ZIP_PATHS.stepSchema, ZIP_PATHS.scrubReport, ZIP_PATHS.manifest);
  const manifest = buildManifest({
    extensionVersion: settings.extensionVersion, createdAt: settings.now, configHash: settings.configHash, files,
    tasks: counted.map((c) => ({ ...c, finalPath: c.final ? finalPaths(c.task.id).json : null })),
    demonstratorHash: settings.demonstratorHash ?? null, replayScores: settings.replayScores,
  });
  zip.add(ZIP_PATHS.manifest, JSON.stringify(manifest, null, 2));
  await zip.end();
  progress({ doneSteps, totalSteps: Math.max(totalSteps, doneSteps), bytes: zip.bytes });
  return { steps: doneSteps, bytes: zip.bytes };
}
