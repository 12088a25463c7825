// `stats` on a zip of two tasks counts each task's own final state once, read as format, scrub and pack read it
// (finalOf): it counted every final/*.json, so a file under one task's name holding the other's state counted that
// state twice, and a file of a task the zip does not hold counted too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { inBatches } from '../../src/core/export-writer';
import { runCli, writeExportFile } from './cli-run';
import { smallPng } from './cli-exports';
import { TASK_ID, step, task } from './fixtures';

const OTHER = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const STRANGER = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'adf-stats-finals-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Two tasks of two steps each; `withFinal` says which have a final state, as the extension exports them. */
async function twoTasks(name: string, withFinal: string[]): Promise<string> {
  const stepsOf = (id: string) => [1, 2].map((i) => step(i, {
    task_id: id, observation: { ...step(i).observation, screenshot_path: `images/${id}/step_${i}.png` },
  }));
  return writeExportFile(join(dir, name), {
    tasks: [task({ stepCount: 2 }), task({ id: OTHER, stepCount: 2, instruction: 'Find the opening hours' })],
    steps: (id) => inBatches(stepsOf(id).map((s) => ({ step: s, imageId: s.observation.screenshot_path, redactions: {} }))),
    image: async () => smallPng(),
    final: async (id) => (withFinal.includes(id)
      ? { state: { task_id: id, timestamp: 1, tab_id: 1, after_step: 2, observation: stepsOf(id)[1]!.observation }, imageId: `final-${id}` }
      : null),
  });
}

async function edited(path: string, name: string, edit: (zip: JSZip) => Promise<void>): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  await edit(zip);
  const out = join(dir, name);
  writeFileSync(out, await zip.generateAsync({ type: 'nodebuffer' }));
  return out;
}

async function statsOf(path: string): Promise<{ json: { tasks: number; final_states: number; outcomes: Record<string, number> }; text: string[] }> {
  const asJson = await runCli(['stats', path, '--json']);
  expect(asJson.status).toBe(0);
  const plain = await runCli(['stats', path]);
  expect(plain.status).toBe(0);
  return { json: JSON.parse(asJson.out), text: plain.out.split('\n') };
}

describe('stats counts final states per task', () => {
  it('one final state per task that has one, as exported', async () => {
    expect((await statsOf(await twoTasks('both.zip', [TASK_ID, OTHER]))).json).toMatchObject({ tasks: 2, final_states: 2 });
    const one = await statsOf(await twoTasks('one.zip', [TASK_ID]));
    expect(one.json).toMatchObject({ tasks: 2, final_states: 1 });
    expect(one.text.find((l) => l.startsWith('final states'))).toMatch(/^final states 1;/);
  });

  it("another task's final state under this task's name is not this task's, nor counted twice", async () => {
    const base = await twoTasks('one-only.zip', [TASK_ID]);
    // final/<OTHER>.json holding the first task's state, its screenshot beside it.
    const copied = await edited(base, 'copied.zip', async (zip) => {
      zip.file(`final/${OTHER}.json`, await zip.file(`final/${TASK_ID}.json`)!.async('string'));
      zip.file(`final/${OTHER}.png`, await zip.file(`final/${TASK_ID}.png`)!.async('uint8array'));
    });
    expect((await statsOf(copied)).json).toMatchObject({ tasks: 2, final_states: 1 });
    // A final state of a task this zip does not hold, under its own name: no task's.
    const stranger = await edited(base, 'stranger.zip', async (zip) => {
      const own = JSON.parse(await zip.file(`final/${TASK_ID}.json`)!.async('string'));
      zip.file(`final/${STRANGER}.json`, JSON.stringify({ ...own, task_id: STRANGER, observation: { ...own.observation, screenshot_path: null } }));
    });
    expect((await statsOf(stranger)).json).toMatchObject({ tasks: 2, final_states: 1 });
  });

  it('a task the manifest lists twice is one task in the outcomes', async () => {
    const twice = await edited(await twoTasks('listed.zip', [TASK_ID, OTHER]), 'twice.zip', async (zip) => {
      const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
      manifest.tasks.push(manifest.tasks[0]);
      zip.file('manifest.json', JSON.stringify(manifest));
    });
    const { json } = await statsOf(twice);
    expect(json.final_states).toBe(2);
    expect(Object.values(json.outcomes).reduce((a, b) => a + b, 0)).toBe(2);
  });
});
