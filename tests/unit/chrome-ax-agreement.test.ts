// The ui-libraries suite compares each acted-on element's axtree line with Chrome's tree read before the action.
// A probe is of the page as it was: after a scroll step it no longer shows what lies at a box (a virtualised grid
// recycles its rows), so a later step of the same wheel burst is left out rather than compared with another row.
import { describe, expect, it } from 'vitest';
import { axAgreement, type AxProbe } from '../e2e/chrome-ax';
import type { ExportedStep } from '../e2e/harness';

const box = { x: 10, y: 100, width: 200, height: 30 };

function step(stepId: number, type: string, timestamp: number, cell: string): ExportedStep {
  return {
    task_id: 't', step_id: stepId, timestamp,
    observation: { screenshot_path: `images/step_${stepId}.png`, dom_tree: '<div id="7"/>', active_window: 'Grid', axtree: `[1] document 'Grid'\n  [7] gridcell '${cell}'` },
    thought_trace: '', action: { type, coordinates: [50, 110], element_id: 7 },
    target: { tag: 'div', bbox: box, name: cell },
  } as unknown as ExportedStep;
}

const probe = (at: number, cell: string): AxProbe => ({ at, nodes: [{ tag: 'div', box: [box.x, box.y, box.width, box.height], role: 'gridcell', name: cell, ignored: false }] });

describe('axAgreement', () => {
  it('leaves out a scroll step that follows another scroll step made after the last probe', () => {
    const steps = [step(1, 'scroll', 1100, '14'), step(2, 'scroll', 1600, '90'), step(3, 'click', 2600, 'Desk lamp 96')];
    const r = axAgreement(steps, [probe(1000, '14'), probe(2500, 'Desk lamp 96')]);
    expect(r.unprobed).toEqual(['scroll']);
    expect(r.matched).toBe(2);
    expect(r.mismatches).toEqual([]);
  });

  it('still compares, and fails, a step whose own probe says something else', () => {
    const steps = [step(1, 'scroll', 1100, '14'), step(2, 'click', 2600, 'Desk lamp 96')];
    const r = axAgreement(steps, [probe(1000, '14'), probe(2500, 'Desk lamp 12')]);
    expect(r.unprobed).toEqual([]);
    expect(r.matched).toBe(1);
    expect(r.mismatches).toHaveLength(1);
  });
});
