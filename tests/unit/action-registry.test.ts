// The action registry is complete: every action type has its kind, and every
// kind gives a thought, both agent styles, a replay decision, its columns and
// how each of its string fields is scrubbed. The @ts-expect-error lines are
// the compiler's half of the proof: `npm run typecheck` fails if any of them
// stops being an error.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ACTIONS, causesNavigation, kindOf, type ActionRegistry } from '../../src/core/actions/registry';
import { ACTION_FIELD_ORDER, type ActionKind } from '../../src/core/actions/kind';
import type { TypeAction } from '../../src/core/actions/type';
import { typing } from '../../src/core/actions/type';
import { ACTION_TYPES, ActionSchema, StepSchema, type ActionMap, type ActionType } from '../../src/core/schema';
import { STEP_STRING_FIELDS } from '../../src/core/scrub/step-fields';
import { STEP_COLUMNS } from '../../src/core/dataset/columns';
import { defaultThoughtTrace } from '../../src/core/thought-trace';
import { browserGymAction, browserGymSubset, pyAutoGuiAction } from '../../src/core/agent-action-styles';
import { recorderFlow } from '../../src/core/recorder-flow';
import { step } from './fixtures';

// A registry without one type, or with a kind under another type's name, is no ActionRegistry.
const { drag: _drag, ...withoutDrag } = ACTIONS;
// @ts-expect-error drag has no entry
const incomplete: ActionRegistry = withoutDrag;
// @ts-expect-error click's kind filed as double_click
const misfiled: ActionRegistry = { ...ACTIONS, double_click: ACTIONS.click };
// @ts-expect-error a string field with no scrub
const unscrubbed: ActionKind<TypeAction> = { ...typing, scrubbed: {} };
// @ts-expect-error a field with no columns
const uncolumned: ActionKind<TypeAction> = { ...typing, columns: {} };
void [incomplete, misfiled, unscrubbed, uncolumned];

/** One action of each type with every field of its own set; the compiler asks for a new type's sample. */
const SAMPLE: { [K in ActionType]: ActionMap[K] } = {
  click: { type: 'click', coordinates: [60, 35], element_id: 42 },
  double_click: { type: 'double_click', coordinates: [60, 35], element_id: 42 },
  right_click: { type: 'right_click', coordinates: [60, 35], element_id: 42 },
  type: { type: 'type', coordinates: null, element_id: 42, text: 'usb cable' },
  key: { type: 'key', coordinates: null, element_id: 42, key: 'Enter' },
  select: { type: 'select', coordinates: [60, 35], element_id: 42, value: 'exp', label: 'Express' },
  check: { type: 'check', coordinates: [60, 35], element_id: 42, checked: true },
  scroll: { type: 'scroll', coordinates: [60, 35], element_id: null, scroll: { x: 0, y: 500, selector: 'div.grid' } },
  submit: { type: 'submit', coordinates: null, element_id: 42 },
  navigate: { type: 'navigate', coordinates: null, element_id: null, url: 'http://127.0.0.1/demo/', navigation: 'typed' },
  tab_switch: { type: 'tab_switch', coordinates: null, element_id: null, url: 'http://127.0.0.1/b', navigation: 'new_tab' },
  file: { type: 'file', coordinates: [60, 35], element_id: 42, files: ['a.pdf'] },
  drag: { type: 'drag', coordinates: [60, 35], element_id: 42, to: [200, 300] },
};

type Node = { type?: string | string[]; properties?: Record<string, Node>; items?: Node; anyOf?: Node[] };

/** String paths under an action's own fields, as step-fields writes them ("files[]", "scroll.selector"). */
function stringPaths(node: Node, path: string): string[] {
  if (node.anyOf) return node.anyOf.flatMap((v) => stringPaths(v, path));
  const types = Array.isArray(node.type) ? node.type : [node.type];
  if (types.includes('string')) return [path];
  if (node.properties) return Object.entries(node.properties).flatMap(([k, v]) => stringPaths(v, path ? `${path}.${k}` : k));
  if (types.includes('array') && node.items) return stringPaths(node.items, `${path}[]`).filter((p) => p.endsWith('[]'));
  return [];
}

describe('action registry', () => {
  it('has one kind per action type, in the schema\'s order, each under its own name', () => {
    expect(Object.keys(ACTIONS)).toEqual([...ACTION_TYPES]);
    for (const t of ACTION_TYPES) expect(ACTIONS[t].type).toBe(t);
  });

  it('names every field of every kind in ACTION_FIELD_ORDER, and no field no kind has', () => {
    const declared = new Set(ACTION_TYPES.flatMap((t) => Object.keys(ACTIONS[t].fields)));
    expect([...declared].sort()).toEqual([...ACTION_FIELD_ORDER].sort());
  });

  it.each(ACTION_TYPES)('%s gives a thought, both styles, a replay decision and its columns', (t) => {
    const s = step(1, { action: SAMPLE[t] });
    expect(defaultThoughtTrace(s.action, s.target)).toMatch(/\S/);
    expect(browserGymSubset(browserGymAction(s, { x: 0, y: 0 }))).not.toBeNull();
    expect(pyAutoGuiAction(s, { x: 0, y: 0 })).toMatch(/^(pyautogui\.|pyperclip\.|# )/);
    const { plan } = recorderFlow('t', [s]);
    expect(plan).toHaveLength(1);
    const decision = plan[0]!;
    expect('skip' in decision ? decision.skip : decision.flowSteps.length).toBeTruthy();
    const kind = kindOf(t);
    for (const field of Object.keys(kind.fields)) expect((kind.columns as Record<string, unknown[]>)[field], field).not.toHaveLength(0);
    expect(typeof causesNavigation(t)).toBe('boolean');
  });

  it.each(ACTION_TYPES)('%s lists how each of its string fields is scrubbed, as step-fields does', (t) => {
    const kind = kindOf(t);
    const paths = stringPaths(z.toJSONSchema(z.object(kind.fields)) as Node, '');
    expect(Object.keys(kind.scrubbed).sort()).toEqual(paths.sort());
    for (const [path, how] of Object.entries(kind.scrubbed)) expect(STEP_STRING_FIELDS[`action.${path}`], path).toEqual(how);
  });

  it('covers every action field step-fields lists', () => {
    const fromKinds = new Set(['action.type', ...ACTION_TYPES.flatMap((t) => Object.keys(kindOf(t).scrubbed).map((p) => `action.${p}`))]);
    expect(Object.keys(STEP_STRING_FIELDS).filter((p) => p.startsWith('action.')).sort()).toEqual([...fromKinds].sort());
  });

  it('gives a field shared by kinds one schema and one set of columns', () => {
    for (const field of ACTION_FIELD_ORDER) {
      const owners = ACTION_TYPES.filter((t) => field in ACTIONS[t].fields);
      const schemas = new Set(owners.map((t) => (ACTIONS[t].fields as Record<string, unknown>)[field]));
      expect(schemas.size, field).toBe(1);
      const columns = new Set(owners.map((t) => JSON.stringify((kindOf(t).columns as Record<string, { column: unknown }[]>)[field]!.map((c) => c.column))));
      expect(columns.size, field).toBe(1);
    }
  });

  it('packs the action struct as the common three and each field\'s columns', () => {
    const action = STEP_COLUMNS.find((c) => c.name === 'action');
    const names = action && 'struct' in action ? action.struct.map((c) => c.name) : [];
    expect(names).toEqual(['type', 'coordinates', 'element_id', 'text', 'key', 'value', 'label', 'checked', 'url', 'navigation',
      'scroll_x', 'scroll_y', 'scroll_selector', 'files', 'to']);
  });

  it('parses each type as its own member: its fields kept in contract order, another type\'s dropped', () => {
    for (const t of ACTION_TYPES) {
      const parsed = ActionSchema.parse({ ...SAMPLE[t], text: SAMPLE[t].text ?? 'stray' });
      const own = ACTION_FIELD_ORDER.filter((f) => f in ACTIONS[t].fields && f in SAMPLE[t]);
      expect(Object.keys(parsed), t).toEqual(['type', 'coordinates', 'element_id', ...own]);
    }
    expect(StepSchema.safeParse(step(1, { action: SAMPLE.navigate })).success).toBe(true);
  });
});
