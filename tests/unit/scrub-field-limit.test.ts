// `scrub` (and `pack --config`) on a zip with one field too long to scrub: scrubbing costs time in a field's size
// (a 12 MB field took 253 s with the NER), so a hostile or corrupt zip could hold the command for minutes. Each field
// scrubbed is checked against --max-field-chars before the scrubber loads; a zip with one over it is refused whole,
// the field, its step and task named, exit 1, nothing written. A field is never cut, nor passed on unscrubbed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inBatches } from '../../src/core/export-writer';
import { runCli, writeExportFile } from './cli-run';
import type { Step } from '../../src/core/schema';
import { DEFAULT_INPUT_LIMITS } from '../../src/cli/input-limits';
import { oversizedField } from '../../src/cli/field-limits';
import { TASK_ID, step, task } from './fixtures';
import { loaded } from './quick-scrubber';

// The scrubber without its NER (the rules here are patterns): quick, and its loading is seen.
vi.mock('../../src/cli/load-scrubber', (real) => import('./quick-scrubber').then((m) => m.quickLoader(real)));

const { trajectoryOf } = await import('../../src/cli/zip-input');
const CONFIG = join(import.meta.dirname, '../../config/scrubber.yaml');
const OTHER = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'adf-field-limit-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text that does not compress past the reader's 200x zip-bomb ratio: words from a fixed pseudo-random sequence. */
function prose(chars: number, secret = ''): string {
  const words = ['order', 'shipped', 'parcel', 'window', 'column', 'basket', 'review', 'garden', 'ticket', 'margin'];
  let seed = 7;
  const parts: string[] = [secret];
  let n = secret.length;
  while (n < chars) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const w = `${words[seed % words.length]}${seed % 97} `;
    parts.push(w);
    n += w.length;
  }
  return parts.join('').slice(0, chars);
}

/** Two tasks of two steps, no screenshots; `edit` changes a step (its task id and step id given) and `final` the first task's final state. */
async function exportOf(name: string, edit: (s: Step) => Step = (s) => s, finalObservation: Partial<Step['observation']> = {}): Promise<string> {
  const stepsOf = (id: string): Step[] => [1, 2].map((i) => edit(step(i, { task_id: id, observation: { ...step(i).observation, screenshot_path: null } })));
  return writeExportFile(join(dir, name), {
    tasks: [task({ stepCount: 2 }), task({ id: OTHER, stepCount: 2, instruction: 'Find the opening hours' })],
    steps: (id) => inBatches(stepsOf(id).map((s) => ({ step: s, imageId: null, redactions: {} }))),
    image: async () => new Uint8Array(),
    final: async (id) => (id === TASK_ID
      ? { state: { task_id: id, timestamp: 1, tab_id: 1, after_step: 2, observation: { ...step(2).observation, screenshot_path: null, ...finalObservation } }, imageId: null }
      : null),
  });
}

const run = runCli;

const typed = (text: string) => (s: Step): Step => (s.task_id === OTHER && s.step_id === 2 ? { ...s, action: { type: 'type', text, coordinates: null, element_id: 42 } } : s);

describe('scrub: a field over --max-field-chars', () => {
  it('refuses the zip before the scrubber loads, naming the field, its step, its task and the limit; writes nothing', async () => {
    loaded.length = 0;
    const input = await exportOf('typed.zip', typed(prose(2_000)));
    const out = join(dir, 'typed-out.zip');
    const r = await run(['scrub', input, out, '--text-only', '--config', CONFIG, '--max-field-chars', '1000']);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`--max-field-chars 1,000 exceeded by action.text of step 2 of task ${OTHER} (2,000 characters)`);
    expect(loaded).toEqual([]);
    expect(existsSync(out)).toBe(false);
    // No temporary file beside it either.
    expect(readdirSync(dir).filter((f) => f.includes('typed-out'))).toEqual([]);
  });

  it('the default limit: a field of the size that took minutes is refused, one at the limit is scrubbed', { timeout: 60_000 }, async () => {
    loaded.length = 0;
    const max = DEFAULT_INPUT_LIMITS.maxFieldChars;
    const over = await exportOf('thought.zip', (s) => (s.task_id === TASK_ID && s.step_id === 1 ? { ...s, thought_trace: prose(max + 1) } : s));
    const r = await run(['scrub', over, join(dir, 'thought-out.zip'), '--text-only', '--config', CONFIG]);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`--max-field-chars (default 4,000,000) exceeded by thought_trace of step 1 of task ${TASK_ID} (4,000,001 characters)`);
    expect(loaded).toEqual([]);
    expect(existsSync(join(dir, 'thought-out.zip'))).toBe(false);

    // At the limit it is scrubbed, as every field is: the address in it does not come out.
    const at = await exportOf('at-limit.zip', typed(prose(1_000, 'write to ops-lead@example-corp.net ')));
    const written = join(dir, 'at-limit-out.zip');
    expect((await run(['scrub', at, written, '--text-only', '--config', CONFIG, '--max-field-chars', '1000'])).status).toBe(0);
    const { exp, text } = await trajectoryOf(written);
    try {
      expect(text).toHaveLength(4);
      const scrubbed = text.map((l) => JSON.parse(l) as Step).find((s) => s.task_id === OTHER && s.step_id === 2)!;
      expect(scrubbed.action.text).not.toContain('ops-lead@example-corp.net');
      expect(scrubbed.action.text).toContain('REDACTED');
    } finally {
      await exp.close();
    }
  });

  it("a final state's field over the limit refuses the zip too", async () => {
    const input = await exportOf('final.zip', (s) => s, { dom_tree: `<html id="1"><body id="2">${prose(3_000)}</body></html>` });
    const r = await run(['scrub', input, join(dir, 'final-out.zip'), '--text-only', '--config', CONFIG, '--max-field-chars', '2K']);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(new RegExp(`--max-field-chars 2,048 exceeded by observation\\.dom_tree of the final state of task ${TASK_ID} \\(3,\\d{3} characters\\)`));
    expect(existsSync(join(dir, 'final-out.zip'))).toBe(false);
  });

  it('pack --config skips the source whole, saying why, and packs the others', { timeout: 60_000 }, async () => {
    const sources = join(dir, 'sources');
    rmSync(sources, { recursive: true, force: true });
    mkdirSync(sources);
    renameSync(await exportOf('big.zip', typed(prose(2_000))), join(sources, 'big.zip'));
    // The same tasks, every field short: big.zip left none of them packed, so these are packed.
    renameSync(await exportOf('small.zip'), join(sources, 'small.zip'));
    const out = join(dir, 'dataset');
    const r = await run(['pack', sources, '--out', out, '--config', CONFIG, '--formats', 'none', '--max-field-chars', '1000']);
    expect(r.status).toBe(0);
    expect(r.out).toContain(`big.zip: --max-field-chars 1,000 exceeded by action.text of step 2 of task ${OTHER} (2,000 characters)`);
    const stats = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8')) as { sources: { file: string; tasks: number; error?: string }[] };
    expect(stats.sources.find((s) => s.file === 'big.zip')).toMatchObject({ tasks: 0 });
    expect(stats.sources.find((s) => s.file === 'small.zip')).toMatchObject({ tasks: 2 });
  });
});

describe('oversizedField', () => {
  it('reads every scrubbed field, arrays too, and none the recorder made', () => {
    const s = step(1);
    expect(oversizedField(s, 1_000)).toBeNull();
    expect(oversizedField({ ...s, action: { type: 'file', files: ['a.txt', 'x'.repeat(1_001)], coordinates: null, element_id: 42 } }, 1_000)).toEqual({ path: 'action.files[]', chars: 1_001 });
    expect(oversizedField({ ...s, observation: { ...s.observation, axtree: 'y'.repeat(1_001) } }, 1_000)?.path).toBe('observation.axtree');
    expect(oversizedField({ ...s, target: { ...s.target!, name: 'n'.repeat(1_001) } }, 1_000)?.path).toBe('target.name');
    // screenshot_note is the extension's own words, kept as they are: nothing to scrub, nothing to refuse.
    expect(oversizedField({ ...s, observation: { ...s.observation, screenshot_note: 'z'.repeat(50_000) } }, 1_000)).toBeNull();
  });
});
