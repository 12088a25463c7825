import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StepSchema, type Action, type ActionJson } from '../../src/core/schema';
import { STEP_STRING_FIELDS, scrubStepFields } from '../../src/core/scrub/step-fields';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { parseScrubConfig } from '../../src/core/scrub/config';
import { DEFAULT_CONFIG_TEXT } from '../../src/core/scrub/default-config';
import { step } from './fixtures';

type Node = { type?: string | string[]; properties?: Record<string, Node>; items?: Node | Node[]; anyOf?: Node[]; oneOf?: Node[]; prefixItems?: Node[] };

/** Paths of every string-valued field in a JSON Schema ("a.b", arrays of strings as "a.b[]"). */
function stringPaths(node: Node, path: string): string[] {
  const variants = [...(node.anyOf ?? []), ...(node.oneOf ?? [])];
  if (variants.length) return [...new Set(variants.flatMap((v) => stringPaths(v, path)))];
  const types = Array.isArray(node.type) ? node.type : [node.type];
  if (types.includes('string')) return [path];
  if (node.properties) return Object.entries(node.properties).flatMap(([k, v]) => stringPaths(v, path ? `${path}.${k}` : k));
  if (types.includes('array') && node.items && !Array.isArray(node.items)) return stringPaths(node.items, `${path}[]`).filter((p) => p.endsWith('[]'));
  return [];
}

describe('step string fields', () => {
  it('every string field of the step schema is either scrubbed or kept with a reason', () => {
    const paths = stringPaths(z.toJSONSchema(StepSchema) as Node, '');
    expect(paths.length).toBeGreaterThan(15);
    const missing = paths.filter((p) => !(p in STEP_STRING_FIELDS));
    expect(missing, `add these to src/core/scrub/step-fields.ts: ${missing.join(', ')}`).toEqual([]);
    const stale = Object.keys(STEP_STRING_FIELDS).filter((p) => !paths.includes(p));
    expect(stale, 'listed fields that the schema no longer has').toEqual([]);
  });

  it('scrubs each listed field and leaves the kept ones', () => {
    const parsed = parseScrubConfig(DEFAULT_CONFIG_TEXT.replace(/^ner:\n {2}enabled: true/m, 'ner:\n  enabled: false'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const scrubber = createScrubber(parsed.config, null);
    const secret = 'jane.roe@example-mail.com';
    // Every action string field on one action, which no one action type has: the walk meets each.
    const every: ActionJson = { type: 'type', coordinates: null, element_id: 42, text: secret, value: secret, label: secret, url: `/u/${secret}`, files: [secret], key: 'Enter' };
    const dirty = step(1, {
      thought_trace: `Mail ${secret}`,
      action: every as Action,
      target: { element_id: 42, tag: 'input', selector: `#${secret}`, xpath: '/html[1]/body[1]/input[1]', role: 'textbox', name: secret, text: secret, bbox: { x: 0, y: 0, width: 1, height: 1 } },
    });
    dirty.observation.active_window = secret;
    dirty.observation.url = `https://x.example/?email=${secret}`;
    dirty.observation.dom_tree = `<html id="1"><body id="2" title="${secret}">${secret}</body></html>`;
    const counts: Record<string, number> = {};
    const clean = scrubStepFields(dirty, scrubber, counts);
    expect(JSON.stringify(clean)).not.toContain(secret);
    expect(clean.action.key).toBe('Enter');
    expect(clean.target!.xpath).toBe('/html[1]/body[1]/input[1]');
    expect(counts.email).toBeGreaterThanOrEqual(10);
    expect(JSON.stringify(dirty)).toContain(secret);
  });
});
