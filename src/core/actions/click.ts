// A left click (or a tap, or Enter on a button: the browser reports a click).
import type { ActionKind, ActionOf } from './kind';
import { describeTarget } from './words';
import { browserGymClick, pyAt } from './python';
import { clickStep } from './replay-parts';

export const fields = {};
export type ClickAction = ActionOf<'click', typeof fields>;

export const click: ActionKind<ClickAction> = {
  type: 'click', fields, scrubbed: {}, columns: {},
  causesNavigation: true,
  thought: (_a, target) => `Click ${describeTarget(target)}.`,
  browserGym: (_a, at) => browserGymClick(at),
  pyAutoGui: (_a, at) => pyAt('click', at.point, 'click'),
  replay: (_a, at) => clickStep(at),
};
