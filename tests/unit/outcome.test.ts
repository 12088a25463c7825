// Outcome labels (issue 26, item 3): the failure step kept by seq becomes its
// step_id at export, unlabelled stays null everywhere, a manifest from anyone
// is read defensively, and `pack --outcome` / `format --outcome` keep only the
// tasks asked for, with `outcome` and `failure_step` read back by DuckDB.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { DuckDBInstance } from '@duckdb/node-api';
import { main } from '../../src/cli/main';
import { exportedOutcome, outcomeFromManifest, outcomeKept, parseOutcomeFilter, UNLABELLED } from '../../src/core/outcome';
import { toExportSteps, type StoredStep } from '../../src/core/stored-step';
import { writeTestExport } from './cli-exports';
import { step, task } from './fixtures';
import type { Task } from '../../src/core/task';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'adf-outcome-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const id = (n: number): string => `0000000${n}-0000-4000-8000-000000000000`;

function labelled(n: number, outcome?: Task['outcome']): { task: Task; steps: ReturnType<typeof step>[] } {
  const steps = [1, 2, 3].map((i) => step(i, { task_id: id(n), observation: { ...step(i).observation, screenshot_path: `images/${id(n)}/step_${i}.png` } }));
  return { task: task({ id: id(n), instruction: `Task ${n}`, stepCount: 3, ...(outcome ? { outcome } : {}) }), steps };
}

describe('outcome labels', () => {
  it('turn the failure step seq into its step_id, and name no step once it is deleted', () => {
    const stored = (seq: number, deleted = false): StoredStep => ({ taskId: id(1), seq, draftId: `d${seq}`, step: step(seq, { timestamp: seq }), imageId: null, redactions: {}, deleted });
    const out = toExportSteps([stored(1), stored(2, true), stored(3), stored(4)]);
    const bySeq = new Map(out.map((s) => [s.seq!, s.step.step_id]));
    expect(exportedOutcome({ outcome: 'failed', failureSeq: 4, note: 'wrong size', labelledAt: 1 }, (s) => bySeq.get(s)))
      .toEqual({ outcome: 'failed', failure_step: 3, outcome_note: 'wrong size' });
    expect(exportedOutcome({ outcome: 'partial', failureSeq: 2, note: '', labelledAt: 1 }, (s) => bySeq.get(s)))
      .toEqual({ outcome: 'partial', failure_step: null, outcome_note: null });
    expect(exportedOutcome(undefined, () => 1)).toEqual(UNLABELLED);
  });

  it('read a manifest defensively and filter unlabelled apart, never as succeeded', () => {
    expect(outcomeFromManifest({ outcome: 'failed', failure_step: 2, outcome_note: 'x' })).toMatchObject({ outcome: 'failed', failureSeq: 2, note: 'x' });
    expect(outcomeFromManifest({ outcome: 'done', failure_step: 2 })).toBeUndefined();
    expect(outcomeFromManifest({ outcome: null })).toBeUndefined();
    expect(outcomeFromManifest({ outcome: 'partial', failure_step: -1, outcome_note: 7 })).toMatchObject({ failureSeq: null, note: '' });
    expect(parseOutcomeFilter('failed, partial')).toEqual(['failed', 'partial']);
    expect(parseOutcomeFilter('done')).toMatch(/not done/);
    expect(outcomeKept(undefined, ['succeeded'])).toBe(false);
    expect(outcomeKept(undefined, ['unlabelled'])).toBe(true);
    expect(outcomeKept('failed', null)).toBe(true);
  });

  it('reach manifest.json, and pack --outcome failed keeps only failed tasks with outcome and failure_step', async () => {
    const zip = await writeTestExport(join(dir, 'labelled.zip'), [
      labelled(1, { outcome: 'failed', failureSeq: 2, note: 'picked the wrong cable', labelledAt: 1 }),
      labelled(2, { outcome: 'succeeded', failureSeq: null, note: '', labelledAt: 1 }),
      labelled(3),
      labelled(4, { outcome: 'failed', failureSeq: null, note: '', labelledAt: 1 }),
    ]);
    const manifest = JSON.parse(await (await JSZip.loadAsync(readFileSync(zip))).file('manifest.json')!.async('string'));
    expect(manifest.tasks.map((t: Record<string, unknown>) => [t.outcome, t.failure_step, t.outcome_note])).toEqual([
      ['failed', 2, 'picked the wrong cable'], ['succeeded', null, null], [null, null, null], ['failed', null, null],
    ]);

    const out = join(dir, 'failed');
    expect(await main(['pack', zip, '--out', out, '--outcome', 'failed', '--split', '1,0,0'])).toBe(0);
    const stats = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8'));
    expect(stats.tasks).toBe(2);
    expect(stats.filtered.map((f: { reason: string }) => f.reason)).toEqual([expect.stringMatching(/^outcome succeeded/), expect.stringMatching(/^outcome unlabelled/)]);
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = (await db.runAndReadAll(`SELECT task_id, step_id, outcome, failure_step FROM read_parquet('${join(out, 'data')}/*.parquet') ORDER BY task_id, step_id`)).getRowObjectsJson();
    expect(rows.map((r) => [r.task_id, r.outcome, r.failure_step])).toEqual([
      [id(1), 'failed', 2], [id(1), 'failed', 2], [id(1), 'failed', 2], [id(4), 'failed', null], [id(4), 'failed', null], [id(4), 'failed', null],
    ]);
    // The card types both columns for `datasets`.
    const card = readFileSync(join(out, 'README.md'), 'utf8');
    expect(card).toMatch(/- name: outcome\n\s+dtype: string/);
    expect(card).toMatch(/- name: failure_step\n\s+dtype: int32/);

    const all = join(dir, 'all');
    expect(await main(['pack', zip, '--out', all, '--split', '1,0,0'])).toBe(0);
    const every = (await db.runAndReadAll(`SELECT DISTINCT task_id, outcome FROM read_parquet('${join(all, 'data')}/*.parquet') ORDER BY task_id`)).getRowObjectsJson();
    expect(every.map((r) => r.outcome)).toEqual(['failed', 'succeeded', null, 'failed']);

    expect(await main(['pack', zip, '--out', join(dir, 'bad'), '--outcome', 'done'])).toBe(2);
    const log: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => { log.push(line); });
    expect(await main(['stats', zip, '--json'])).toBe(0);
    spy.mockRestore();
    expect(JSON.parse(log.join('\n'))).toMatchObject({ final_states: 0, outcomes: { failed: 2, succeeded: 1, unlabelled: 1 } });
    const fmt = join(dir, 'fmt');
    expect(await main(['format', zip, '--out', fmt, '--outcome', 'succeeded,unlabelled', '--window', '0'])).toBe(0);
    const ids = readFileSync(join(fmt, 'sharegpt.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id.split(':')[0]);
    expect(ids).toEqual([id(2), id(3)]);
    expect(readdirSync(fmt)).toContain('sharegpt.jsonl');
  });
});

describe('a hostile manifest label', () => {
  it('that names none of its steps makes pack leave the zip out with the reason (3 steps, failure_step 7 or 2^31, had reached the int32 Parquet column)', async () => {
    const zip = await writeTestExport(join(dir, 'hostile.zip'), [
      labelled(5, { outcome: 'failed', failureSeq: 2, note: '', labelledAt: 1 }),
      labelled(6, { outcome: 'partial', failureSeq: 2, note: '', labelledAt: 1 }),
    ]);
    const z = await JSZip.loadAsync(readFileSync(zip));
    const manifest = JSON.parse(await z.file('manifest.json')!.async('string'));
    manifest.tasks[0].failure_step = 7;
    manifest.tasks[1].failure_step = 2 ** 31;
    z.file('manifest.json', JSON.stringify(manifest));
    const hostile = join(dir, 'hostile-label.zip');
    writeFileSync(hostile, await z.generateAsync({ type: 'nodebuffer' }));
    const said: string[] = [];
    const spies = (['log', 'error', 'warn'] as const).map((k) => vi.spyOn(console, k).mockImplementation((line: string) => { said.push(line); }));
    try {
      expect(await main(['pack', hostile, '--out', join(dir, 'hostile-out'), '--split', '1,0,0'])).toBe(1);
      expect(await main(['validate', hostile])).toBe(1);
    } finally {
      for (const s of spies) s.mockRestore();
    }
    expect(said.join('\n')).toMatch(/failure_step 7 names none of its 3 steps/);
    expect(said.join('\n')).toMatch(/failure_step 2147483648 names none of its 3 steps/);
  });
});
