// config/scrubber.yaml is what users read to learn the rules: every rule the
// scrubber can produce must be listed there (a rule missing from it is on
// without anyone being told), and every entity type under `ner.entities`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUILTIN_FINDERS, BUILTIN_PATTERNS as BUILTIN_RECOGNIZERS } from '../../src/core/scrub/recognizers/registry';
import { ENTITY_TYPES } from '../../src/core/scrub/config';

const yaml = parse(readFileSync(new URL('../../config/scrubber.yaml', import.meta.url), 'utf8')) as {
  rules: Record<string, boolean>;
  ner: { entities: string[] };
};
const ruleNames = [...new Set([...BUILTIN_RECOGNIZERS.map((r) => r.name), ...BUILTIN_FINDERS.map((f) => f.name)])];

describe('config/scrubber.yaml documents every rule', () => {
  it.each(ruleNames)('rules: lists %s', (name) => {
    expect(Object.keys(yaml.rules), `${name} is not under rules: in config/scrubber.yaml`).toContain(name);
  });
  it('lists no rule the scrubber does not have', () => {
    expect(Object.keys(yaml.rules).filter((k) => !ruleNames.includes(k))).toEqual([]);
  });
  it.each(ENTITY_TYPES)('ner.entities lists %s', (type) => expect(yaml.ner.entities).toContain(type));
});
