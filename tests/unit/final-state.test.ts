// The task's final state (issue 26, item 2): built through the steps' scrub
// boundary, written to final/<task>.json and its PNG beside trajectory.jsonl
// (which keeps one line per action), named in the manifest, seen by the done
// turn, checked by validate, and packed on the task's last row.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { DuckDBInstance } from '@duckdb/node-api';
import { main } from '../../src/cli/main';
import { buildFinal, finalDraftId, finalStateErrors, type FinalDraft } from '../../src/core/final-state';
import { taskExamples } from '../../src/core/formatters';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultConfig } from '../../src/core/scrub/default-config';
import { smallPng } from './cli-exports';
import { inBatches, writeExport } from '../../src/core/export-writer';
import { step, stepDraft, task, TASK_ID } from './fixtures';

const scrubber = createScrubber(defaultConfig(), null);
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'adf-final-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function finalDraft(): FinalDraft {
  const { action: _a, target: _t, pageWork: _p, ...page } = stepDraft();
  return {
    ...page, draftId: finalDraftId(TASK_ID, 1_700_000_009_000), timestamp: 1_700_000_009_000, final: true,
    title: 'Order placed for jane.roe@example.com', url: 'http://127.0.0.1/done?token=ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    axTree: "[1] document 'Shop'\n  [7] status 'Mail sent to jane.roe@example.com'",
  };
}

describe('final state', () => {
  it('goes through the steps\' scrub boundary, with its frame as a step\'s', () => {
    const image = { id: 'img-final', width: 300, height: 200, capturedAt: 1_700_000_008_900, fresh: true, redactions: { ocr: 1 } };
    const f = buildFinal({ draft: finalDraft(), tabId: 7, image, scrubber });
    const o = f.state.observation;
    expect(JSON.stringify(f.state)).not.toMatch(/jane\.roe|ghp_a/);
    expect(o.active_window).toMatch(/REDACTED/);
    expect(o.axtree).toMatch(/\[7\] status 'Mail sent to <REDACTED/);
    expect(o).toMatchObject({ screenshot_path: `final/${TASK_ID}.png`, screenshot_fresh: true, screenshot_captured_at: 1_700_000_008_900 });
    expect(f.redactions.ocr).toBe(1);
    expect(f.redactions.email).toBeGreaterThanOrEqual(2);
    const none = buildFinal({ draft: finalDraft(), tabId: 7, image: null, note: 'the tab was not visible at Stop', scrubber });
    expect(none.state.observation).toMatchObject({ screenshot_path: null, screenshot_fresh: false, screenshot_note: 'the tab was not visible at Stop' });
  });

  it('is final/<task>.json and .png in the zip, in the manifest and the done turn; validate and pack read it', async () => {
    const state = buildFinal({ draft: finalDraft(), tabId: 7, image: { id: 'final-img', width: 300, height: 200, capturedAt: 1, fresh: true, redactions: {} }, scrubber }).state;
    const steps = [step(1), step(2)];
    const chunks: Uint8Array[] = [];
    await writeExport(
      {
        tasks: [task({ status: 'confirmed' })],
        steps: () => inBatches(steps.map((s) => ({ step: s, imageId: s.observation.screenshot_path, redactions: {} }))),
        image: async () => smallPng(),
        final: async () => ({ state, imageId: 'final-img' }),
      },
      { formats: ['sharegpt', 'messages'], actionStyle: 'json', includeDom: false, extensionVersion: '0.1.0', configHash: '0123456789abcdef', now: new Date(0) },
      (c) => { chunks.push(c); },
    );
    const path = join(dir, 'with-final.zip');
    writeFileSync(path, Buffer.concat(chunks));
    const zip = await JSZip.loadAsync(readFileSync(path));
    expect(zip.file(`final/${TASK_ID}.png`)).not.toBeNull();
    const written = JSON.parse(await zip.file(`final/${TASK_ID}.json`)!.async('string'));
    expect(Object.keys(written)).toEqual(['task_id', 'timestamp', 'observation', 'tab_id', 'after_step']);
    expect(written).toMatchObject({ task_id: TASK_ID, after_step: 2, observation: { screenshot_path: `final/${TASK_ID}.png` } });
    expect(written.observation.dom_tree).toContain('<button id="42">');
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest.counts.steps).toBe(2);
    expect(manifest.tasks[0].final_state).toBe(`final/${TASK_ID}.json`);
    // trajectory.jsonl keeps one line per action.
    expect((await zip.file('trajectory.jsonl')!.async('string')).trim().split('\n')).toHaveLength(2);
    // The done turn (the last example of a confirmed task) shows the final screenshot and page.
    const share = (await zip.file('sharegpt.jsonl')!.async('string')).trim().split('\n').map((l) => JSON.parse(l));
    const done = share.at(-1);
    expect(done.images).toEqual([`final/${TASK_ID}.png`]);
    expect(done.conversations[0].value).toMatch(/^<image>|<image>/);
    expect(done.conversations.at(-1).value).toMatch(/complete/);
    expect(done.conversations[0].value).toContain(state.observation.url);
    // A task marked failed ends with no done turn.
    const failed = taskExamples(task({ status: 'confirmed', outcome: { outcome: 'failed', failureSeq: 2, note: '', labelledAt: 1 } }), steps, { actionStyle: 'json', includeDom: false }, state);
    expect(failed.flatMap((e) => e.turns).some((t) => t.answer.includes('complete'))).toBe(false);

    expect(await main(['validate', path])).toBe(0);
    const log: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => { log.push(line); });
    expect(await main(['stats', path])).toBe(0);
    spy.mockRestore();
    expect(log.join('\n')).toMatch(/final states 1; outcomes: unlabelled 1/);
    expect(finalStateErrors(`final/${TASK_ID}.json`, JSON.stringify({ ...written, observation: { ...written.observation, screenshot_path: 'final/x.png' } }), new Set()))
      .toEqual([expect.stringMatching(/is not its final\/<task>.png/)]);
    expect(finalStateErrors('final/other.json', JSON.stringify(written), new Set([`final/${TASK_ID}.png`]))).toEqual([expect.stringMatching(/holds task/)]);

    const out = join(dir, 'packed');
    expect(await main(['pack', path, '--out', out, '--split', '1,0,0'])).toBe(0);
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = (await db.runAndReadAll(`SELECT step_id, final_observation.url AS url, final_observation.screenshot_path AS shot, final_image.path AS img, octet_length(final_image.bytes) AS n FROM read_parquet('${join(out, 'data')}/*.parquet') ORDER BY step_id`)).getRowObjectsJson();
    expect(rows).toEqual([
      { step_id: 1, url: null, shot: null, img: null, n: null },
      { step_id: 2, url: state.observation.url, shot: `final/${TASK_ID}.png`, img: `${TASK_ID}.png`, n: expect.anything() },
    ]);
  });
});
