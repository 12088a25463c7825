// Rule work looks here: the corpus's tuning split, with every miss and every
// changed hard negative printed. Never pass --split test while changing rules.
//   node --import tsx bench/privacy-corpus-tune.mjs [--type person] [--split tune]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCorpus } from './privacy-corpus.mjs';
import { scoreCorpus } from './privacy-corpus-score.mjs';
import { parseScrubConfig } from '../src/core/scrub/config.ts';
import { createScrubber } from '../src/core/scrub/scrubber.ts';
import { defaultEntityRecognizer } from '../src/core/scrub/cued-entities.ts';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const split = arg('split', 'tune');
const only = arg('type', null);
const parsed = parseScrubConfig(readFileSync(join(import.meta.dirname, '../config/scrubber.yaml'), 'utf8'));
const scrubber = createScrubber(parsed.config, defaultEntityRecognizer());
// --seed N draws a fresh sample from the same generator (its tune split only, unless --split test): more tuning data, never the test set.
const seed = Number(arg('seed', '20261126'));
const items = buildCorpus({ seed }).filter((i) => i.split === split);
const s = scoreCorpus(items, (t) => scrubber.redact(t));
for (const m of s.misses.filter((m) => !only || m.type === only)) console.log(`MISS ${m.type} «${m.value}» → ${JSON.stringify(m.got)}`);
if (!only || only === 'negative') for (const fp of s.falsePositives) console.log(`FP «${fp.text}» → ${JSON.stringify(fp.got)}`);
if (only === 'over') for (const o of s.overRedacted) console.log(`OVER «${o.chars}» → ${JSON.stringify(o.got)}`);
console.table(s.types.map((r) => ({ type: r.type, n: r.labelled, strict: r.strict_recall.toFixed(3), lenient: r.lenient_recall.toFixed(3) })));
console.log({ split, items: s.items, labelled: s.labelled, negatives: s.negatives, strict: s.strict_recall.toFixed(3), lenient: s.lenient_recall.toFixed(3), negatives_unchanged: s.negatives_unchanged.toFixed(3), over_redaction: s.over_redaction.toFixed(4) });
