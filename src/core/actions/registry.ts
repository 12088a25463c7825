// Every action type, one entry each: the compiler refuses an ActionType
// without its kind, and a kind filed under another type's name. What
// dispatches on an action's type reads its kind from here.
import type { ActionType } from '../schema';
import type { ActionBase, ActionKind } from './kind';
import { click } from './click';
import { double_click } from './double-click';
import { right_click } from './right-click';
import { typing } from './type';
import { key } from './key';
import { select } from './select';
import { check } from './check';
import { scroll } from './scroll';
import { submit } from './submit';
import { navigate } from './navigate';
import { tab_switch } from './tab-switch';
import { file } from './file';
import { drag } from './drag';

/** Record<ActionType, ActionKind>, each key holding the kind of its own type. */
export type ActionRegistry = { [K in ActionType]: ActionKind<ActionBase<K>> };

export const ACTIONS = {
  click, double_click, right_click, type: typing, key, select, check, scroll, submit, navigate, tab_switch, file, drag,
} satisfies ActionRegistry;

/** Each action type's action, as its kind declares it. */
export type ActionMap = { [K in ActionType]: (typeof ACTIONS)[K] extends ActionKind<infer A> ? A : never };

/**
 * The kind of `type`, typed for that type's actions. Called with a union of types it takes the union of their
 * actions: TypeScript cannot tie `ACTIONS[a.type]` to `a` itself, and the registry's type ties them here, once.
 */
export function kindOf<K extends ActionType>(type: K): ActionKind<ActionMap[K]> {
  const kinds: { [P in ActionType]: ActionKind<ActionMap[P]> } = ACTIONS;
  return kinds[type];
}

export function isActionType(type: string): type is ActionType {
  return Object.hasOwn(ACTIONS, type);
}

/** Whether a navigation right after an action of this type may have been caused by it (false for a name no action has). */
export function causesNavigation(type: string): boolean {
  return isActionType(type) && ACTIONS[type].causesNavigation;
}
