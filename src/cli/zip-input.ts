// Reading an export zip for the CLI.
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Manifest } from '../core/zip-layout';
import { ZIP_PATHS } from '../core/zip-layout';
import type { Task } from '../core/task';

export interface ExportZip {
  zip: JSZip;
  files: Set<string>;
  text(path: string): Promise<string | null>;
  manifest: Manifest | null;
}

export async function openExport(path: string): Promise<ExportZip> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(await readFile(path));
  } catch (error) {
    throw new Error(`${path} is not a readable zip: ${(error as Error).message}`, { cause: error });
  }
  const files = new Set(Object.keys(zip.files).filter((n) => !zip.files[n]!.dir));
  const text = async (p: string): Promise<string | null> => (await zip.file(p)?.async('string')) ?? null;
  const manifestText = await text(ZIP_PATHS.manifest);
  return { zip, files, text, manifest: manifestText ? (JSON.parse(manifestText) as Manifest) : null };
}

/** Tasks as the manifest lists them; tasks without a manifest entry get a placeholder instruction. */
export function tasksOf(manifest: Manifest | null, taskIds: string[]): Task[] {
  return taskIds.map((id) => {
    const m = manifest?.tasks.find((t) => t.task_id === id);
    return {
      id, instruction: m?.instruction ?? '(instruction unknown)', status: m?.status ?? 'review',
      createdAt: m ? Date.parse(m.created_at) : 0, endedAt: null, stepCount: m?.steps ?? 0,
    };
  });
}
