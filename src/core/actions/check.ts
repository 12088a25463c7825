// A checkbox or radio button set or cleared (`checked`: its state after).
import { z } from 'zod';
import type { ActionKind, ActionOf } from './kind';
import { column } from './kind';
import { describeTarget } from './words';
import { browserGymClick, pyAt } from './python';
import { clickStep } from './replay-parts';

export const fields = {
  checked: z.boolean().optional(),
};
export type CheckAction = ActionOf<'check', typeof fields>;

export const check: ActionKind<CheckAction> = {
  type: 'check', fields, scrubbed: {},
  columns: { checked: [column({ name: 'checked', type: 'bool', optional: true, doc: 'state after a check' }, (a: CheckAction) => a.checked)] },
  causesNavigation: true,
  thought: (a, target) => `${a.checked ? 'Check' : 'Uncheck'} ${describeTarget(target)}.`,
  // A check (or uncheck) is a click on the box: check()/uncheck() are no longer in BrowserGym's action set.
  browserGym: (_a, at) => browserGymClick(at),
  pyAutoGui: (_a, at) => pyAt('click', at.point, 'check'),
  replay: (_a, at) => clickStep(at),
};
