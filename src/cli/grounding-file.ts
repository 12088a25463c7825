// `format --dialogues grounding`: grounding.jsonl, one line per screenshot of
// the chosen tasks' steps (core/formats/grounding), images by their zip path.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Step } from '../core/schema';
import { GROUNDING_FORMAT } from '../core/formats/registry';

/** Writes the file into `out` and returns its name. */
export async function writeGroundingFile(out: string, taskIds: readonly string[], steps: readonly Step[]): Promise<string> {
  const keep = new Set(taskIds);
  const lines: string[] = [];
  for (const s of steps) {
    if (!keep.has(s.task_id)) continue;
    const line = GROUNDING_FORMAT.line(s);
    if (line) lines.push(JSON.stringify(line));
  }
  await writeFile(join(out, GROUNDING_FORMAT.file), lines.length ? `${lines.join('\n')}\n` : '');
  return GROUNDING_FORMAT.file;
}
