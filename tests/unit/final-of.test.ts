// cli/zip-input's finalOf reads only a task's own final state from a zip anyone may have written: a
// final/<task>.json holding another task's id is none, and its screenshot is only its own final/<task>.png
// (a path naming a step's or another task's screenshot had brought that picture into the done turn,
// pack's final_image and scrub's rewritten zip).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { writeExport, inBatches } from '../../src/core/export-writer';
import { finalOf, openExport } from '../../src/cli/zip-input';
import { smallPng } from './cli-exports';
import { TASK_ID, step, task } from './fixtures';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'adf-final-of-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OTHER = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

/** An export of one task with a final state and its screenshot, then `edit` applied to final/<task>.json. */
async function zipWithFinal(name: string, edit: (final: { task_id: string; observation: { screenshot_path: string | null } }) => void): Promise<string> {
  const steps = [1, 2].map((i) => step(i));
  const chunks: Uint8Array[] = [];
  await writeExport({
    tasks: [task({ stepCount: 2, status: 'confirmed' })],
    steps: () => inBatches(steps.map((s) => ({ step: s, imageId: s.observation.screenshot_path, redactions: {} }))),
    image: async () => smallPng(),
    final: async () => ({ state: { task_id: TASK_ID, timestamp: 1, tab_id: 1, after_step: 2, observation: step(2).observation }, imageId: 'final-img' }),
  }, { formats: ['sharegpt'], actionStyle: 'json', includeDom: false, extensionVersion: '0.1.0', configHash: '0123456789abcdef', now: new Date(0) }, (c) => { chunks.push(c); });
  const zip = await JSZip.loadAsync(Buffer.concat(chunks));
  const path = `final/${TASK_ID}.json`;
  const final = JSON.parse(await zip.file(path)!.async('string'));
  edit(final);
  zip.file(path, JSON.stringify(final));
  const out = join(dir, name);
  writeFileSync(out, await zip.generateAsync({ type: 'nodebuffer' }));
  return out;
}

describe('finalOf', () => {
  it("reads a task's own final state and screenshot, and nothing another file names", async () => {
    const read = async (path: string): Promise<string | null | undefined> => {
      const exp = await openExport(path);
      try {
        return (await finalOf(exp, TASK_ID))?.observation.screenshot_path;
      } finally {
        await exp.close();
      }
    };
    expect(await read(await zipWithFinal('own.zip', () => undefined))).toBe(`final/${TASK_ID}.png`);
    // A step's screenshot named as the final one: the final state stays, without a screenshot.
    expect(await read(await zipWithFinal('step-shot.zip', (f) => { f.observation.screenshot_path = step(1).observation.screenshot_path; }))).toBeNull();
    // Another task's id in this task's file: no final state at all.
    expect(await read(await zipWithFinal('other-task.zip', (f) => { f.task_id = OTHER; }))).toBeUndefined();
  });
});
