// Builds src/core/scrub/name-lexicon.json: first names and surnames from
// @faker-js/faker's locale data (real names per language, MIT licence), for
// the locales whose scripts the recogniser reads (Latin scripts and
// Japanese). A third of the names, chosen by hash (bench/privacy-corpus.mjs
// heldOutName), is left out on purpose, so the privacy bench can measure
// recall on names the lexicon has never seen.
//   node scripts/build-name-lexicon.mjs
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allFakers } from '@faker-js/faker';
import { heldOutName } from '../bench/privacy-corpus.mjs';

const SCRIPTS = /^[\p{Script=Latin}\p{M}'’ -]+$|^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+$/u;
const first = new Set();
const last = new Set();
const values = (v) => (Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v).flatMap(values) : []);
for (const [locale, faker] of Object.entries(allFakers)) {
  if (/^(en_BORK|base)$/.test(locale)) continue;
  const person = faker.rawDefinitions?.person;
  if (!person) continue;
  for (const [set, list] of [[first, person.first_name], [last, person.last_name]]) {
    for (const name of values(list)) {
      if (typeof name !== 'string' || name.length < 2 || !SCRIPTS.test(name) || heldOutName(name)) continue;
      set.add(name.toLowerCase());
    }
  }
}
const out = {
  source: '@faker-js/faker locale data (first_name, last_name), Latin-script locales and ja',
  held_out: 'one name in three by hash, for the privacy bench (bench/privacy-corpus.mjs heldOutName)',
  first: [...first].sort().join('|'),
  last: [...last].sort().join('|'),
};
writeFileSync(join(import.meta.dirname, '../src/core/scrub/name-lexicon.json'), `${JSON.stringify(out, null, 1)}\n`);
console.log(`${first.size} first names, ${last.size} surnames`);
