// A form submitted with no click or key step that implies it (a button
// activated some other way); see content/observers/form-observer.
import type { ActionKind, ActionOf } from './kind';
import { clip } from './words';
import { browserGymClick, pyAt } from './python';
import { clickStep } from './replay-parts';

export const fields = {};
export type SubmitAction = ActionOf<'submit', typeof fields>;

export const submit: ActionKind<SubmitAction> = {
  type: 'submit', fields, scrubbed: {}, columns: {},
  causesNavigation: true,
  thought: (_a, target) => `Submit the form${target?.name ? ` '${clip(target.name)}'` : ''}.`,
  browserGym: (_a, at) => browserGymClick(at),
  pyAutoGui: (_a, at) => pyAt('click', at.point, 'submit'),
  replay: (_a, at) => clickStep(at),
};
