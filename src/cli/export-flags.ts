// The command line's export flags: each export option (core/export-options)
// under its name in kebab case, plus the flags users already type, as aliases
// (`--dom` for `--include-dom`, `--dialogues` for `--formats`, and `--openai`,
// one flag per format that is off unless asked).
import { exportOptions, type ExportOptions } from '../core/export-options';
import { ACTION_STYLES } from '../core/action-format';
import { OBSERVATION_TREES } from '../core/observation-trees';
import { GROUNDING_FORMAT } from '../core/formats/registry';
import { DIALOGUE_FORMATS, type DialogueFormat, type DialogueFormatId } from '../core/formats/registry';
import { OUTCOME_FILTERS, parseOutcomeFilter, type OutcomeFilter } from '../core/outcome';
import { UsageError } from './usage-error';

const OPT_IN = DIALOGUE_FORMATS.filter((f) => !f.defaultOn);

/** For parseArgs. */
export const EXPORT_FLAGS = {
  formats: { type: 'string' }, dialogues: { type: 'string' },
  'action-style': { type: 'string' }, 'include-dom': { type: 'boolean' }, dom: { type: 'boolean' },
  window: { type: 'string' }, 'max-images': { type: 'string' }, detail: { type: 'string' }, 'image-url-prefix': { type: 'string' },
  'min-replay': { type: 'string' }, coordinates: { type: 'string' }, observation: { type: 'string' }, grounding: { type: 'boolean' },
  ...Object.fromEntries(OPT_IN.map((f) => [f.id, { type: 'boolean' }])),
} as const satisfies Record<string, { type: 'string' | 'boolean' }>;

/** parseArgs' values. */
export type FlagValues = Readonly<Record<string, string | boolean | undefined>>;

const whole = (v: string | boolean | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new UsageError(`--${name} is a whole number of at least 0`);
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} is a whole number of at least 0`);
  return Number(v);
};

/**
 * The export options a command line asks for. `formats` are the command's defaults (pack writes the sharegpt
 * config alone unless asked) and `allowed` the formats it can write (pack: those with a Parquet config).
 */
export function exportOptionsFromFlags(v: FlagValues, o: { formats: readonly DialogueFormatId[]; allowed: readonly DialogueFormat[] }): ExportOptions {
  const style = (v['action-style'] as string | undefined) ?? 'json';
  if (!(ACTION_STYLES as readonly string[]).includes(style)) throw new UsageError(`--action-style is one of ${ACTION_STYLES.join(', ')}`);
  const list = (v.formats ?? v.dialogues) as string | undefined;
  const listed = list === undefined ? [...o.formats] : list.split(',').map((x) => x.trim()).filter((x) => x && x !== 'none');
  // Grounding rows are named with the dialogues (`--dialogues grounding`) but are their own option: rows, not examples.
  const grounding = v.grounding === true || listed.includes(GROUNDING_FORMAT.id);
  const named = listed.filter((x) => x !== GROUNDING_FORMAT.id);
  const known = o.allowed.map((f) => f.id as string);
  const unknown = named.filter((x) => !known.includes(x));
  if (unknown.length) throw new UsageError(`unknown format ${unknown.join(', ')}; formats: ${[...known, GROUNDING_FORMAT.id].join(', ')}, or none`);
  // `--openai` adds its format to the defaults.
  for (const f of OPT_IN) if (v[f.id] === true && list === undefined && known.includes(f.id) && !named.includes(f.id)) named.push(f.id);
  const detail = v.detail as string | undefined;
  if (detail !== undefined && detail !== 'low') throw new UsageError('--detail takes only "low"');
  const coordinates = v.coordinates as string | undefined;
  if (coordinates !== undefined && coordinates !== 'pixels' && coordinates !== 'normalized') throw new UsageError('--coordinates is pixels or normalized');
  const observation = v.observation as string | undefined;
  if (observation !== undefined && !(OBSERVATION_TREES as readonly string[]).includes(observation)) throw new UsageError(`--observation is one of ${OBSERVATION_TREES.join(', ')}`);
  const minReplay = v['min-replay'] as string | undefined;
  if (minReplay !== undefined && !(Number(minReplay) >= 0 && Number(minReplay) <= 1)) throw new UsageError('--min-replay is a share between 0 and 1, e.g. 0.9');
  return exportOptions({
    // In the registry's order, whatever order they were named in.
    formats: o.allowed.filter((f) => named.includes(f.id)).map((f) => f.id),
    actionStyle: style,
    // Naming a tree asks for it: `--observation axtree` alone puts the axtree in each observation.
    includeDom: v['include-dom'] === true || v.dom === true || observation !== undefined,
    observation,
    grounding,
    window: whole(v.window, 'window'),
    maxImages: whole(v['max-images'], 'max-images'),
    detail,
    imageUrlPrefix: v['image-url-prefix'] as string | undefined,
    minReplay: minReplay === undefined ? undefined : Number(minReplay),
    coordinates,
  });
}

/** `--outcome`, read apart from the export options: it filters tasks by their reviewer's label (core/outcome). */
export function outcomeFlag(v: string | undefined): OutcomeFilter[] | null {
  if (v === undefined) return null;
  const parsed = parseOutcomeFilter(v);
  if (typeof parsed === 'string') throw new UsageError(parsed);
  return parsed;
}

/** How the usage writes `--outcome` (format and pack). */
export const OUTCOME_SYNOPSIS = `[--outcome ${OUTCOME_FILTERS.join('|')},…]`;
