// `stats` on a zip anyone may have written: a scrub_report.json that is not a report leaves its redactions
// unknown (null with --json) instead of ending the command half-way with a TypeError.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { main } from '../../src/cli/main';
import { writeTestExport } from './cli-exports';
import { step, task } from './fixtures';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'adf-stats-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stats', () => {
  it('says the redactions are unknown when scrub_report.json is not a report', async () => {
    const zip = await writeTestExport(join(dir, 'ok.zip'), [{ task: task({ stepCount: 2 }), steps: [step(1), step(2)] }]);
    for (const [i, report] of ['{"totals":null}', '{}', 'not json', '{"totals":{"email":"many"}}', 'null'].entries()) {
      const z = await JSZip.loadAsync(readFileSync(zip));
      z.file('scrub_report.json', report);
      const path = join(dir, `report-${i}.zip`);
      writeFileSync(path, await z.generateAsync({ type: 'nodebuffer' }));
      const out: string[] = [];
      const spies = (['log', 'error'] as const).map((k) => vi.spyOn(console, k).mockImplementation((line: string) => { out.push(line); }));
      try {
        expect(await main(['stats', path]), report).toBe(0);
        expect(out.at(-1)).toBe('redactions: unknown (scrub_report.json is not a report)');
        out.length = 0;
        expect(await main(['stats', path, '--json'])).toBe(0);
        expect(JSON.parse(out.join('\n'))).toMatchObject({ tasks: 1, redactions: null });
      } finally {
        for (const s of spies) s.mockRestore();
      }
    }
  });
});
