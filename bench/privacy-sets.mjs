// The three evaluation sets of the privacy filter, side by side (issue 23, item 5):
// - own: the project's corpus (privacy-corpus.mjs), faker values in page-like templates, 12 locales;
// - presidio-synth: Microsoft presidio-research's synthetic prose (privacy-presidio.mjs), written by others;
// - pages: page structures (forms, tables, chats, mail headers, address blocks of 21 countries, catalogues,
//   release notes, timetables, bookshop pages) with values from a separate generator (privacy-pages.mjs).
// Each is split into a tune half and a test half by a hash of the item's id; figures are the test half's.
import { buildCorpus } from './privacy-corpus.mjs';
import { loadPresidio } from './privacy-presidio.mjs';
import { buildPages } from './privacy-pages.mjs';
import { scoreCorpus } from './privacy-corpus-score.mjs';

export const SET_NAMES = ['own', 'presidio', 'pages'];

/** { name: items } of every set on this machine (presidio-synth lives outside the repository). */
export function evaluationSets() {
  const sets = { own: buildCorpus(), pages: buildPages() };
  const presidio = loadPresidio();
  if (presidio) sets.presidio = presidio;
  return sets;
}

const r3 = (x) => Math.round(x * 1000) / 1000;

/** One set's split through `redact`: strict and lenient recall overall and per type, negatives, over-redaction. */
export function scoreSet(items, split, redact) {
  const chosen = items.filter((i) => i.split === split);
  const s = scoreCorpus(chosen, redact);
  return {
    summary: {
      items: items.length, split, split_items: chosen.length, labelled: s.labelled, negatives: s.negatives,
      strict_recall: r3(s.strict_recall), lenient_recall: r3(s.lenient_recall),
      negatives_unchanged: r3(s.negatives_unchanged), over_redaction: Math.round(s.over_redaction * 10000) / 10000,
      per_type: Object.fromEntries(s.types.map((t) => [t.type, { labelled: t.labelled, strict: r3(t.strict_recall) }])),
    },
    detail: s,
  };
}
