// Refreshes src/core/scrub/vendor-secrets.json from gitleaks' maintained rule
// set (config/gitleaks.toml, MIT licence), so vendor token formats come from
// the people who track them rather than from us.
//   node scripts/vendor-secret-rules.mjs path/to/gitleaks.toml <commit>
// Each rule keeps its id, its RE2 pattern (run by re2js, linear time), the
// capture group that is the secret, its entropy floor and its keywords (a
// cheap pre-filter: a rule runs only on text that holds one of them).
// Rules that only match file paths, and those re2js cannot compile, are left out.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { RE2JS } from 're2js';

const [tomlPath, commit] = process.argv.slice(2);
if (!tomlPath || !commit) {
  console.error('usage: node scripts/vendor-secret-rules.mjs <gitleaks.toml> <commit>');
  process.exit(2);
}
const toml = parse(readFileSync(tomlPath, 'utf8'));
const rules = [];
const skipped = [];
for (const r of toml.rules) {
  if (!r.regex) {
    skipped.push(`${r.id} (path only)`);
    continue;
  }
  // Go's (?i) and friends: re2js takes them inline too.
  try {
    RE2JS.compile(r.regex);
  } catch (error) {
    skipped.push(`${r.id} (${error.message})`);
    continue;
  }
  rules.push({ id: r.id, regex: r.regex, group: r.secretGroup ?? null, entropy: r.entropy ?? null, keywords: (r.keywords ?? []).map((k) => k.toLowerCase()) });
}
const out = {
  source: 'https://github.com/gitleaks/gitleaks/blob/master/config/gitleaks.toml',
  commit, licence: 'MIT (c) 2019 Zachary Rice',
  rules,
};
writeFileSync(join(import.meta.dirname, '../src/core/scrub/vendor-secrets.json'), `${JSON.stringify(out, null, 0).replace(/\{"id"/g, '\n{"id"')}\n`);
console.log(`${rules.length} rules written; skipped ${skipped.length}: ${skipped.join(', ')}`);
