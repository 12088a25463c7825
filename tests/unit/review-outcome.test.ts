// An outcome label from the review page is stored with its note scrubbed at the worker (with NER, as a thought),
// a success names no failure step, null clears the label, and anything not shaped as a label is refused.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TaskOutcome } from '../../src/core/outcome';

const written: { taskId: string; outcome: TaskOutcome | undefined }[] = [];

vi.mock('../../src/platform/stores', () => ({
  localStore: () => ({ get: () => Promise.resolve({}), set: () => Promise.resolve() }),
  onLocalChange: () => () => undefined,
}));
vi.mock('../../src/platform/review-store', () => ({
  storeThought: () => Promise.resolve(),
  storeOutcome: (taskId: string, outcome: TaskOutcome | undefined) => {
    written.push({ taskId, outcome });
    return Promise.resolve({ id: taskId, instruction: 'x', status: 'review', createdAt: 0, endedAt: 1, stepCount: 3, ...(outcome ? { outcome } : {}) });
  },
}));

const { saveOutcome } = await import('../../src/background/review-edits');

beforeEach(() => { written.length = 0; });

describe('review/outcome', () => {
  it('scrubs the note before it is stored', async () => {
    const reply = await saveOutcome({ kind: 'review/outcome', taskId: 't', label: { outcome: 'failed', failureSeq: 3, note: '  Margaret Thompson got no mail at ops-lead@example-corp.net ' } });
    expect(reply.ok).toBe(true);
    const o = written[0]!.outcome!;
    expect(o).toMatchObject({ outcome: 'failed', failureSeq: 3 });
    expect(o.note).not.toMatch(/Margaret|Thompson|ops-lead|example-corp/);
    expect(o.note).toMatch(/^<REDACTED> got no mail at <REDACTED>$/);
  });

  it('names no failure step for a success, clears with null, refuses what is not a label', async () => {
    await saveOutcome({ kind: 'review/outcome', taskId: 't', label: { outcome: 'succeeded', failureSeq: 2, note: '' } });
    expect(written[0]!.outcome).toMatchObject({ outcome: 'succeeded', failureSeq: null });
    await saveOutcome({ kind: 'review/outcome', taskId: 't', label: { outcome: null, failureSeq: null, note: 'x' } });
    expect(written[1]!.outcome).toBeUndefined();
    for (const label of [{ outcome: 'done', failureSeq: null, note: '' }, { outcome: 'failed', failureSeq: 1.5, note: '' }, { outcome: 'failed', failureSeq: null }, null]) {
      const reply = await saveOutcome({ kind: 'review/outcome', taskId: 't', label: label as never });
      expect(reply).toEqual({ ok: false, error: 'not an outcome label' });
    }
    expect(written).toHaveLength(2);
  });
});
