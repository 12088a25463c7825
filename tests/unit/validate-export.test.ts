import { describe, expect, it } from 'vitest';
import { validateExport, exportStats } from '../../src/core/validate-export';
import { rescrubStep, rescrubDomTree } from '../../src/core/rescrub';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { parseScrubConfig } from '../../src/core/scrub/config';
import { DEFAULT_CONFIG_TEXT } from '../../src/core/scrub/default-config';
import { toShareGpt, taskExamples } from '../../src/core/formatters';
import { TASK_ID, step, task } from './fixtures';

const lines = (...steps: object[]): string => steps.map((s) => JSON.stringify(s)).join('\n') + '\n';
const filesFor = (n: number): Set<string> => new Set(Array.from({ length: n }, (_, i) => step(i + 1).observation.screenshot_path!));
const manifest = (tasks: number, steps: number): string => JSON.stringify({ counts: { tasks, steps } });

describe('validateExport', () => {
  it('accepts a consistent export', () => {
    const share = taskExamples(task(), [step(1), step(2)], { actionStyle: 'json', includeDom: false }).map((e) => JSON.stringify(toShareGpt(e))).join('\n');
    const r = validateExport({ files: filesFor(2), trajectory: lines(step(1), step(2)), sharegpt: share, manifest: manifest(1, 2) });
    expect(r).toEqual({ ok: true, errors: [], steps: 2, tasks: 1 });
  });

  it('names each problem: gap in step ids, missing image, unknown element, bad line, wrong counts', () => {
    const ghost = step(3, { action: { type: 'click', coordinates: [1, 1], element_id: 999 } });
    const r = validateExport({
      files: filesFor(1),
      trajectory: lines(step(1), ghost) + '{"task_id": 1}\nnot json\n',
      sharegpt: '{"conversations":[{"from":"human","value":"<image>"}],"images":[]}\n{oops',
      manifest: manifest(2, 5),
    });
    expect(r.ok).toBe(false);
    const all = r.errors.join('\n');
    expect(all).toMatch(/step_id 3 at position 2/);
    expect(all).toMatch(/step_3\.png is missing/);
    expect(all).toMatch(/element_id 999 is not in its dom_tree/);
    expect(all).toMatch(/line 3: .*task_id/);
    expect(all).toMatch(/line 4: not JSON/);
    expect(all).toMatch(/1 <image> placeholders for 0 images/);
    expect(all).toMatch(/sharegpt.jsonl line 2: not JSON/);
    expect(all).toMatch(/counts 5 steps, trajectory.jsonl has 2/);
    expect(all).toMatch(/counts 2 tasks/);
  });

  it('does not take dom-id="42" for id="42"', () => {
    const s = step(1, { observation: { ...step(1).observation, dom_tree: '<html id="1"><a id="2" dom-id="42">x</a></html>' } });
    expect(validateExport({ files: filesFor(1), trajectory: lines(s), sharegpt: null, manifest: null }).errors[0]).toMatch(/element_id 42/);
  });
});

describe('exportStats', () => {
  it('counts tasks, actions and steps per task', () => {
    const other = { ...step(1), task_id: 'b1a2c3d4-0000-4000-8000-000000000000' };
    const typed = step(2, { action: { type: 'type', coordinates: null, element_id: 42, text: 'usb' } });
    const s = exportStats([step(1), typed, other]);
    expect(s.tasks).toBe(2);
    expect(s.actions).toEqual({ click: 2, type: 1 });
    expect(s.steps_per_task).toEqual({ min: 1, max: 2, mean: 1.5 });
  });
});

describe('rescrub', () => {
  const parsed = parseScrubConfig(DEFAULT_CONFIG_TEXT.replace('style: generic', 'style: typed'));
  if (!parsed.ok) throw new Error('default config must parse');
  const scrubber = createScrubber(parsed.config, null);

  it('redacts text and attribute values in a dom_tree without touching markup', () => {
    const counts: Record<string, number> = {};
    const xml = '<html id="1"><a id="2" href="https://x.test/?token=abc123456">mail ann@example.com</a><input id="3" value="4111 1111 1111 1111"/></html>';
    const out = rescrubDomTree(xml, scrubber, counts);
    expect(out).toBe('<html id="1"><a id="2" href="https://x.test/?token=&lt;SECRET&gt;">mail &lt;EMAIL&gt;</a><input id="3" value="&lt;CARD&gt;"/></html>');
    expect(counts).toEqual({ url_credentials: 1, email: 1, credit_card: 1 });
  });

  it('scrubs every text field of a step and keeps its shape', () => {
    const s = step(1, {
      thought_trace: 'Send it to ann@example.com',
      action: { type: 'type', coordinates: null, element_id: 42, text: 'ann@example.com' },
      observation: { ...step(1).observation, url: 'https://user:pw@shop.test/a', active_window: 'Inbox ann@example.com' },
    });
    const r = rescrubStep(s, scrubber);
    expect(JSON.stringify(r.step)).not.toContain('ann@example.com');
    expect(r.step.observation.url).toBe('https://<SECRET>@shop.test/a');
    expect(r.step.action.text).toBe('<EMAIL>');
    expect(r.step.step_id).toBe(1);
    expect(r.step.action.element_id).toBe(42);
    expect(r.redactions.email).toBe(3);
  });

  it("names a manifest task's final_state, outcome and failure_step that are not its own or not a label", () => {
    const other = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
    const files = new Set([...filesFor(2), `final/${TASK_ID}.json`, `final/${other}.json`]);
    const check = (entry: object, finals: Record<string, string> = {}): string[] => validateExport({
      files, trajectory: lines(step(1), step(2)), sharegpt: null, finals,
      manifest: JSON.stringify({ counts: { tasks: 1, steps: 2 }, tasks: [{ task_id: TASK_ID, final_state: null, outcome: null, failure_step: null, ...entry }] }),
    }).errors;
    expect(check({ outcome: 'failed', failure_step: 2, final_state: `final/${TASK_ID}.json` })).toEqual([]);
    // Another task's final state, a step's screenshot, a path out of the zip's layout.
    for (const path of [`final/${other}.json`, `images/${TASK_ID}/step_1.png`, `final/../final/${TASK_ID}.json`]) {
      expect(check({ final_state: path })).toEqual([`manifest.json: task ${TASK_ID}: final_state ${path} is not its final/${TASK_ID}.json`]);
    }
    expect(check({ outcome: 'succeded' })[0]).toMatch(/outcome "succeded" is none of succeeded, failed, partial or null/);
    expect(check({ outcome: 'failed', failure_step: 3 })[0]).toMatch(/failure_step 3 names none of its 2 steps/);
    expect(check({ outcome: 'failed', failure_step: 1.5 })[0]).toMatch(/failure_step 1.5 names none/);
    // A final state for a task the zip does not hold.
    const final = JSON.stringify({ task_id: other });
    expect(check({}, { [`final/${other}.json`]: final })).toContain(`final/${other}.json: no task ${other} in the zip`);
  });
});
