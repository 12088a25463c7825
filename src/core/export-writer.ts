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
import { taskExamples, datasetInfo, type FormatOptions } from './formatters';
import { DIALOGUE_FORMATS, REPLAY_FORMAT, formatLine, type DialogueFormatId } from './formats/registry';
import { framePath, recorderFlow } from './recorder-flow';
// The library's own parser and stringify: a flow that imports in DevTools, and the script it makes of it.
import { parse, stringify } from '@puppeteer/replay';

export type { ExportedStep as ExportStep } from './stored-step';

export interface ExportSource {
  tasks: Task[];
  /** A task's steps in export order, a batch at a time; `withDom: false` may leave dom_tree empty. */
  steps(taskId: string, withDom: boolean): AsyncIterable<ExportStep[]>;
  image(imageId: string): Promise<Uint8Array>;
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

export interface ExportSettings extends FormatOptions {
  /** Dialogue files to write (formats/registry). */
  formats: readonly DialogueFormatId[];
  /** Write replay/<task>.json (Recorder flow) and replay/<task>.puppeteer.js. */
  replay?: boolean;
  /** For formats that carry screenshots (OpenAI): under this URL prefix instead of inline data URLs. */
  imageUrlPrefix?: string;
  detail?: 'low';
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
  const counted: { task: Task; steps: Step[] }[] = [];
  const report: ScrubReport = { totals: {}, tasks: [] };
  // Screenshot path → image id, for OpenAI lines that carry the image itself.
  const imageIds = new Map<string, string>();
  const check = (): void => {
    if (cancelled()) throw new ExportCancelled();
  };

  // Pass 1: screenshots, stored as they are.
  for (const task of source.tasks) {
    const taskTotals: Record<string, number> = {};
    const perStep: { step_id: number; redactions: Record<string, number> }[] = [];
    const light: Step[] = [];
    for await (const batch of source.steps(task.id, false)) {
      for (const s of batch) {
        check();
        if (s.imageId && s.step.observation.screenshot_path) {
          zip.add(s.step.observation.screenshot_path, await source.image(s.imageId), false);
          files.push(s.step.observation.screenshot_path);
          imageIds.set(s.step.observation.screenshot_path, s.imageId);
        }
        addCounts(taskTotals, s.redactions);
        perStep.push({ step_id: s.step.step_id, redactions: s.redactions });
        // Keep only what the manifest needs, not the DOM trees.
        light.push({ ...s.step, observation: { ...s.step.observation, dom_tree: '' } });
        doneSteps++;
        progress({ doneSteps, totalSteps: Math.max(totalSteps, doneSteps), bytes: zip.bytes });
      }
    }
    addCounts(report.totals, taskTotals);
    report.tasks.push({ task_id: task.id, totals: taskTotals, steps: perStep });
    counted.push({ task, steps: light });
  }

  // trajectory.jsonl, streamed batch by batch. The frame path of each step's target is read from its tree here,
  // while the tree is at hand, for the replay flows written below from the light steps.
  const trajectory = zip.open(ZIP_PATHS.trajectory, true);
  const frames = new Map<string, number[] | undefined>();
  for (const task of source.tasks) {
    for await (const batch of source.steps(task.id, true)) {
      check();
      for (const s of batch) {
        trajectory.write(`${trajectoryLine(s.step)}\n`);
        if (settings.replay) frames.set(`${task.id}:${s.step.step_id}`, framePath(s.step.observation.dom_tree, s.step.action.element_id ?? s.step.target?.element_id ?? null));
      }
    }
  }
  trajectory.end();
  files.push(ZIP_PATHS.trajectory);

  // Dialogues: one line per example (a window of steps). Without DOM they need only the light steps kept for the manifest.
  const dialogue = async (path: string, line: (example: ReturnType<typeof taskExamples>[number]) => string | Promise<string>): Promise<void> => {
    const file = zip.open(path, true);
    for (const [i, task] of source.tasks.entries()) {
      check();
      const steps = settings.includeDom ? (await collect(source.steps(task.id, true))).map((s) => s.step) : counted[i]!.steps;
      for (const example of taskExamples(task, steps, settings)) file.write(`${await line(example)}\n`);
    }
    file.end();
    files.push(path);
  };
  for (const format of DIALOGUE_FORMATS.filter((f) => settings.formats.includes(f.id))) {
    await dialogue(format.file, (e) => formatLine(format, e, {
      prefix: settings.imageUrlPrefix, detail: settings.detail,
      bytes: async (path) => { const id = imageIds.get(path); return id ? source.image(id) : null; },
    }));
  }
  if (settings.replay) {
    for (const [i, task] of source.tasks.entries()) {
      check();
      const { flow } = recorderFlow(task.instruction, counted[i]!.steps, (s) => frames.get(`${task.id}:${s.step_id}`));
      const paths = REPLAY_FORMAT.files(task.id);
      zip.add(paths.flow, JSON.stringify(flow, null, 2));
      zip.add(paths.script, await stringify(parse(flow)));
      files.push(paths.flow, paths.script);
    }
  }
  if (settings.formats.includes('sharegpt')) {
    zip.add(ZIP_PATHS.datasetInfo, JSON.stringify(datasetInfo({ sharegpt: DIALOGUE_FORMATS[0]!.file }), null, 2));
    files.push(ZIP_PATHS.datasetInfo);
  }

  zip.add(ZIP_PATHS.stepSchema, JSON.stringify(stepJsonSchema(), null, 2));
  zip.add(ZIP_PATHS.scrubReport, JSON.stringify(report, null, 2));
  files.push(ZIP_PATHS.stepSchema, ZIP_PATHS.scrubReport, ZIP_PATHS.manifest);
  const manifest = buildManifest({
    extensionVersion: settings.extensionVersion, createdAt: settings.now, configHash: settings.configHash, files, tasks: counted,
    demonstratorHash: settings.demonstratorHash ?? null, replayScores: settings.replayScores,
  });
  zip.add(ZIP_PATHS.manifest, JSON.stringify(manifest, null, 2));
  await zip.end();
  progress({ doneSteps, totalSteps: Math.max(totalSteps, doneSteps), bytes: zip.bytes });
  return { steps: doneSteps, bytes: zip.bytes };
}
