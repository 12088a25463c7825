// A replay report a person loads on the review page is checked against its schema.
import { describe, expect, it } from 'vitest';
import { ReplayReportSchema } from '../../src/core/replay-report';

describe('ReplayReportSchema', () => {
  const report = {
    source: 'export.zip', replayed_at: '2026-11-26T00:00:00Z',
    tasks: [{ task_id: 't', instruction: 'x', score: 0.5, steps: [{ step_id: 1, type: 'click', status: 'failed', reason: 'no element for any selector' }] }],
    summary: { ok: 0, failed: 1, skipped: 0 },
  };
  it('accepts what the CLI writes', () => expect(ReplayReportSchema.parse(report).tasks[0]!.steps[0]!.status).toBe('failed'));
  it('refuses anything else', () => {
    expect(() => ReplayReportSchema.parse({ ...report, tasks: [{ ...report.tasks[0], steps: [{ step_id: 1, type: 'click', status: 'great' }] }] })).toThrow();
    expect(() => ReplayReportSchema.parse({ nope: true })).toThrow();
  });
});
