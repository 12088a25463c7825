// Rule work reads here: one evaluation set's tune half, with every miss, every changed hard negative and
// (with --type over) every over-redaction printed. Never pass --split test while changing rules.
//   node --import tsx bench/privacy-tune.mjs --set own|presidio|pages [--type person|negative|over] [--split tune]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluationSets, scoreSet } from './privacy-sets.mjs';
import { parseScrubConfig } from '../src/core/scrub/config.ts';
import { createScrubber } from '../src/core/scrub/scrubber.ts';
import { defaultEntityRecognizer } from '../src/core/scrub/cued-entities.ts';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const set = arg('set', 'pages');
const split = arg('split', 'tune');
const only = arg('type', null);
const parsed = parseScrubConfig(readFileSync(join(import.meta.dirname, '../config/scrubber.yaml'), 'utf8'));
const scrubber = createScrubber(parsed.config, defaultEntityRecognizer());
const items = evaluationSets()[set];
if (!items) throw new Error(`no set ${set} here`);
const { summary, detail: s } = scoreSet(items, split, (t) => scrubber.redact(t));
const show = (t) => JSON.stringify(t.length > 300 ? `${t.slice(0, 300)}…` : t);
for (const m of s.misses.filter((m) => !only || m.type === only)) console.log(`MISS ${m.type} «${m.value}» → ${show(m.got)}`);
if (!only || only === 'negative') for (const fp of s.falsePositives) console.log(`FP ${show(fp.text)} → ${show(fp.got)}`);
if (only === 'over') for (const o of s.overRedacted) console.log(`OVER «${o.chars}» → ${show(o.got)}`);
console.table(s.types.map((r) => ({ type: r.type, n: r.labelled, strict: r.strict_recall.toFixed(3), lenient: r.lenient_recall.toFixed(3) })));
const { per_type: _perType, ...rest } = summary;
console.log({ set, ...rest });
