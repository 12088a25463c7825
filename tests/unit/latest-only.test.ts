import { describe, expect, it } from 'vitest';
import { latestOnly } from '../../src/ui/latest-only';

/** A read whose answer the test releases by hand, in any order. */
function controlledRead() {
  const pending: { arg: string; answer: (v: string) => void }[] = [];
  const read = (arg: string): Promise<string> => new Promise((answer) => pending.push({ arg, answer }));
  return { read, pending };
}

describe('latest-only reads', () => {
  it('drops an older answer that arrives after a newer one', async () => {
    const { read, pending } = controlledRead();
    const applied: string[] = [];
    const refresh = latestOnly(read, (v) => applied.push(v));
    const older = refresh('before Start');
    const newer = refresh('after Start');
    pending[1]!.answer('Recording');
    await newer;
    pending[0]!.answer('Not recording');
    await older;
    expect(applied).toEqual(['Recording']);
  });

  it('applies answers that arrive in order, each once, and passes the arguments through', async () => {
    const { read, pending } = controlledRead();
    const applied: string[] = [];
    const load = latestOnly(read, (v) => applied.push(v));
    const first = load('task A');
    expect(pending.map((p) => p.arg)).toEqual(['task A']);
    pending[0]!.answer('steps of A');
    await first;
    const second = load('task B');
    pending[1]!.answer('steps of B');
    await second;
    expect(applied).toEqual(['steps of A', 'steps of B']);
  });

  it('drops every answer but the newest when several are in flight', async () => {
    const { read, pending } = controlledRead();
    const applied: string[] = [];
    const load = latestOnly(read, (v) => applied.push(v));
    const calls = ['A', 'B', 'C'].map((t) => load(t));
    pending[2]!.answer('C');
    pending[0]!.answer('A');
    pending[1]!.answer('B');
    await Promise.all(calls);
    expect(applied).toEqual(['C']);
  });
});
