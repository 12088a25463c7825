// A double click (its second click is not a step of its own).
import type { ActionKind, ActionOf } from './kind';
import { describeTarget } from './words';
import { mouse, pyAt } from './python';

export const fields = {};
export type DoubleClickAction = ActionOf<'double_click', typeof fields>;

export const double_click: ActionKind<DoubleClickAction> = {
  type: 'double_click', fields, scrubbed: {}, columns: {},
  causesNavigation: true,
  thought: (_a, target) => `Double-click ${describeTarget(target)}.`,
  browserGym: (_a, at) => (at.bid ? `dblclick(${at.bid})` : mouse('mouse_dblclick', at.point)),
  pyAutoGui: (_a, at) => pyAt('doubleClick', at.point, 'double click'),
  replay: (_a, at) => (at.selectors.length
    ? { flow: [{ type: 'doubleClick', ...at.inFrame, selectors: at.selectors, ...at.offset() }] }
    : { skip: 'no element was recorded for this double click' }),
};
