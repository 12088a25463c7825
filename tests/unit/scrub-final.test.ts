// CLI `scrub` and `validate` on an export with a final state (core/final-state). Before: scrub checked every
// step's PNG header before anything decoded but not the final one's; what the new rules found in the final state
// was dropped, so scrub_report.json never counted it; and validate held every final/<task>.json's text until the
// end. Now the final PNG's header is checked with the steps' (before the scrubber loads), its redactions are
// counted under the task's `final` and in the totals, and validate checks each final as it reads it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inBatches } from '../../src/core/export-writer';
import { writeExportFile } from './cli-run';
import { greyPng, smallPng } from './cli-exports';
import { TASK_ID, step, task } from './fixtures';
import { loaded } from './quick-scrubber';

// The scrubber without its NER (the rules here are patterns): quick, and its loading is seen.
vi.mock('../../src/cli/load-scrubber', (real) => import('./quick-scrubber').then((m) => m.quickLoader(real)));

const { main } = await import('../../src/cli/main');
const { openExport, checkFinals } = await import('../../src/cli/zip-input');
const CONFIG = join(import.meta.dirname, '../../config/scrubber.yaml');

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'adf-scrub-final-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One task, two steps without screenshots, and a final state whose address holds an e-mail address. */
async function exportWithFinal(name: string, finalPng: Uint8Array, finalState: object = {}): Promise<string> {
  const steps = [1, 2].map((i) => step(i, { observation: { ...step(i).observation, screenshot_path: null } }));
  const observation = { ...step(2).observation, url: 'https://shop.example/account?contact=ops-lead@example-corp.net' };
  return writeExportFile(join(dir, name), {
    tasks: [task({ stepCount: 2 })],
    steps: () => inBatches(steps.map((s) => ({ step: s, imageId: null, redactions: {} }))),
    image: async () => finalPng,
    final: async () => ({ state: { task_id: TASK_ID, timestamp: 1, tab_id: 1, after_step: 2, observation, ...finalState }, imageId: 'final-img' }),
  });
}

describe('scrub and validate with a final state', () => {
  it('checks the final screenshot\'s PNG header before the scrubber loads', async () => {
    loaded.length = 0;
    const input = await exportWithFinal('huge-final.zip', greyPng(20_000, 20));
    const out = join(dir, 'huge-final-out.zip');
    expect(await main(['scrub', input, out, '--text-only', '--config', CONFIG])).not.toBe(0);
    expect(loaded).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it('counts what the new rules find in the final state in scrub_report.json', { timeout: 30_000 }, async () => {
    const input = await exportWithFinal('final.zip', smallPng());
    const out = join(dir, 'final-out.zip');
    expect(await main(['scrub', input, out, '--text-only', '--config', CONFIG])).toBe(0);
    const exp = await openExport(out);
    try {
      const report = JSON.parse((await exp.text('scrub_report.json'))!) as { totals: Record<string, number>; tasks: { totals: Record<string, number>; final?: Record<string, number> }[] };
      const final = report.tasks[0]!.final ?? {};
      const found = Object.values(final).reduce((a, b) => a + b, 0);
      expect(found).toBeGreaterThan(0);
      for (const [rule, n] of Object.entries(final)) {
        expect(report.tasks[0]!.totals[rule]).toBeGreaterThanOrEqual(n);
        expect(report.totals[rule]).toBeGreaterThanOrEqual(n);
      }
      expect(await exp.text(`final/${TASK_ID}.json`)).not.toContain('ops-lead@example-corp.net');
    } finally {
      await exp.close();
    }
  });

  it('validate checks each final state as it reads it, and keeps only its path and problems', async () => {
    const good = await openExport(await exportWithFinal('good.zip', smallPng()));
    const bad = await openExport(await exportWithFinal('bad.zip', smallPng(), { tab_id: 'seven' }));
    try {
      expect(await checkFinals(good)).toEqual({ checked: true, paths: [`final/${TASK_ID}.json`], errors: [] });
      const checked = await checkFinals(bad);
      expect(checked.paths).toEqual([`final/${TASK_ID}.json`]);
      expect(checked.errors).toEqual([expect.stringMatching(/^final\/.*\.json: tab_id/)]);
      expect(JSON.stringify(checked)).not.toContain('dom_tree');
    } finally {
      await good.close();
      await bad.close();
    }
    expect(await main(['validate', join(dir, 'bad.zip')])).toBe(1);
    expect(await main(['validate', join(dir, 'good.zip')])).toBe(0);
  });
});
