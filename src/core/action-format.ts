// Serialise an action for a training dialogue: JSON, a Python call such as
// click(element_id=42, x=100, y=200), BrowserGym's action, or pyautogui's.
import type { Action, Step } from './schema';
import { browserGymAction, pyAutoGuiAction, pyString } from './agent-action-styles';
import { ACTION_FIELD_ORDER } from './actions/kind';

export const ACTION_STYLES = ['json', 'call', 'browsergym', 'pyautogui'] as const;
export type ActionStyle = (typeof ACTION_STYLES)[number];

function compact(action: Action): Record<string, unknown> {
  const out: Record<string, unknown> = { type: action.type };
  if (action.element_id !== null) out.element_id = action.element_id;
  if (action.coordinates) out.coordinates = action.coordinates;
  for (const key of ACTION_FIELD_ORDER) {
    if (action[key] !== undefined) out[key] = action[key];
  }
  return out;
}

/** A Python literal: 'text', True/False, None, numbers, lists. */
function literal(value: unknown): string {
  if (typeof value === 'string') return pyString(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  return JSON.stringify(value);
}

/** A step's action in any style; `previousScroll` turns a scroll's resulting offset into a delta. */
export function formatStepAction(step: Pick<Step, 'action' | 'observation'>, style: ActionStyle, previousScroll?: { x: number; y: number }): string {
  if (style === 'browsergym') return browserGymAction(step, previousScroll);
  if (style === 'pyautogui') return pyAutoGuiAction(step, previousScroll);
  return formatAction(step.action, style);
}

export function formatAction(action: Action, style: 'json' | 'call'): string {
  const fields = compact(action);
  if (style === 'json') return JSON.stringify(fields);
  const args: string[] = [];
  if (action.element_id !== null) args.push(`element_id=${action.element_id}`);
  if (action.coordinates) args.push(`x=${action.coordinates[0]}`, `y=${action.coordinates[1]}`);
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'type' || k === 'element_id' || k === 'coordinates') continue;
    if (k === 'scroll') {
      const s = v as { x: number; y: number };
      args.push(`scroll_x=${s.x}`, `scroll_y=${s.y}`);
    } else args.push(`${k}=${literal(v)}`);
  }
  return `${action.type}(${args.join(', ')})`;
}
