// Scores the privacy filter on the labelled corpus (bench/privacy-corpus.mjs):
// - strict recall: a value counts only if none of its characters survive;
// - lenient recall: any of its characters redacted;
// - hard negatives unchanged: the share of no-secret texts left exactly as they were;
// - over-redaction: the share of the other (non-space) characters in texts
//   with secrets that were removed too (labels, titles, link paths).
// `redact` is the scrubber's own redact(): the code path of the extension and the CLI.
// A label may be `optional` (a country in presidio-synth: neither caught nor missed, never over-redaction) or
// carry `ignore` ranges (a country's name inside an address block), whose characters are not scored.

/** Per character: is it inside one of the spans? */
function covered(text, spans) {
  const mask = new Uint8Array(text.length);
  for (const s of spans) mask.fill(1, Math.max(0, s.start), Math.min(text.length, s.end));
  return mask;
}

export function scoreCorpus(items, redact) {
  const byType = {};
  const row = (t) => (byType[t] ??= { type: t, labelled: 0, strict: 0, lenient: 0 });
  let negatives = 0;
  let negativesUnchanged = 0;
  let otherChars = 0;
  let otherRedacted = 0;
  const misses = [];
  const falsePositives = [];
  const overRedacted = [];
  for (const item of items) {
    const result = redact(item.text);
    const mask = covered(item.text, result.spans);
    const required = item.labels.filter((l) => !l.optional);
    if (item.labels.length === 0) {
      negatives++;
      if (result.text === item.text) negativesUnchanged++;
      else falsePositives.push({ id: item.id, text: item.text, got: result.text });
      continue;
    }
    const inLabel = new Uint8Array(item.text.length);
    for (const l of item.labels) inLabel.fill(1, l.start, l.end);
    for (const l of required) {
      const skip = new Set();
      for (const [a, b] of l.ignore ?? []) for (let i = a; i < b; i++) skip.add(i);
      const r = row(l.type);
      r.labelled++;
      let kept = 0;
      let hit = 0;
      for (let i = l.start; i < l.end; i++) {
        if (/\s/.test(item.text[i]) || skip.has(i)) continue;
        if (mask[i]) hit++;
        else kept++;
      }
      if (kept === 0) r.strict++;
      if (hit > 0) r.lenient++;
      if (kept > 0) misses.push({ id: item.id, type: l.type, value: l.value, got: result.text, text: item.text });
    }
    let over = '';
    for (let i = 0; i < item.text.length; i++) {
      if (inLabel[i] || /\s/.test(item.text[i])) continue;
      otherChars++;
      if (mask[i]) {
        otherRedacted++;
        over += item.text[i];
      }
    }
    if (over) overRedacted.push({ id: item.id, chars: over, got: result.text });
  }
  const types = Object.values(byType).sort((a, b) => a.type.localeCompare(b.type))
    .map((r) => ({ ...r, strict_recall: r.strict / r.labelled, lenient_recall: r.lenient / r.labelled }));
  const labelled = types.reduce((n, r) => n + r.labelled, 0);
  return {
    items: items.length, labelled, negatives,
    strict_recall: types.reduce((n, r) => n + r.strict, 0) / labelled,
    lenient_recall: types.reduce((n, r) => n + r.lenient, 0) / labelled,
    negatives_unchanged: negatives ? negativesUnchanged / negatives : 1,
    over_redaction: otherChars ? otherRedacted / otherChars : 0,
    types, misses, falsePositives, overRedacted,
  };
}
