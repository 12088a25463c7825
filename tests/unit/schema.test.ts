import { describe, expect, it } from 'vitest';
import { StepSchema, stepJsonSchema } from '../../src/core/schema';
import { trajectoryLine, buildManifest, screenshotPath } from '../../src/core/zip-layout';
import { toExportSteps, type StoredStep } from '../../src/core/stored-step';
import { step, task, TASK_ID } from './fixtures';

describe('step schema', () => {
  it('accepts a recorded step and rejects one missing an origin field', () => {
    expect(StepSchema.safeParse(step(1)).success).toBe(true);
    const { thought_trace: _t, ...missing } = step(1);
    expect(StepSchema.safeParse(missing).success).toBe(false);
    expect(StepSchema.safeParse({ ...step(1), step_id: 0 }).success).toBe(false);
  });

  it('generates a JSON Schema that requires the origin fields', () => {
    const schema = stepJsonSchema() as { required: string[]; properties: Record<string, { required?: string[] }> };
    expect(schema.required).toEqual(expect.arrayContaining(['task_id', 'step_id', 'timestamp', 'observation', 'thought_trace', 'action']));
    expect(schema.properties.observation!.required).toEqual(expect.arrayContaining(['screenshot_path', 'dom_tree', 'active_window']));
    expect(schema.properties.action!.required).toEqual(expect.arrayContaining(['type', 'coordinates', 'element_id']));
  });
});

describe('zip layout', () => {
  it('writes origin fields first, in origin order', () => {
    const line = JSON.parse(trajectoryLine(step(1))) as Record<string, unknown>;
    expect(Object.keys(line).slice(0, 6)).toEqual(['task_id', 'step_id', 'timestamp', 'observation', 'thought_trace', 'action']);
    expect(Object.keys(line.observation as object).slice(0, 3)).toEqual(['screenshot_path', 'dom_tree', 'active_window']);
    expect(Object.keys(line.action as object).slice(0, 3)).toEqual(['type', 'coordinates', 'element_id']);
  });

  it('counts tasks, steps and screenshots in the manifest', () => {
    const noShot = step(2, { observation: { ...step(2).observation, screenshot_path: null } });
    const m = buildManifest({ extensionVersion: '1.2.3', createdAt: new Date(0), configHash: 'abc', files: [], tasks: [{ task: task(), steps: [step(1), noShot] }] });
    expect(m.counts).toEqual({ tasks: 1, steps: 2, screenshots: 1 });
    expect(m.extension_version).toBe('1.2.3');
    expect(m.tasks[0]!.confirmed).toBe(false);
  });

  it('renumbers step ids contiguously after deletions and points at renamed images', () => {
    const stored: StoredStep[] = [1, 2, 3].map((seq) => ({
      taskId: TASK_ID, seq, draftId: `d${seq}`, step: step(seq), imageId: `img${seq}`, redactions: {}, deleted: seq === 2,
    }));
    const out = toExportSteps(stored);
    expect(out.map((s) => s.step.step_id)).toEqual([1, 2]);
    expect(out[1]!.imageId).toBe('img3');
    expect(out[1]!.step.observation.screenshot_path).toBe(screenshotPath(TASK_ID, 2));
  });
});
