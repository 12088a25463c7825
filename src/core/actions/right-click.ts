// A right click: the context menu, on an element or a point.
import type { ActionKind, ActionOf } from './kind';
import { describeTarget } from './words';
import { mouse, pyAt } from './python';
import { clickStep } from './replay-parts';

export const fields = {};
export type RightClickAction = ActionOf<'right_click', typeof fields>;

export const right_click: ActionKind<RightClickAction> = {
  type: 'right_click', fields, scrubbed: {}, columns: {},
  causesNavigation: false,
  thought: (_a, target) => `Open the context menu on ${describeTarget(target)}.`,
  browserGym: (_a, at) => (at.bid ? `click(${at.bid}, button='right')` : mouse('mouse_click', at.point, ", button='right'")),
  pyAutoGui: (_a, at) => pyAt('rightClick', at.point, 'right click'),
  replay: (_a, at) => clickStep(at, { button: 'secondary' }),
};
