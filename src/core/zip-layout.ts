// The stable layout of an export zip, and the records that go into it.
import { SCHEMA_VERSION, type Step } from './schema';
import type { Task } from './task';
import { UNLABELLED, type ExportedOutcome } from './outcome';

export const ZIP_PATHS = {
  trajectory: 'trajectory.jsonl',
  // Dialogue files, replay files and dataset_info.json are named in formats/registry.
  manifest: 'manifest.json',
  scrubReport: 'scrub_report.json',
  stepSchema: 'schema/step.schema.json',
} as const;

/** One folder per task keeps step numbers readable and paths unique across tasks. */
export function screenshotPath(taskId: string, stepId: number): string {
  return `images/${taskId}/step_${stepId}.png`;
}

export function exportFilename(now: Date): string {
  const stamp = now.toISOString().replace(/[:]/g, '-').replace(/\..+$/, '');
  return `alien-dataflow-${stamp}.zip`;
}

export interface ManifestTask {
  task_id: string;
  instruction: string;
  status: Task['status'];
  confirmed: boolean;
  created_at: string;
  steps: number;
  screenshots: number;
  /** Share of replayable steps that replayed ok (replay --annotate); absent until a replay ran. */
  replay_score?: number;
  /** The reviewer's label (core/outcome): null until one is given, never succeeded by default. */
  outcome: ExportedOutcome['outcome'];
  failure_step: number | null;
  outcome_note: string | null;
  /** final/<task>.json, the page after the last action (core/final-state); null when none was taken. */
  final_state: string | null;
}

export interface Manifest {
  schema_version: string;
  extension_version: string;
  created_at: string;
  config_hash: string;
  /** Salted hash of the demonstrator's id; null when none was set. */
  demonstrator_hash?: string | null;
  counts: { tasks: number; steps: number; screenshots: number };
  files: string[];
  tasks: ManifestTask[];
}

export function buildManifest(input: {
  extensionVersion: string; createdAt: Date; configHash: string; files: string[]; demonstratorHash?: string | null;
  replayScores?: Record<string, number>;
  tasks: { task: Task; steps: Step[]; outcome?: ExportedOutcome; finalPath?: string | null }[];
}): Manifest {
  const tasks = input.tasks.map(({ task, steps, outcome, finalPath }) => ({
    task_id: task.id,
    instruction: task.instruction,
    status: task.status,
    confirmed: task.status === 'confirmed',
    created_at: new Date(task.createdAt).toISOString(),
    steps: steps.length,
    screenshots: steps.filter((s) => s.observation.screenshot_path !== null).length,
    ...(input.replayScores?.[task.id] !== undefined ? { replay_score: input.replayScores[task.id] } : {}),
    ...(outcome ?? UNLABELLED),
    final_state: finalPath ?? null,
  }));
  return {
    schema_version: SCHEMA_VERSION,
    extension_version: input.extensionVersion,
    created_at: input.createdAt.toISOString(),
    config_hash: input.configHash,
    demonstrator_hash: input.demonstratorHash ?? null,
    counts: {
      tasks: tasks.length,
      steps: tasks.reduce((n, t) => n + t.steps, 0),
      screenshots: tasks.reduce((n, t) => n + t.screenshots, 0),
    },
    files: input.files,
    tasks,
  };
}

/** One line of trajectory.jsonl: origin field order first, extras after. */
export function trajectoryLine(step: Step): string {
  const { task_id, step_id, timestamp, observation, thought_trace, action, ...rest } = step;
  const { screenshot_path, dom_tree, active_window, ...obsRest } = observation;
  const { type, coordinates, element_id, ...actRest } = action;
  return JSON.stringify({
    task_id, step_id, timestamp,
    observation: { screenshot_path, dom_tree, active_window, ...obsRest },
    thought_trace,
    action: { type, coordinates, element_id, ...actRest },
    ...rest,
  });
}
