import { describe, expect, it } from 'vitest';
import { taskExamples, estimateTokens, CONTEXT_TOKENS, toShareGpt } from '../../src/core/formatters';
import { cutAxTree, treeText } from '../../src/core/observation-trees';
import { exportOptionsFromFlags } from '../../src/cli/export-flags';
import { DEFAULT_DIALOGUE_IDS, DIALOGUE_FORMATS, PARQUET_DIALOGUES } from '../../src/core/formats/registry';
import { sharegpt } from '../../src/core/formats/sharegpt';
import { step, task } from './fixtures';

const AX = "[1] document\n  [2] main\n    [42] button 'Add to cart'";
const withAx = (id: number, axtree = AX) => step(id, { observation: { ...step(id).observation, axtree } });
const formatFlags = (v: Record<string, string | boolean>) => exportOptionsFromFlags(v, { formats: DEFAULT_DIALOGUE_IDS, allowed: DIALOGUE_FORMATS });
const packFlags = (v: Record<string, string | boolean>) => exportOptionsFromFlags(v, { formats: ['sharegpt'], allowed: PARQUET_DIALOGUES });

describe('--observation', () => {
  it('puts the axtree, the DOM or both in the observation', () => {
    const obs = (observation: 'dom' | 'axtree' | 'both') => taskExamples(task(), [withAx(1)], { actionStyle: 'browsergym', includeDom: true, observation })[0]!.turns[0]!.observation;
    expect(obs('axtree')).toContain(`Accessibility tree:\n${AX}`);
    expect(obs('axtree')).not.toContain('DOM:');
    expect(obs('dom')).toContain('DOM:\n<html id="1">');
    expect(obs('dom')).not.toContain('Accessibility tree');
    expect(obs('both')).toMatch(/DOM:[^]*Accessibility tree:/);
  });

  it('falls back to the DOM for a step recorded before the axtree', () => {
    expect(treeText(step(1), 'axtree', 8000)).toMatch(/^DOM:\n/);
  });

  it('cuts a long tree at a line and keeps every example within the 8k window', () => {
    const long = Array.from({ length: 5000 }, (_, i) => `  [${i + 10}] link 'Item number ${i}'`).join('\n');
    expect(cutAxTree(long, 1000).split('\n').at(-1)).toMatch(/^\[cut: \d+ chars\]$/);
    expect(cutAxTree(long, 1000).length).toBeLessThanOrEqual(1000);
    for (const window of [1, 3, 0]) {
      const steps = [1, 2, 3, 4].map((i) => withAx(i, long));
      for (const e of taskExamples(task({ status: 'confirmed', stepCount: 4 }), steps, { actionStyle: 'browsergym', includeDom: true, observation: 'both', window, maxImages: 2 })) {
        expect(estimateTokens(e)).toBeLessThanOrEqual(CONTEXT_TOKENS);
        const rec = toShareGpt(e);
        expect(sharegpt.check(rec, 'x', { files: new Set(rec.images) })).toEqual([]);
        // Every step's turn carries its trees (a done turn has none).
        for (const t of e.turns) if (t.image || !t.answer.includes('send_msg_to_user')) expect(t.observation).toContain('Accessibility tree:');
      }
    }
  });

  it('is a flag of format and pack; naming a tree asks for it', () => {
    expect(formatFlags({ observation: 'axtree' })).toMatchObject({ observation: 'axtree', includeDom: true });
    expect(formatFlags({})).toMatchObject({ observation: 'dom', includeDom: false });
    expect(() => formatFlags({ observation: 'html' })).toThrow(/--observation is one of dom, axtree, both/);
  });

  it('takes grounding among the dialogues, as its own option', () => {
    expect(packFlags({ dialogues: 'grounding' })).toMatchObject({ formats: [], grounding: true });
    expect(packFlags({ formats: 'sharegpt,grounding' })).toMatchObject({ formats: ['sharegpt'], grounding: true });
    expect(packFlags({})).toMatchObject({ formats: ['sharegpt'], grounding: false });
    expect(formatFlags({ grounding: true })).toMatchObject({ formats: DEFAULT_DIALOGUE_IDS, grounding: true });
  });
});
