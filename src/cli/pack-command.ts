// `pack`: many exports into one dataset (pack.ts): sharded Parquet per split and a card.
import { DEFAULT_PARQUET_IDS, PARQUET_DIALOGUES } from '../core/formats/registry';
import type { ExportOptions } from '../core/export-options';
import { configHash } from '../core/scrub/config';
import type { Scrubber } from '../core/scrub/scrubber';
import { OBSERVATION_TREES } from '../core/observation-trees';
import { DEFAULT_SPLIT, SPLITS, parseSplit } from '../core/dataset/split';
import { parseDomainList } from '../core/dataset/site';
import type { OutcomeFilter } from '../core/outcome';
import { command } from './command';
import { EXPORT_FLAGS, OUTCOME_SYNOPSIS, exportOptionsFromFlags, outcomeFlag } from './export-flags';
import { loadScrubber, readScrubConfig } from './load-scrubber';
import { pack, readDomainList } from './pack';
import type { InputLimits } from './input-limits';
import { UsageError } from './usage-error';
import { print, printError } from './terminal-output';

export const packCommand = command({
  needs: { operands: ['<export.zip|folder>'], more: true, flags: [{ name: 'out', arg: 'DIR' }] },
  flags: {
    ...EXPORT_FLAGS, out: { type: 'string' }, split: { type: 'string' }, 'shard-size': { type: 'string' }, config: { type: 'string' },
    domains: { type: 'string' }, 'exclude-domains': { type: 'string' }, parallel: { type: 'boolean' }, outcome: { type: 'string' },
  },
  synopsis: [
    '[--split 0.9,0.05,0.05] [--shard-size MB]',
    '[--config scrubber.yaml] [--domains allow.txt] [--exclude-domains deny.txt]',
    `[--formats ${[...PARQUET_DIALOGUES.map((f) => f.id), 'grounding'].join(',')}|none] [--window N] [--max-images N] [--coordinates pixels|normalized] [--observation ${OBSERVATION_TREES.join('|')}] [--parallel]`,
    `${OUTCOME_SYNOPSIS}   (the reviewer's label; unlabelled tasks only by name)`,
  ],
  // pack writes only formats with a Parquet config, and unless asked only those on by default there.
  run: (inputs, values, limits) => packExports(inputs, exportOptionsFromFlags(values, { formats: DEFAULT_PARQUET_IDS, allowed: PARQUET_DIALOGUES }), {
    limits, out: values.out ?? '', // never '': main refuses a pack without --out (needs.flags)
    split: values.split, shardSize: values['shard-size'], config: values.config,
    domains: values.domains, excludeDomains: values['exclude-domains'], parallel: values.parallel,
    outcome: outcomeFlag(values.outcome),
  }),
});

interface PackFlags {
  limits: InputLimits; out: string; split?: string; shardSize?: string; config?: string; domains?: string; excludeDomains?: string;
  parallel?: boolean; outcome: OutcomeFilter[] | null;
}

async function packExports(inputs: readonly string[], o: ExportOptions, a: PackFlags): Promise<number> {
  let split = DEFAULT_SPLIT;
  try {
    if (a.split) split = parseSplit(a.split);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const shardMb = a.shardSize ? Number(a.shardSize) : 256;
  if (!(shardMb > 0)) throw new UsageError('--shard-size is a number of MB, e.g. 256');
  let scrubber: Scrubber | null = null;
  let hash: string | null = null;
  if (a.config) {
    const { config, text } = await readScrubConfig(a.config);
    scrubber = await loadScrubber(config);
    hash = configHash(text);
  }
  const list = async (path?: string): Promise<string[] | null> => (path ? parseDomainList(await readDomainList(path)) : null);
  const started = performance.now();
  const s = await pack([...inputs], {
    out: a.out, split, shardSize: shardMb * 1024 ** 2, scrubber, scrubConfigHash: hash,
    allowDomains: await list(a.domains), denyDomains: await list(a.excludeDomains), log: (line) => printError(line),
    formats: o.formats, window: o.window, maxImages: o.maxImages, coordinates: o.coordinates, grounding: o.grounding,
    includeDom: o.includeDom, observation: o.observation,
    parallel: a.parallel ?? false, limits: a.limits, outcome: a.outcome,
  });
  const bad = s.sources.filter((x) => x.error);
  const parts = SPLITS.filter((k) => s.splits[k].steps > 0).map((k) => `${k} ${s.splits[k].tasks} tasks/${s.splits[k].steps} steps`);
  print(`wrote ${a.out}: ${s.tasks} tasks, ${s.steps} steps (${parts.join(', ')}) from ${s.sources.length - bad.length} of ${s.sources.length} sources in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (s.duplicates.length) print(`${s.duplicates.filter((d) => d.kind === 'same id').length} duplicate tasks kept once; ${s.duplicates.filter((d) => d.kind === 'same content').length} tasks with the same content as another (see stats.json)`);
  if (bad.length) print(`${bad.length} sources skipped:\n${bad.map((b) => `  ${b.file}: ${b.error}`).join('\n')}`);
  return 0;
}
