// Microsoft presidio-research's synthetic PII set (../shared/pii-eval/presidio-synth/, MIT): 1,500 sentences of
// English prose and forms written by other people, as a second, independent evaluation set. Its types are
// mapped as ../shared/pii-eval/README.md says:
// - PERSON, STREET_ADDRESS, ZIP_CODE (address), ORGANIZATION, CREDIT_CARD, PHONE_NUMBER, EMAIL_ADDRESS, IBAN_CODE,
//   US_SSN, IP_ADDRESS, US_DRIVER_LICENSE must be redacted;
// - GPE (cities, regions, countries) must be redacted, except countries, which are optional: a country span, or a
//   country's name inside an address block, counts neither as caught nor missed, nor as over-redaction;
// - DATE_TIME, AGE, TITLE, NRP, DOMAIN_NAME must stay: they are outside every label, so redacting them counts as
//   over-redaction.
// Items are split in two halves by a hash of their id (tune / test): rule work reads only the tune half's misses.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fnv } from './privacy-corpus.mjs';
import { addRegionNames } from '../src/core/scrub/region-names.ts';

export const PRESIDIO_PATH = join(import.meta.dirname, '../../shared/pii-eval/presidio-synth/synth_dataset_v2.json');

const TYPES = {
  PERSON: 'person', STREET_ADDRESS: 'address', ZIP_CODE: 'address', GPE: 'place', ORGANIZATION: 'organization',
  CREDIT_CARD: 'card', PHONE_NUMBER: 'phone', EMAIL_ADDRESS: 'email', IBAN_CODE: 'iban', US_SSN: 'id_number',
  IP_ADDRESS: 'ip', US_DRIVER_LICENSE: 'id_number',
};

/** Country names in English (from the runtime's ICU data) and the short forms prose uses. */
function countryNames() {
  const names = new Set(['usa', 'us', 'u.s.', 'u.s.a.', 'uk', 'u.k.', 'america', 'the united states', 'united states of america', 'the netherlands', 'holland', 'england', 'scotland', 'wales', 'northern ireland', 'great britain', 'britain', 'czechia', 'cyprus (greek)', 'greenland', 'nan']);
  return addRegionNames('en', names);
}

export const isTestPresidio = (id) => fnv(`split:${id}`) % 2 === 0;

/** The set as labelled items ({ id, text, labels, split }), or null when the data is not on this machine. */
export function loadPresidio(path = PRESIDIO_PATH) {
  if (!existsSync(path)) return null;
  const data = JSON.parse(readFileSync(path, 'utf8'));
  const countries = countryNames();
  const countryRe = new RegExp(`(?<![\\p{L}])(?:${[...countries].filter((c) => c.length > 3).sort((a, b) => b.length - a.length).map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}])`, 'giu');
  return data.map((r, i) => {
    const id = `presidio:${i}`;
    const labels = [];
    for (const s of r.spans) {
      const type = TYPES[s.entity_type];
      if (!type) continue;
      const value = r.full_text.slice(s.start_position, s.end_position);
      const label = { type, value, start: s.start_position, end: s.end_position };
      if (type === 'place' && countries.has(value.trim().toLowerCase())) label.optional = true;
      if (type === 'address') {
        // A country's name inside an address block is optional: mark its characters to be skipped.
        const ignore = [];
        countryRe.lastIndex = 0;
        for (let m = countryRe.exec(value); m; m = countryRe.exec(value)) ignore.push([s.start_position + m.index, s.start_position + m.index + m[0].length]);
        if (ignore.length) label.ignore = ignore;
      }
      labels.push(label);
    }
    return { id, locale: 'en', shape: String(r.template_id ?? ''), text: r.full_text, labels, split: isTestPresidio(id) ? 'test' : 'tune' };
  });
}
