// Every string field of a step, and how it is scrubbed: one list, read by
// re-scrub (CLI `scrub`, `pack --config`) and checked by a unit test that
// walks the step schema and fails on a string field missing here. Every step
// the worker stores passes through it too, as its final strings (see
// step-boundary); the page scrubs what it sends first (see content/recorder).
import type { Step } from '../schema';
import type { Scrubber } from './scrubber';
import { rescrubDomTree } from './dom-tree-rescrub';
import { scrubTreeRuns } from './inline-runs';

/**
 * text: rules + NER; lines: each line as text on its own (a tree of one node per line, whose names and texts
 * never span lines: 5-10x faster than the whole string); url: URL-aware; xml: text and attribute values of the
 * tree; kept: the recorder's own values, with why.
 */
export type FieldScrub = 'text' | 'lines' | 'url' | 'xml' | { kept: string };

export const STEP_STRING_FIELDS: Record<string, FieldScrub> = {
  task_id: { kept: 'a UUID the extension made' },
  thought_trace: 'text',
  'observation.screenshot_path': { kept: 'a path the exporter made from ids' },
  'observation.dom_tree': 'xml',
  'observation.active_window': 'text',
  'observation.axtree': 'lines',
  'observation.url': 'url',
  'observation.screenshot_note': { kept: "the extension's own words" },
  'action.type': { kept: 'one of the action types' },
  'action.text': 'text',
  'action.key': { kept: 'a key name; no key typed in a sensitive field is recorded' },
  'action.value': 'text',
  'action.label': 'text',
  'action.url': 'url',
  'action.navigation': { kept: 'one of the navigation kinds' },
  'action.files[]': 'text',
  'action.scroll.selector': 'text',
  'target.tag': { kept: 'an element name' },
  'target.selector': 'text',
  'target.xpath': { kept: 'positional steps with element names only' },
  'target.role': { kept: 'an ARIA role' },
  'target.name': 'text',
  'target.text': 'text',
  'replay.status': { kept: 'ok, failed or skipped' },
  'replay.reason': 'text',
};

type Json = Record<string, unknown>;

/**
 * Scrub every listed field of `step` in place of a copy, except those in `skip`; counts by rule go to `counts`.
 * Only changes count: a value scrubbed before (a URL's secret parameter, already a placeholder) is not counted again.
 * Then the observation's trees have their inline runs read joined, `skip` or not: a tree scrubbed node by node
 * elsewhere (in the page) was never read across its nodes; what that changed under the target, in its name and text. Any object with a step's fields: a step, a step
 * without its thought yet, a final state (core/final-state).
 */
export function scrubStepFields<S extends Partial<Step>>(step: S, scrubber: Scrubber, counts: Record<string, number>, skip: ReadonlySet<string> = new Set()): S {
  const tally = (spans: { rule: string }[]): void => spans.forEach((s) => { counts[s.rule] = (counts[s.rule] ?? 0) + 1; });
  const apply = (how: FieldScrub, value: string): string => {
    if (typeof how === 'object') return value;
    // Trees are read node by node here; their inline runs, joined, after every field (scrubTreeRuns).
    if (how === 'xml') return rescrubDomTree(value, scrubber, counts);
    if (how === 'lines') return value.split('\n').map((line) => apply('text', line)).join('\n');
    const r = how === 'url' ? scrubber.redactUrl(value) : scrubber.redact(value);
    if (r.text !== value) tally(r.spans);
    return r.text;
  };
  const out = structuredClone(step) as unknown as Json;
  for (const [path, how] of Object.entries(STEP_STRING_FIELDS)) {
    if (skip.has(path)) continue;
    const keys = path.replace(/\[\]$/, '').split('.');
    const parent = keys.slice(0, -1).reduce<Json | null>((o, k) => (o && typeof o[k] === 'object' ? (o[k] as Json) : null), out);
    const last = keys[keys.length - 1]!;
    if (!parent || parent[last] === undefined || parent[last] === null) continue;
    parent[last] = path.endsWith('[]') ? (parent[last] as string[]).map((v) => apply(how, v)) : apply(how, parent[last] as string);
  }
  const observation = out.observation as Step['observation'] | undefined;
  if (observation && typeof observation.dom_tree === 'string') {
    const runs = scrubTreeRuns(observation, scrubber, counts);
    observation.dom_tree = runs.dom_tree;
    if (runs.axtree !== undefined) observation.axtree = runs.axtree;
    // The target's name and text are read from its element, whose pieces the runs may have changed.
    const target = out.target as Step['target'] | undefined;
    if (target) {
      target.name = runs.underElement(target.element_id, target.name);
      target.text = runs.underElement(target.element_id, target.text);
    }
  }
  return out as unknown as S;
}
