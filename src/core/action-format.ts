// Serialise an action for a training dialogue: JSON, or a code-like call
// such as click(element_id=42, x=100, y=200).
import type { Action } from './schema';

export type ActionStyle = 'json' | 'call';

function compact(action: Action): Record<string, unknown> {
  const out: Record<string, unknown> = { type: action.type };
  if (action.element_id !== null) out.element_id = action.element_id;
  if (action.coordinates) out.coordinates = action.coordinates;
  for (const key of ['text', 'key', 'value', 'label', 'checked', 'url', 'navigation', 'scroll', 'files', 'to'] as const) {
    if (action[key] !== undefined) out[key] = action[key];
  }
  return out;
}

function literal(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
}

export function formatAction(action: Action, style: ActionStyle): string {
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
