// A short default description of a step, derived from the action and its
// target, which the reviewer can edit ("Click the 'Add to cart' button").
// Made from a step's scrubbed fields, then scrubbed whole (scrub/step-boundary).
// Each action type words its own (actions/<type>.ts).
import type { Action, Target } from './schema';
import { kindOf } from './actions/registry';

export function defaultThoughtTrace(action: Action, target: Target | null): string {
  return kindOf(action.type).thought(action, target);
}
