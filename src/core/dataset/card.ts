// The dataset card (README.md) of a packed dataset: YAML front matter that
// the Hugging Face Hub and `datasets` read (configs with data_files per
// split, features, task categories, a license placeholder), then prose: what
// was recorded, how it was scrubbed, counts, columns, how to load it.
// Hubs render the card, so nothing from the inputs goes in as Markdown: file
// names, errors, sites and action names are escaped as text (safe-text), and
// hashes go in only if they are hashes.
import { stringify } from 'yaml';
import { isHash, markdownText } from '../safe-text';
import { STEP_COLUMNS, columnDocs, type Field } from './columns';
import { hfYamlFeatures } from './hf-features';
import type { SplitName } from './split';
import { DIALOGUES, GROUNDING_FORMAT, type DialogueFormatId } from '../formats/registry';

export interface PackSummary {
  tasks: number;
  steps: number;
  screenshots: number;
  splits: Record<SplitName, { tasks: number; steps: number; files: string[] }>;
  sources: { file: string; tasks: number; steps: number; error?: string }[];
  domains: Record<string, number>;
  /** Steps per language their page declared (<html lang>), for the card's `language:`. */
  languages: Record<string, number>;
  actionTypes: Record<string, number>;
  scrubConfigHashes: string[];
  rescrubbedWith: string | null;
  extensionVersions: string[];
  duplicates: { taskId: string; source: string; kind: 'same id' | 'same content'; keptFrom: string }[];
  filtered: { taskId: string; source: string; reason: string }[];
  /** Dialogue configs written beside the steps (sharegpt, messages). */
  dialogues: DialogueFormatId[];
  /** Rows of the grounding config per split (`--dialogues grounding`), when it was written. */
  grounding?: Record<SplitName, number>;
  /** Manifest values that should have been hashes and were not: left out of the card and the rows. */
  notHashes: { source: string; field: string }[];
}

/** A Markdown table whose cells are text (from the inputs: escaped as text), or this file's own Markdown when `ours`. */
const table = (head: string[], rows: string[][], ours = false): string =>
  [head, head.map(() => '---'), ...rows.map((r) => (ours ? r : r.map(markdownText)))].map((r) => `| ${r.join(' | ')} |`).join('\n');

/** A config's columns; its row count per split, where known (a dialogue config's example count is not kept). */
interface CardConfig { name: string; columns: readonly Field[]; rows(split: SplitName): number | undefined }

export function datasetCard(s: PackSummary, createdAt: Date): string {
  const splits = (Object.keys(s.splits) as SplitName[]).filter((k) => s.splits[k].steps > 0);
  const configs: CardConfig[] = [
    { name: 'default', columns: STEP_COLUMNS, rows: (split) => s.splits[split].steps },
    ...s.dialogues.flatMap((d) => {
      const columns = DIALOGUES[d].parquet?.columns;
      return columns ? [{ name: d, columns, rows: () => undefined }] : [];
    }),
    ...(s.grounding ? [{ name: GROUNDING_FORMAT.id, columns: GROUNDING_FORMAT.parquet.columns, rows: (split: SplitName) => s.grounding![split] }] : []),
  ];
  const languages = Object.entries(s.languages).sort((a, b) => b[1] - a[1]).map(([lang]) => lang);
  const front = {
    pretty_name: 'ALIEN Dataflow web demonstrations',
    // A placeholder until the publisher chooses: the Hub wants a name and a link with `other`.
    license: 'other',
    license_name: 'unspecified',
    license_link: 'LICENSE',
    ...(languages.length ? { language: languages } : {}),
    task_categories: ['image-text-to-text'],
    tags: ['web-agents', 'browser-automation', 'demonstrations', 'gui-agents', 'alien-dataflow'],
    size_categories: [s.steps < 1000 ? 'n<1K' : s.steps < 10_000 ? '1K<n<10K' : s.steps < 100_000 ? '10K<n<100K' : '100K<n<1M'],
    configs: [
      { config_name: 'default', default: true, data_files: splits.map((split) => ({ split, path: `data/${split}-*.parquet` })) },
      ...[...s.dialogues, ...(s.grounding ? [GROUNDING_FORMAT.id] : [])].map((d) => ({ config_name: d, data_files: splits.map((split) => ({ split, path: `${d}/${split}-*.parquet` })) })),
    ],
    // One entry per config, so `load_dataset(repo, "sharegpt")` types its images as it does the default's.
    dataset_info: configs.map(({ name, columns, rows }) => ({
      config_name: name,
      features: hfYamlFeatures(columns),
      // `datasets` checks the row counts given here: a config whose counts pack does not keep gives none.
      ...(splits.every((split) => rows(split) !== undefined) ? { splits: splits.map((split) => ({ name: split, num_examples: rows(split) })) } : {}),
    })),
  };
  const domains = Object.entries(s.domains).sort((a, b) => b[1] - a[1]);
  const actions = Object.entries(s.actionTypes).sort((a, b) => b[1] - a[1]);
  const hashes = s.scrubConfigHashes.filter(isHash);
  // Written so YAML 1.1 reads it as 1.2 does: the Hub reads a card's metadata with PyYAML (1.1), where an
  // unquoted `no` (Norwegian, <html lang="no">), `on` or `yes` is a boolean, not a language.
  return `---
${stringify(front, { lineWidth: 0, version: '1.1' }).trim()}
---

# ALIEN Dataflow web demonstrations

People doing real tasks in a browser, recorded with the ALIEN Dataflow extension: one row per step, with the
screenshot the person saw before acting, the page's DOM (every element carries \`id="N"\`), the task, a thought
and the action in four styles (JSON, a Python call, BrowserGym's action space, pyautogui). Packed on
${createdAt.toISOString()} from ${s.sources.filter((x) => !x.error).length} export(s).

**Before publishing:** set \`license\` above (or \`license_name\` and a \`LICENSE\` file), check \`language\` (from the
pages' own \`lang\`; absent when no page declared one), and check the domains below against what you may release
(\`alien-dataflow pack --domains allow.txt\` / \`--exclude-domains deny.txt\`).

## Privacy

Text and screenshots were scrubbed on the recording machine before anything was stored (patterns, named
entities, sensitive fields, OCR of images). Scrubber config hash(es): ${hashes.map((h) => `\`${h}\``).join(', ') || 'unknown'}.
${s.rescrubbedWith && isHash(s.rescrubbedWith) ? `Text was scrubbed again while packing with config \`${s.rescrubbedWith}\`.` : 'Text was not re-scrubbed while packing.'}${s.notHashes.length ? `\n${s.notHashes.length} manifest value(s) that should be hashes were not (see \`stats.json\`), and were left out.` : ''}
Names of source zips and a salted hash of the demonstrator (when one was set) are kept per row for provenance.

## Counts

${table(['split', 'tasks', 'steps'], splits.map((k) => [k, String(s.splits[k].tasks), String(s.splits[k].steps)]))}

${s.tasks} tasks, ${s.steps} steps, ${s.screenshots} screenshots. Splits are by task (a hash of \`task_id\`), so a
task is never spread over two splits, and re-packing with more data never moves a task.

Steps per site (registrable domain):

${table(['site', 'steps'], domains.map(([d, n]) => [d, String(n)]))}

Actions: ${actions.map(([k, n]) => `${markdownText(k)} ${n}`).join(', ')}.

## Columns

${table(['column', 'type', 'meaning'], columnDocs(STEP_COLUMNS).map((c) => [`\`${c.name}\``, markdownText(c.type), markdownText(c.doc)]), true)}

${s.dialogues.length ? `## Training dialogues

${s.dialogues.map((d) => `\`${d}/\``).join(' and ')} hold the same steps as training examples, one row per example: each repeats the
task, lists the earlier actions and carries the current screenshot (inline); a confirmed task ends with a done
turn. \`dataset_info.json\` registers \`sharegpt\` with LLaMA-Factory, its system column mapped. Load one with
\`load_dataset("parquet", data_dir="sharegpt")\` or \`load_dataset(<repo>, "sharegpt")\` once pushed.

` : ''}${s.grounding ? `## Grounding

\`grounding/\` holds one row per screenshot with every visible, named interactive element on it: \`instruction\`
(\`role 'name'\` from the step's \`axtree\`; for the acted-on element a second entry with the step's thought) and its
box from \`dom_tree\`, \`x1, y1, x2, y2\` in pixels of the screenshot and as fractions (\`*_norm\`). Elements whose
name holds a redaction are left out; a name on two different boxes is left out as ambiguous. A screenshot that is
not fresh (\`screenshot_fresh\` false: a stand-in, or taken before the page last changed) has no row. Load it with
\`load_dataset(<repo>, "grounding")\`.

` : ''}## Load it

\`\`\`python
from datasets import load_dataset
ds = load_dataset("parquet", data_dir="path/to/this/folder/data")   # or the Hub repo id once pushed
row = ds["train"][0]; row["image"]  # a PIL image
\`\`\`

\`\`\`sql
-- DuckDB
SELECT action.type, count(*) FROM 'data/train-*.parquet' GROUP BY 1 ORDER BY 2 DESC;
\`\`\`

\`\`\`python
# Beyond one machine (not run by this project's CI): Spark or Ray Data read the same files in parallel.
spark.read.parquet("data/").groupBy("site").count().show()
import ray; ray.data.read_parquet("data/").filter(lambda r: r["action"]["type"] == "click").count()
\`\`\`

## Sources

${table(['source', 'tasks', 'steps', 'note'], s.sources.map((x) => [x.file, String(x.tasks), String(x.steps), x.error ?? '']))}
${s.duplicates.length ? `\n${s.duplicates.length} duplicate task(s) dropped (same id) or reported (same content): see \`stats.json\`.\n` : ''}${s.filtered.length ? `\n${s.filtered.length} task(s) left out by the domain lists or \`--outcome\`: see \`stats.json\`.\n` : ''}`;
}
