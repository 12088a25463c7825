import { describe, expect, it } from 'vitest';
import { exportOptions } from '../../src/core/export-options';
import { DEFAULT_PREFS, readExportPrefs, toExportOptions } from '../../src/core/export-prefs';
import { exportOptionsFromFlags } from '../../src/cli/export-flags';
import { DEFAULT_DIALOGUE_IDS, DIALOGUE_FORMATS, PARQUET_DIALOGUES } from '../../src/core/formats/registry';

const formatFlags = (v: Record<string, string | boolean>) => exportOptionsFromFlags(v, { formats: DEFAULT_DIALOGUE_IDS, allowed: DIALOGUE_FORMATS });
const packFlags = (v: Record<string, string | boolean>) => exportOptionsFromFlags(v, { formats: ['sharegpt'], allowed: PARQUET_DIALOGUES });

describe('export options', () => {
  it('fills the defaults the popup, the worker and the CLI share', () => {
    expect(exportOptions({})).toMatchObject({ formats: ['sharegpt', 'messages'], replay: true, actionStyle: 'json', includeDom: false, window: 1, maxImages: 1 });
    // More than OpenAI's 10 screenshots per example were always used as 10.
    expect(exportOptions({ maxImages: 50 }).maxImages).toBe(10);
    expect(() => exportOptions({ formats: ['bogus'] })).toThrow();
  });
});

describe('CLI export flags', () => {
  it('takes the old flags as aliases of the option names', () => {
    expect(formatFlags({ dom: true }).includeDom).toBe(true);
    expect(formatFlags({ 'include-dom': true }).includeDom).toBe(true);
    expect(packFlags({ dialogues: 'messages,sharegpt' }).formats).toEqual(['sharegpt', 'messages']);
    expect(packFlags({ formats: 'none' }).formats).toEqual([]);
    expect(formatFlags({ openai: true }).formats).toEqual(['sharegpt', 'messages', 'openai']);
    expect(formatFlags({ formats: 'openai', openai: true }).formats).toEqual(['openai']);
    expect(formatFlags({ window: '3', 'max-images': '2', detail: 'low', 'image-url-prefix': 'https://h/', 'min-replay': '0.5', 'action-style': 'call' }))
      .toMatchObject({ window: 3, maxImages: 2, detail: 'low', imageUrlPrefix: 'https://h/', minReplay: 0.5, actionStyle: 'call' });
    expect(formatFlags({}).coordinates).toBe('pixels');
    expect(packFlags({ coordinates: 'normalized' }).coordinates).toBe('normalized');
  });

  it.each([
    [{ formats: 'bogus' }, /unknown format bogus/],
    [{ window: 'x' }, /--window is a whole number/],
    [{ 'max-images': '-1' }, /--max-images is a whole number/],
    [{ detail: 'high' }, /--detail takes only "low"/],
    [{ 'min-replay': '2' }, /--min-replay is a share between 0 and 1/],
    [{ 'action-style': 'xml' }, /--action-style is one of/],
    [{ coordinates: 'percent' }, /--coordinates is pixels or normalized/],
  ])('refuses %j', (v, message) => {
    expect(() => formatFlags(v)).toThrow(message);
  });

  it('pack writes only formats with a Parquet config', () => {
    expect(() => packFlags({ dialogues: 'openai' })).toThrow(/unknown format openai; formats: sharegpt, messages, grounding, or none/);
  });
});

describe('stored popup prefs', () => {
  it('reads prefs of every version under today\'s names', () => {
    expect(readExportPrefs(undefined)).toEqual(DEFAULT_PREFS);
    // Before the format registry: one flag per format.
    expect(readExportPrefs({ sharegpt: false, messages: true, includeDom: true, actionStyle: 'call' })).toMatchObject({ formats: ['messages'], includeDom: true, actionStyle: 'call' });
    const now = { ...DEFAULT_PREFS, scope: 'chosen' as const, chosen: ['a'], formats: ['openai' as const], replay: false, saveAs: true };
    expect(readExportPrefs(now)).toEqual(now);
    // One unreadable field falls back to its default; the rest is kept.
    expect(readExportPrefs({ ...now, actionStyle: 'xml' })).toEqual({ ...now, actionStyle: 'json' });
  });

  it('asks the worker by the option names', () => {
    expect(exportOptions(toExportOptions({ ...DEFAULT_PREFS, includeDom: true, scope: 'chosen', chosen: ['a', 'gone'] }, new Set(['a']))))
      .toMatchObject({ includeDom: true, taskIds: ['a'], onlyConfirmed: false });
  });
});
