// The step schema: one source for the TypeScript types, runtime validation
// (CLI `validate`) and the JSON Schema shipped in every export.
// The origin fields (task_id, step_id, timestamp, observation.{screenshot_path,
// dom_tree, active_window}, thought_trace, action.{type, coordinates,
// element_id}) are a contract: extra fields sit beside them, never replace them.
import { z } from 'zod';
import { ACTIONS, type ActionMap } from './actions/registry';
import { ACTION_FIELD_ORDER, type ActionFieldName, type ActionFieldShape } from './actions/kind';

export const SCHEMA_VERSION = '1.0.0';

export const ACTION_TYPES = [
  'click', 'double_click', 'right_click', 'type', 'key', 'select', 'check',
  'scroll', 'submit', 'navigate', 'tab_switch', 'file', 'drag',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const BoxSchema = z.object({
  x: z.number(), y: z.number(), width: z.number(), height: z.number(),
}).describe('CSS pixels in the top-level viewport (the screenshot frame)');
export type Box = z.infer<typeof BoxSchema>;

export const TargetSchema = z.object({
  element_id: z.number().int(),
  tag: z.string(),
  selector: z.string(),
  xpath: z.string(),
  role: z.string(),
  name: z.string().describe('accessible name'),
  text: z.string().describe('visible text, trimmed'),
  bbox: BoxSchema,
});
export type Target = z.infer<typeof TargetSchema>;

const ACTION_COMMON = {
  coordinates: z.tuple([z.number(), z.number()]).nullable()
    .describe('[x, y] in CSS pixels of the screenshot frame; null when the action has no point'),
  element_id: z.number().int().nullable().describe('id of a node in this step\'s dom_tree'),
};

/** Fields in the contract's order (ACTION_FIELD_ORDER), whichever kinds declare them. */
function inFieldOrder(fields: ActionFieldShape): Record<string, z.ZodType> {
  return Object.fromEntries(ACTION_FIELD_ORDER.flatMap((f) => (fields[f] ? [[f, fields[f]]] : [])));
}

const ACTION_MEMBERS = ACTION_TYPES.map((t) => z.object({ type: z.literal(t), ...ACTION_COMMON, ...inFieldOrder(ACTIONS[t].fields) }));

/**
 * One action: a union of one object per action type (actions/registry), each with its own fields only.
 * Zod cannot type a union built from a list, so its type is the one the registry gives (`Action`).
 */
export const ActionSchema = z.discriminatedUnion('type', ACTION_MEMBERS as [(typeof ACTION_MEMBERS)[number]]) as unknown as z.ZodType<Action>;

/** Each action type's action (ActionMap), and an action of any type. */
export type Action = ActionMap[ActionType];
export type { ActionMap };
/** An action before the recorder gives it its element id, per type. */
export type ActionFields = Action extends infer A ? (A extends Action ? Omit<A, 'element_id'> : never) : never;

/**
 * The action as the JSON Schema shipped in every export describes it: one object with every type's fields,
 * as it was before the union; that file is a contract (see origin.md), byte for byte.
 */
const ActionJsonSchema = z.object({
  type: z.enum(ACTION_TYPES), ...ACTION_COMMON,
  ...inFieldOrder(Object.assign({}, ...ACTION_TYPES.map((t) => ACTIONS[t].fields)) as ActionFieldShape),
});
/** Any type with any type's fields, as that JSON Schema allows (a test that gives every kind every field). */
export type ActionJson = Pick<Action, 'type' | 'coordinates' | 'element_id'> & { [F in ActionFieldName]?: Action[F] };

export const ObservationSchema = z.object({
  screenshot_path: z.string().nullable().describe('path inside the zip; null when the tab could not be captured'),
  dom_tree: z.string().describe('XML; every element carries id="N"'),
  active_window: z.string().describe('page title'),
  axtree: z.string().optional()
    .describe("accessibility tree as text, one node per line, indented two spaces per level: [N] role 'name' states, N the element's id in dom_tree; absent from steps recorded before it existed"),
  url: z.string(),
  viewport: z.object({ width: z.number(), height: z.number() }),
  device_pixel_ratio: z.number(),
  screenshot_captured_at: z.number().nullable(),
  screenshot_fresh: z.boolean().describe('true when the frame was captured after the last page change and before the action'),
  screenshot_note: z.string().optional(),
});
export type Observation = z.infer<typeof ObservationSchema>;

export const StepSchema = z.object({
  task_id: z.string().uuid(),
  step_id: z.number().int().min(1),
  timestamp: z.number().int().describe('ms since epoch of the action'),
  observation: ObservationSchema,
  thought_trace: z.string(),
  action: ActionSchema,
  target: TargetSchema.nullable(),
  tab_id: z.number().int(),
  frame_id: z.number().int(),
  confirmed: z.boolean(),
  replay: z.object({
    status: z.enum(['ok', 'failed', 'skipped']),
    reason: z.string().optional(),
  }).optional().describe('what `alien-dataflow replay --annotate` found when it replayed this step'),
});
export type Step = z.infer<typeof StepSchema>;

/** JSON Schema (draft 2020-12) for one line of trajectory.jsonl. */
export function stepJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(StepSchema.extend({ action: ActionJsonSchema }), { target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $id: 'https://alien-dataflow.local/schema/step.schema.json', title: 'ALIEN Dataflow step', version: SCHEMA_VERSION, ...schema };
}
