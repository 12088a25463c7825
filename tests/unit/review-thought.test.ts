// A thought edited on the review page is stored scrubbed: the worker's handler takes the edit through the step
// boundary (with NER: no page scrubbed it first) before it writes it. Before, the review page wrote the text
// straight into IndexedDB, and an e-mail pasted into a thought was exported as typed.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const written: { taskId: string; seq: number; thought: string; counts: Record<string, number> }[] = [];

// The browser's storage: empty, so the shipped config is in force. IndexedDB: what would be written.
vi.mock('../../src/platform/stores', () => ({
  localStore: () => ({ get: () => Promise.resolve({}), set: () => Promise.resolve() }),
  onLocalChange: () => () => undefined,
}));
vi.mock('../../src/platform/review-store', () => ({
  storeThought: (taskId: string, seq: number, thought: string, counts: Record<string, number>) => {
    written.push({ taskId, seq, thought, counts });
    return Promise.resolve();
  },
}));

const { saveThought } = await import('../../src/background/review-edits');

beforeEach(() => { written.length = 0; });

describe('review/thought', () => {
  it('an e-mail pasted into a thought is scrubbed before it is stored', async () => {
    const reply = await saveThought({ kind: 'review/thought', taskId: 't', seq: 2, thought: 'Write to ops-lead@example-corp.net about the refund.' });
    expect(reply.ok).toBe(true);
    expect(written).toHaveLength(1);
    expect(written[0]!.thought).not.toContain('ops-lead@example-corp.net');
    expect(written[0]!.thought).toMatch(/^Write to <[A-Z]+> about the refund\.$/);
    expect(written[0]!.counts.email).toBe(1);
    expect(reply.ok && reply.thought).toBe(written[0]!.thought);
  });

  it('a name typed into a thought goes too (NER runs here: no page scrubbed the text)', async () => {
    await saveThought({ kind: 'review/thought', taskId: 't', seq: 2, thought: 'I send the invoice to Margaret Thompson in accounting.' });
    expect(written[0]!.thought).not.toContain('Margaret Thompson');
  });

  it('a plain thought is stored as written', async () => {
    await saveThought({ kind: 'review/thought', taskId: 't', seq: 2, thought: 'The cart needs a second item, so I add the HDMI adapter.' });
    expect(written[0]!.thought).toBe('The cart needs a second item, so I add the HDMI adapter.');
  });

  it('a malformed edit is refused and nothing is written', async () => {
    const reply = await saveThought({ kind: 'review/thought', taskId: 't', seq: 1.5, thought: 'x' });
    expect(reply.ok).toBe(false);
    expect(written).toHaveLength(0);
  });
});
